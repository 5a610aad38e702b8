"""What the user can do to a whole conversation from the menus and the conversation list, beyond
opening it: pin or unpin it, and delete it with an Undo toast (its answer, if one streams, stops first).

Renaming is the list's own inline editor; export and import are `transfer_actions.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from desktop.core.chat.targets import key_of
from desktop.core.store import Conversation
from desktop.core.text_safety import isolate
from desktop.services.chat_controller import ChatController
from desktop.services.history import HistoryService
from desktop.ui.conversation_list import ConversationPane
from desktop.ui.plain_text import data_text
from desktop.ui.toast import Toast, Words


class ConversationActions(QObject):
    """Edit ▸ Pin or unpin chat / Delete chat on the open conversation (`current()`), and the list's Delete.

    Deleting asks nothing: the chat leaves the list at once (the next one opens, the list keeps the
    focus) and a toast offers Undo for a few seconds; only then (or at quit, or at the next delete) is
    it deleted from the history. A chat Coze also keeps (not a demo chat) gets a second button, "Also delete on
    Coze".

    deleteOnCoze(str key, str coze_conversation_id): the user also wants Coze's copy deleted (`key`: the bot
        id, or the chatflow's key: desktop.core.chat.targets)."""

    deleteOnCoze = Signal(str, str)

    def __init__(
        self,
        history: HistoryService,
        chats: ChatController,
        window: QWidget,
        current: Callable[[], int | None],
        pane: ConversationPane | None = None,
        *,
        is_demo_target: Callable[[str], bool] = lambda _key: False,
    ) -> None:
        super().__init__(window)
        self._history = history
        self._chats = chats
        self._window = window
        self._current = current
        self._pane = pane
        self._is_demo_target = is_demo_target  # a chat with this bot goes to the demo in this process
        self.toast = Toast(window)
        self.toast.expired.connect(self.finish_pending)
        self._pending: Conversation | None = None
        self._also_on_coze = False

    def delete_current(self) -> bool:
        return self.delete(self._current())

    def delete(self, conversation_id: int | None) -> bool:
        """Take the conversation out of the list with an Undo toast; True if it went."""
        if conversation_id is None or not self._history.writes.allowed():
            return False
        conversation = self._history.conversations.get(conversation_id)
        if conversation is None:
            return False
        self.finish_pending()  # one Undo at a time: an earlier deletion goes through now
        self._chats.discard(conversation_id)
        self._pending, self._also_on_coze = conversation, False
        self._hide(conversation_id)
        title = isolate(
            data_text(conversation.title)
        )  # the toast's words are functions: a language switch asks them again
        actions: list[tuple[Words, Callable[[], None]]] = [(lambda: self.tr("Undo"), self._undo)]
        # Off unless asked: Coze's copy is the second copy. The demo's chats were never on Coze (the demo
        # server in this process gave them their ids).
        if conversation.coze_conversation_id and not self._is_demo_target(key_of(conversation)):
            actions.append((lambda: self.tr("Also delete on Coze"), self._delete_on_coze_too))
        self.toast.show_message(
            lambda: self.tr("Deleted “{title}”.").format(title=title or self.tr("New chat")), actions
        )
        return True

    def finish_pending(self) -> None:
        """Delete for good what the toast still offered back (its time ran out, another delete, quit)."""
        conversation, self._pending = self._pending, None
        if conversation is None:
            return
        self.toast.expire()
        if self._pane is not None:
            self._pane.model.hidden.discard(conversation.id)
        self._history.delete(conversation.id)
        if self._also_on_coze and conversation.coze_conversation_id:
            self.deleteOnCoze.emit(key_of(conversation), conversation.coze_conversation_id)

    def _hide(self, conversation_id: int) -> None:
        """Out of the list; the chat below it (or above) opens, else a new chat; the list keeps the focus."""
        pane = self._pane
        if pane is None:
            self.finish_pending()
            return
        row = pane.model.row_of(conversation_id)
        neighbour = pane.model.id_at(row + 1) or pane.model.id_at(row - 1) if row >= 0 else None
        pane.model.hidden.add(conversation_id)
        pane.reload()
        if self._current() in (conversation_id, None):
            if neighbour is not None:
                pane.select(neighbour)
            else:
                pane.newRequested.emit()
        pane.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _undo(self) -> None:
        conversation, self._pending = self._pending, None
        if conversation is None or self._pane is None:
            return
        self._history.stop_abandoned(conversation.id)  # its answer's stream was stopped by the delete
        self._pane.model.hidden.discard(conversation.id)
        self._pane.reload()
        self._pane.select(conversation.id)
        self._pane.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _delete_on_coze_too(self) -> None:
        self._also_on_coze = True
        self.finish_pending()

    def toggle_pin(self) -> None:
        """Pin the open conversation to the top of the list, or unpin it."""
        conversation_id = self._current()
        if conversation_id is None:
            return
        conversation = self._history.conversations.get(conversation_id)
        if conversation is not None:
            self._history.set_pinned(conversation_id, not conversation.pinned)
