"""The Help menu's actions: the Coze API documentation, the log folder, About."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import __version__

API_DOCS = "https://www.coze.cn/docs/developer_guides/coze_api_overview"


class HelpActions(QObject):
    def __init__(self, window: QWidget, log_dir: Path | None) -> None:
        super().__init__(window)
        self._window = window
        self.log_dir = log_dir

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
