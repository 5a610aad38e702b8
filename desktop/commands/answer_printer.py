"""What `ask` prints of the answers as a chat streams: in the end, exactly the stored text.

A chat can carry several answer messages; they are printed in order of first appearance, separated
by a blank line. The completed message is the authority (it is what the history stores), so:

- on a terminal (`live`), the current answer streams delta by delta, later ones are printed whole
  when their turn comes; if a completed message does not continue what was streamed, a note goes to
  stderr and the answer is printed again as stored, so the last thing on screen is the stored text;
- into a pipe or a file, each answer is printed once it is final (completed, or at the end for one
  that never completed): stdout is then byte for byte what the history holds. (`--json` streams.)

JSON items and cards are held until complete and printed readable (see `desktop.core.coze.display`).

A live delta costs O(its length): once an answer's start shows it is plain text (or held), later
deltas are written (or skipped) without looking at the whole text again, and nothing is flushed per
delta: `flush()` runs before the stream waits for more (ChatPump's `on_idle`), so the terminal gets
every delta as soon as the bytes that carried it are read, in one write per network read (the
deltas of one read are joined, so the terminal stream's filter and encoder run once for all).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from desktop.commands.speech import say
from desktop.core.chat.events import AnswerCompleted, AnswerDelta, TurnEvent
from desktop.core.coze.display import held_for_terminal, terminal_text
from desktop.core.coze.transcript import AnswerState, ChatTranscript

REWRITTEN_NOTE = "the final answer differs from what streamed; here it is as stored:"
SETTLED_HEAD = 8  # an answer whose first 8 non-blank characters are in can no longer turn into held JSON


class AnswerPrinter:
    def __init__(
        self,
        out: TextIO,
        transcript: Callable[[], ChatTranscript | None],
        *,
        live: bool = True,
        note: Callable[[str], object] | None = None,
    ) -> None:
        self._out = out
        self._transcript = transcript  # the chat's transcript, once its stream started
        self._live = live
        self._note = note or (lambda _text: None)
        self._printed: dict[str, list[str]] = {}  # message id -> what was printed of it
        self._settled: set[str] = set()  # printed as final
        self._current: str | None = None  # the answer streaming live
        # Answers whose printing is decided for the rest of the stream: True = plain text, printed up to
        # date (a delta is just written), False = held until complete (a delta is skipped).
        self._decided: dict[str, bool] = {}
        self._waiting: list[str] = []  # printed, not handed to `out` yet: one write per flush, not per delta

    def on_event(self, event: TurnEvent) -> None:
        if isinstance(event, AnswerDelta):
            if self._live:
                self._on_delta(event.coze_message_id, event.text)
        elif isinstance(event, AnswerCompleted):
            if event.coze_message_id == self._current:
                self._settle(self._answers[event.coze_message_id], warn=True)
                self._current = None
            self._advance()

    def finish(self) -> None:
        """Print whatever has not been printed as final yet (answers that never completed included)."""
        for state in self._answers.values():
            if state.message_id in self._settled:
                continue
            if state.message_id not in self._printed:
                if not state.text:
                    continue
                self._start(state.message_id)
            self._settle(state, warn=False)
        if self._printed:
            self._waiting.append("\n")
        self._hand_over()

    def flush(self) -> None:
        """Hand what the live deltas printed to the terminal (called before the stream waits for more)."""
        if self._waiting:
            self._hand_over()

    @property
    def _answers(self) -> dict[str, AnswerState]:
        transcript = self._transcript()
        return transcript.answers if transcript is not None else {}

    def _on_delta(self, message_id: str, text: str) -> None:
        if self._current is None and message_id not in self._printed:
            self._advance()  # prints what is due, this delta included
            return
        if message_id == self._current and text:
            decided = self._decided.get(message_id)
            if decided:  # printed up to date and plain for good: the delta is what is new
                self._write(message_id, text)
            elif decided is None:
                self._catch_up(self._answers[message_id])  # held deltas too, when the text turned out plain

    def _advance(self) -> None:
        """Print the next answers in order: whole while they are complete; the first one still
        streaming becomes the live one (on a terminal) or is waited for (otherwise)."""
        if self._current is not None:
            return
        for state in self._answers.values():
            if state.message_id in self._settled:
                continue
            if not state.completed and not self._live:
                break
            if state.message_id not in self._printed:
                self._start(state.message_id)
            if state.completed:
                self._settle(state, warn=True)
                continue
            self._catch_up(state)
            self._current = state.message_id
            break
        self._hand_over()

    def _start(self, message_id: str) -> None:
        if self._printed:
            self._waiting.append("\n\n")
        self._printed[message_id] = []

    def _write(self, message_id: str, text: str) -> None:
        self._waiting.append(text)
        self._printed[message_id].append(text)

    def _hand_over(self) -> None:
        if self._waiting:
            self._out.write("".join(self._waiting))
            self._waiting.clear()
        self._out.flush()

    def _catch_up(self, state: AnswerState) -> None:
        text = state.text
        settled = len(text.lstrip()[:SETTLED_HEAD]) == SETTLED_HEAD or state.content_type in ("object_string", "card")
        if held_for_terminal(text, state.content_type):
            if settled:
                self._decided[state.message_id] = False
            return  # JSON items or a card: printed readable (pictures and files as URLs) once complete
        printed = "".join(self._printed[state.message_id])
        if text.startswith(printed):
            if len(text) > len(printed):
                self._write(state.message_id, text[len(printed) :])
            if settled:
                self._decided[state.message_id] = True

    def _settle(self, state: AnswerState, *, warn: bool) -> None:
        """Make what was printed of this answer its final text."""
        printed = "".join(self._printed[state.message_id])
        text = terminal_text(state.text, state.content_type)
        if text.startswith(printed):
            self._write(state.message_id, text[len(printed) :])
        else:
            if warn:
                self._hand_over()  # what streamed stays above the note
                self._note(say(REWRITTEN_NOTE))
            self._waiting.append("\n\n")
            self._printed[state.message_id] = []
            self._write(state.message_id, text)
        self._settled.add(state.message_id)
