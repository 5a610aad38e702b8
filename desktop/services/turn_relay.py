"""What a chat turn changed, told to the views through the ChatController's signals."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance

from desktop.core.chat import TurnListener
from desktop.core.chat.events import Retrying
from desktop.core.store.models import Message


class ChatSignals(Protocol):
    """The ChatController's signals a relay emits (a protocol: no import cycle)."""

    messageAdded: SignalInstance
    answerDelta: SignalInstance
    messageUpdated: SignalInstance
    messageReplaced: SignalInstance
    followUpsChanged: SignalInstance
    conversationUpdated: SignalInstance
    retrying: SignalInstance


class Relay(TurnListener):
    """Tells the views, through the controller's signals, what a turn changed in one conversation."""

    def __init__(self, controller: ChatSignals, conversation_id: int) -> None:
        self._controller = controller
        self._id = conversation_id

    def message_added(self, message: Message) -> None:
        self._controller.messageAdded.emit(self._id, message)

    def answer_delta(self, message_id: int, text: str, reasoning: str) -> None:
        self._controller.answerDelta.emit(self._id, message_id, text, reasoning)

    def message_updated(self, message: Message) -> None:
        self._controller.messageUpdated.emit(self._id, message)

    def follow_ups_changed(self, questions: list[str]) -> None:
        self._controller.followUpsChanged.emit(self._id, questions)

    def conversation_changed(self) -> None:
        self._controller.conversationUpdated.emit(self._id)

    def retrying(self, event: Retrying) -> None:
        self._controller.retrying.emit(self._id, event.seconds, event.attempt, event.code)

    def message_replaced(self, message: Message) -> None:
        self._controller.messageReplaced.emit(self._id, message)
