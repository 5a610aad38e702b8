"""Saying why a change to the history did not happen (read-only, busy, disk full) in the window's status
bar, where it does not stop the user; the change itself never half-happens (see StoreWrites)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from desktop.services.store_writes import WriteProblem
from desktop.ui.status_news import show_status

MESSAGE_MS = 10_000


class WriteProblemNotice(QObject):
    """Shows `StoreWrites.problem` kinds as one sentence in the window's status bar (`show` is the slot)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window

    def text(self, kind: str) -> str:
        if kind == WriteProblem.READ_ONLY:
            return self.tr(
                "Your chats are open read-only (Coze Desktop cannot write to its folder): nothing can be changed or added."
            )
        if kind == WriteProblem.BUSY:
            return self.tr(
                "The chat history is busy (another Coze Desktop command is writing to it): trying again in a moment…"
            )
        if kind == WriteProblem.NOT_NOW:
            return self.tr(
                "The chat history is busy (another Coze Desktop command is writing to it), so this was not done. Try again in a moment."
            )
        if kind == WriteProblem.GAVE_UP:
            return self.tr("The chat history stayed busy, so your change was not saved. Try again in a moment.")
        return self.tr("The disk is full, so your change was not saved. Free some disk space and try again.")

    def show(self, kind: str) -> None:
        show_status(self._window.statusBar(), lambda: self.text(kind), MESSAGE_MS)  # in the new language after a switch
