"""Export and import of chats from the window: the file dialogs, the history call, and what the
user is told afterwards (a status-bar note, or one sentence in a message box)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.core.store import InvalidExportFile, StoreError
from desktop.services.history import HistoryService
from desktop.ui.plain_text import warn

STATUS_MS = 6000


def export_target(path: str, chosen_filter: str) -> tuple[Path, str]:
    """The file and format a save dialog's answer means: JSON when its name or filter says so."""
    fmt = "json" if path.endswith(".json") or "json" in chosen_filter.lower() else "md"
    target = Path(path)
    if fmt == "json" and target.suffix != ".json":
        target = target.with_suffix(".json")
    return target, fmt


class TransferActions(QObject):
    """File ▸ Export this chat / Export all chats / Import chats."""

    def __init__(
        self,
        history: HistoryService,
        window: QWidget,
        current: Callable[[], int | None],
        show_status: Callable[[str, int], None],
    ) -> None:
        super().__init__(window)
        self._history = history
        self._window = window
        self._current = current
        self._show_status = show_status

    def export_chats(self, everything: bool) -> None:
        conversation_id = None if everything else self._current()
        if not everything and conversation_id is None:
            QMessageBox.information(self._window, self.tr("Export"), self.tr("Open a chat first."))
            return
        name = "coze-chats" if everything else f"coze-chat-{conversation_id}"
        path, chosen = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export chats"),
            str(Path.home() / f"{name}.md"),
            self.tr("Markdown (*.md);;JSON, for import (*.json)"),
        )
        if not path:
            return
        target, fmt = export_target(path, chosen)
        try:
            self._history.export_to(target, conversation_id, fmt)
        except (OSError, StoreError) as exc:
            warn(self._window, self.tr("Export failed"), self.tr("Could not write the file: {error}").format(error=exc))
            return
        self._show_status(self.tr("Exported to {path}").format(path=target), STATUS_MS)

    def import_chats(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Import chats"), str(Path.home()), self.tr("Coze Desktop export (*.json)")
        )
        if not path:
            return
        try:
            result = self._history.import_from(Path(path))
        except (InvalidExportFile, OSError, StoreError) as exc:
            warn(self._window, self.tr("Import failed"), self.tr("Nothing was imported: {error}").format(error=exc))
            return
        QMessageBox.information(
            self._window,
            self.tr("Import finished"),
            self.tr("Imported {c} chats and {m} messages ({d} already here).").format(
                c=result.conversations_added, m=result.messages_added, d=result.skipped_duplicates
            ),
        )
