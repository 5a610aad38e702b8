"""`ask` on a terminal (#21): each delta costs O(its length) however long the answer already is, the
terminal is written once per network read (not per delta or per line), and the person still sees
every delta as soon as it is read."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from desktop.commands.answer_printer import AnswerPrinter
from desktop.core.chat.events import AnswerCompleted, AnswerDelta
from desktop.core.coze.transcript import AnswerState, ChatTranscript
from desktop.core.cozeserver import CozeServer, Scenario
from tests.coze_fixtures import BOT, TOKEN


class CountingState(AnswerState):
    """An AnswerState that counts how often its whole text is asked for (a join of every delta)."""

    reads = 0

    @property
    def text(self) -> str:
        CountingState.reads += 1
        return "".join(self.parts)


class CountingOut(io.StringIO):
    flushes = 0
    writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)

    def flush(self) -> None:
        self.flushes += 1
        super().flush()


def stream_live(texts: list[str], content_type: str = "text") -> tuple[CountingOut, AnswerPrinter]:
    transcript = ChatTranscript()
    state = CountingState("m1", "answer", content_type)
    transcript.answers["m1"] = state
    out = CountingOut()
    printer = AnswerPrinter(out, lambda: transcript, live=True)
    for text in texts:
        state.parts.append(text)  # what the transcript does before the delta reaches the printer
        printer.on_event(AnswerDelta("m1", text, ""))
    printer.flush()  # as the stream does before it reads more
    return out, printer


def test_a_live_delta_does_not_look_at_the_whole_answer_again() -> None:
    CountingState.reads = 0
    texts = ["Hello", ", this is", " a long", " answer"] + [f" part {i}" for i in range(2_000)]
    out, _printer = stream_live(texts)
    assert out.getvalue() == "".join(texts)
    assert CountingState.reads <= 3  # until its first 8 characters showed it is plain text


def test_a_held_answer_is_not_looked_at_per_delta_either() -> None:
    CountingState.reads = 0
    texts = ['[{"type"', ':"text","text":"a"}'] + [" "] * 2_000
    out, _printer = stream_live(texts)
    assert out.getvalue() == ""  # JSON items: printed readable once complete
    assert CountingState.reads <= 3


def test_deltas_are_written_and_flushed_by_the_stream_not_one_by_one() -> None:
    out, printer = stream_live(["Hello world, ", "more ", "and more"])
    printer.flush()
    writes, flushes = out.writes, out.flushes
    for text in ["x"] * 100:
        printer.on_event(AnswerDelta("m1", text, ""))
    assert (out.writes, out.flushes) == (writes, flushes)  # a hundred deltas: nothing handed over yet
    printer.flush()
    printer.flush()  # nothing new: no second write or flush
    assert (out.writes, out.flushes) == (writes + 1, flushes + 1)
    assert out.getvalue() == "Hello world, more and more" + "x" * 100


def test_the_completed_text_still_wins_after_a_fast_streamed_answer() -> None:
    out, printer = stream_live(["Hello world, ", "stream", "ed"])
    transcript_state = printer._answers["m1"]
    transcript_state.parts[:] = ["Hello world, streamed!"]
    transcript_state.completed = True
    printer.on_event(AnswerCompleted("m1", "Hello world, streamed!", "", "text"))
    printer.finish()
    assert out.getvalue() == "Hello world, streamed!\n"


def test_on_a_terminal_each_delta_shows_while_the_answer_still_streams(server: CozeServer, tmp_path: Path) -> None:
    words = [f"word{i}" for i in range(12)]
    server.queue(Scenario("slow", text=" ".join(words), pace=0.1))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # a terminal as people have it
    env.update(COZE_API_TOKEN=TOKEN, COZE_API_BASE=server.base_url, COZE_BOT_ID=BOT)
    master, slave = pty.openpty()
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--profile", str(tmp_path / "p"), "ask", "hi"],
        stdout=slave,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    os.close(slave)
    seen = b""
    reads: list[bytes] = []  # what each read of the terminal got
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                break
            try:
                data = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            reads.append(data)
            seen += data
    finally:
        os.close(master)
        child.wait(30)
    assert child.returncode == 0
    assert seen.replace(b"\r\n", b"\n") == (" ".join(words) + "\n").encode()

    # The middle of the answer reached the terminal before its end was sent, not all at once at the end.
    def first_read_with(word: str) -> int:
        return next(i for i in range(len(reads)) if word.encode() in b"".join(reads[: i + 1]))

    assert first_read_with("word5") < first_read_with("word11")
