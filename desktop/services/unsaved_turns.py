"""Answers the history refused (#13 item 1): the disk is full (or the history stayed busy) when a chat
ended. Their text stays in memory, the view shows them whole with what is wrong ("not saved yet: the
disk is full"), and saving is tried again every SAVE_RETRY_MS, so once there is room nothing is lost.
What is still unsaved at quit is offered to be saved to a file (see ui/unsaved_answers.py).

Signals:
    shown(conversation_id, Message)   an unsaved answer as the view should show it (whole text, the error)
    saved(conversation_id)            a turn's answers are in the history now (they were shown as stored)
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.chat import ChatTurn
from desktop.core.store.models import Message, UnsavedError

log = logging.getLogger(__name__)

SAVE_RETRY_MS = 2000


class UnsavedTurns(QObject):
    shown = Signal(int, object)
    saved = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._turns: dict[int, list[ChatTurn]] = {}
        self._timer = QTimer(self)
        self._timer.setInterval(SAVE_RETRY_MS)
        self._timer.timeout.connect(self.save)

    def add(self, conversation_id: int, turn: ChatTurn) -> None:
        """An ended turn the history refused: keep it, show it, try again later."""
        turns = self._turns.setdefault(conversation_id, [])
        if turn not in turns:
            turns.append(turn)
        self._timer.start()
        for message in turn.unsaved_answers():
            self.shown.emit(conversation_id, message)

    def stop(self) -> None:
        """No more tries (the app is quitting, the history closes): what is unsaved stays in `answers()`."""
        self._timer.stop()

    def forget(self, conversation_id: int) -> None:
        """The conversation is deleted: nothing of it is to be saved any more."""
        self._turns.pop(conversation_id, None)

    def save(self) -> None:
        """Try again to save each refused turn; each one saved is shown as stored (by its listener)."""
        for conversation_id, turns in list(self._turns.items()):
            for turn in list(turns):
                try:
                    turn.save_pending()
                except UnsavedError as exc:
                    log.info("an answer in conversation %s is still not saved: %s", conversation_id, exc)
                    continue
                turns.remove(turn)
                log.info("an answer in conversation %s is saved now", conversation_id)
                self.saved.emit(conversation_id)
            if not turns:
                del self._turns[conversation_id]
        if not self._turns:
            self._timer.stop()

    def answers(self) -> list[Message]:
        """Every answer still only in memory, with all its text (to be saved to a file at quit)."""
        return [message for turns in self._turns.values() for turn in turns for message in turn.unsaved_answers()]
