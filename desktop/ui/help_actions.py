"""The Help menu's actions: the keyboard shortcuts, the Coze API documentation, the log folder, About."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import __version__

if TYPE_CHECKING:
    from desktop.ui.shortcuts_dialog import ShortcutsDialog  # imported when first shown (#21)

API_DOCS = "https://www.coze.cn/docs/developer_guides/coze_api_overview"


class HelpActions(QObject):
    def __init__(self, window: QWidget, log_dir: Path | None) -> None:
        super().__init__(window)
        self._window = window
        self.log_dir = log_dir
        self.shortcuts_dialog: ShortcutsDialog | None = None

    def shortcuts(self) -> None:
        """Help ▸ Keyboard shortcuts: one dialog, raised again if it is open (built anew each time:
        it is read in the language of the moment)."""
        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.close()
            self.shortcuts_dialog.deleteLater()
        available = {action.objectName() for action in self._window.findChildren(QAction)}  # what this window has
        from desktop.ui.shortcuts_dialog import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self._window, available)
        self.shortcuts_dialog.show()

    def about(self) -> None:
        QMessageBox.about(
            self._window,
            self.tr("About Coze Desktop"),
            self.tr(
                "<h3>Coze Desktop {version}</h3>"
                "<p>A desktop chat app for bots built on Coze (扣子).</p>"
                "<p>Your chats are stored on this computer; your token stays in the system keyring.</p>"
            ).format(version=__version__),
        )

    def open_docs(self) -> None:
        QDesktopServices.openUrl(QUrl(API_DOCS))

    def open_logs(self) -> None:
        if self.log_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_dir)))
