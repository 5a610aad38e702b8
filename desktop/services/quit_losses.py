"""What quitting now would lose: answers only in memory because the history refused them (the disk is
full, or another process kept it busy), the ended ones UnsavedTurns keeps and the ones still streaming
whose last periodic save found the disk full. The window asks about them BEFORE it closes
(ui/quit_question.py), while the user can still go back, free some space and try again."""

from __future__ import annotations

from desktop.core.store.models import Message
from desktop.services.chat_controller import ChatController


class QuitLosses:
    def __init__(self, chats: ChatController, quit_budget_ms: int) -> None:
        self._chats = chats
        self._budget_ms = quit_budget_ms

    def answers(self) -> list[Message]:
        """Every answer not (wholly) in the history, with all the text it has so far."""
        streaming = [m for turn in self._chats.streaming_turns if turn.disk_full for m in turn.unsaved_answers()]
        return self._chats.unsaved.answers() + streaming

    def streaming(self) -> bool:
        """Some of `answers()` are still streaming (they stop at quit)."""
        return any(turn.disk_full for turn in self._chats.streaming_turns)

    def retry(self) -> None:
        """Try to save them all now (space was freed meanwhile?); `answers()` then says what is left."""
        self._chats.unsaved.save()
        for turn in self._chats.streaming_turns:
            turn.flush()

    def stop_streams(self) -> None:
        """The quit is decided: stop the streams and record what arrived, so a file written next has all of it."""
        self._chats.shutdown(self._budget_ms)
