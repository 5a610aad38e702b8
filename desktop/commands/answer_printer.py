"""What `ask` prints of the answers as a chat streams."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from desktop.core.chat.events import AnswerCompleted, AnswerDelta, TurnEvent
from desktop.core.coze.display import held_for_terminal, terminal_text
from desktop.core.coze.transcript import AnswerState, ChatTranscript


class AnswerPrinter:
    """Writes answer text as it streams: the current message live, later ones whole, in order.

    A chat can carry several answer messages. The first one seen streams live; deltas of the
    others are held (in the transcript) and printed whole, separated by a blank line, once the live
    one completes, in order of first appearance.
    """

    def __init__(self, out: TextIO, transcript: Callable[[], ChatTranscript | None]) -> None:
        self._out = out
        self._transcript = transcript  # the chat's transcript, once its stream started
        self._written: dict[str, int] = {}  # message id -> characters printed
        self._live: str | None = None

    def on_event(self, event: TurnEvent) -> None:
        if isinstance(event, AnswerDelta):
            self._on_answer(event.coze_message_id, event.text)
        elif isinstance(event, AnswerCompleted):
            self._on_answer(event.coze_message_id, None)

    @property
    def _answers(self) -> dict[str, AnswerState]:
        transcript = self._transcript()
        return transcript.answers if transcript is not None else {}

    def _on_answer(self, message_id: str, delta: str | None) -> None:
        """`delta` is the text of an answer delta; None when the message completed."""
        state = self._answers[message_id]
        if self._live is None:
            self._start(message_id)
        if message_id != self._live:
            return
        if held_for_terminal(state.text, state.content_type) and not state.completed:
            return  # JSON items or a card: printed readable (pictures and files as URLs) once complete
        if delta:
            done = self._written[message_id]
            self._out.write(state.text[done:])  # held deltas too, when the text turned out to be plain
            self._written[message_id] = len(state.text)
            self._out.flush()
        elif delta is None and state.completed:
            self._catch_up(state)  # the completed message is the authority: print what deltas missed
            self._live = None
            self._next_live()

    def finish(self) -> None:
        """Print whatever has not been printed yet (messages that never completed included)."""
        for state in self._answers.values():
            if state.message_id not in self._written and state.text:
                self._start(state.message_id)
            if state.message_id in self._written:
                self._catch_up(state)
        if self._written:
            self._out.write("\n")
        self._out.flush()

    def _start(self, message_id: str) -> None:
        if self._written:
            self._out.write("\n\n")
        self._written[message_id] = 0
        self._live = message_id

    def _catch_up(self, state: AnswerState) -> None:
        text = terminal_text(state.text, state.content_type)
        done = self._written[state.message_id]
        if len(text) > done and text.startswith(text[:done]):
            self._out.write(text[done:])
            self._written[state.message_id] = len(text)

    def _next_live(self) -> None:
        for state in self._answers.values():
            if state.message_id in self._written:
                continue
            self._start(state.message_id)
            self._catch_up(state)
            if not state.completed:
                return
            self._live = None
        self._out.flush()
