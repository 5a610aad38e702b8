"""TurnListener: what a ChatTurn tells whoever shows it (the GUI's controller; `ask` listens to nothing)."""

from __future__ import annotations

from desktop.core.chat.events import Retrying
from desktop.core.store.models import Message


class TurnListener:
    """What a turn tells whoever shows it. Every method does nothing here: override what you need."""

    def message_added(self, message: Message) -> None:
        """A question or a new answer row (once per row)."""

    def answer_delta(self, message_id: int, text: str, reasoning: str) -> None:
        """More text and/or reasoning for an answer row."""

    def message_updated(self, message: Message) -> None:
        """A row's status, error, usage or final content changed."""

    def follow_ups_changed(self, questions: list[str]) -> None:
        """The suggested next questions."""

    def conversation_changed(self) -> None:
        """The conversation's title, Coze id or order changed."""

    def retrying(self, event: Retrying) -> None:
        """Coze is busy: the request is sent again shortly."""

    def message_replaced(self, message: Message) -> None:
        """A row was reworked (an edited question, an answer emptied for its new version): show it as it
        is now, not as a continuation of what was shown."""
