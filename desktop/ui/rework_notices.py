"""What the chat view says about reworking turns: Regenerate and Edit wait while the shown chat streams
(`ReworkIntents.busy`), and a note says what the bot will remember when Coze's memory cannot follow a
regenerated older turn (the controller's `memoryNotice`)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance

from desktop.services.chat_controller import MEMORY_LOST, ChatController
from desktop.ui.chat.chat_view import ChatView

NOTICE_MS = 9000  # a notice about what the bot will remember stays longer than a hint


class _Shown(Protocol):
    """The presenter: which conversation is on screen."""

    @property
    def current(self) -> int | None: ...

    @property
    def currentChanged(self) -> SignalInstance: ...


class ReworkNotices(QObject):
    def __init__(self, chats: ChatController, view: ChatView, shown: _Shown, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._chats, self._view, self._shown = chats, view, shown
        chats.memoryNotice.connect(self.on_memory_notice)  # undone with this object (a child of the window)
        chats.busyChanged.connect(self.on_busy)
        shown.currentChanged.connect(self.on_current)

    def on_current(self, conversation_id: int | None) -> None:
        self._view.rework.busy = conversation_id is not None and self._chats.is_busy(conversation_id)

    def on_busy(self, conversation_id: int, busy: bool) -> None:
        if conversation_id == self._shown.current:
            self._view.rework.busy = busy

    def on_memory_notice(self, conversation_id: int, kind: str, count: int) -> None:
        """What the bot will remember, when Coze's memory cannot follow a regenerated or edited turn."""
        if conversation_id != self._shown.current:
            return

        def text() -> str:  # asked again if the language changes while it shows
            if kind == MEMORY_LOST:
                return self.tr(
                    "Coze could not be given back {0} later messages of this chat: the bot may not remember them."
                ).format(count)
            return self.tr(
                "Too many messages follow this answer to reorder them on Coze: the bot will remember the new answer as the latest message."
            )

        self._view.rework.toast.show_text(text, NOTICE_MS)
