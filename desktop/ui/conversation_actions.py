"""What the user can do to a whole conversation from the menus and the conversation list, beyond
opening it: pin or unpin it, and delete it once they confirm (its answer, if one streams, stops first).

Renaming is the list's own inline editor; export and import are `transfer_actions.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from desktop.services.chat_controller import ChatController
from desktop.services.history import HistoryService
from desktop.ui.plain_text import data_text, message_box


class ConversationActions(QObject):
    """Edit ▸ Pin or unpin chat / Delete chat… on the open conversation (`current()`), and the list's Delete.

    deleteOnCoze(str bot_id, str coze_conversation_id): the user also wants Coze's copy deleted."""

    deleteOnCoze = Signal(str, str)

    def __init__(
        self, history: HistoryService, chats: ChatController, window: QWidget, current: Callable[[], int | None]
    ) -> None:
        super().__init__(window)
        self._history = history
        self._chats = chats
        self._window = window
        self._current = current

    def delete_current(self) -> bool:
        return self.delete(self._current())

    def delete(self, conversation_id: int | None) -> bool:
        """Ask, then delete the conversation and its messages; True if it was deleted."""
        if conversation_id is None:
            return False
        conversation = self._history.conversations.get(conversation_id)
        if conversation is None:
            return False
        box = message_box(
            self._window,
            QMessageBox.Icon.Question,
            self.tr("Delete chat"),
            self.tr("Delete “{title}” and all its messages from this computer? This cannot be undone.").format(
                title=data_text(conversation.title) or self.tr("New chat")
            ),
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        coze_id = conversation.coze_conversation_id
        if coze_id:  # off by default: Coze's copy is the second copy people asked for
            box.setCheckBox(QCheckBox(self.tr("Also delete it on Coze"), box))
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False
        also_on_coze = bool(coze_id) and box.checkBox() is not None and box.checkBox().isChecked()
        self._chats.discard(conversation_id)
        self._history.delete(conversation_id)
        if also_on_coze and coze_id:
            self.deleteOnCoze.emit(conversation.bot_id, coze_id)
        return True

    def toggle_pin(self) -> None:
        """Pin the open conversation to the top of the list, or unpin it."""
        conversation_id = self._current()
        if conversation_id is None:
            return
        conversation = self._history.conversations.get(conversation_id)
        if conversation is not None:
            self._history.set_pinned(conversation_id, not conversation.pinned)
