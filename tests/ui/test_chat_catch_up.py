"""An answer whose documents are behind its text (a flood of deltas): converted in steps on the catch-up
timer only, never once more for each update that lands meanwhile (the end of the answer: its completed
text, the chat's end with the usage, the follow-ups). Structure only: characters converted, no timing."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.chat.blocks import ScanState, next_chunk
from desktop.ui.chat.catch_up import LATE, CatchUp
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.markdown import MarkdownRenderer
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle
from tests.chat_probes import FrameStats

SECTION = "## 第 {n} 节 Section {n}\n\n" + "".join(
    f"{i}. 扣子 Coze 流式输出 the quick brown fox。\n" for i in range(1, 41)
)
TEXT = "\n".join(SECTION.format(n=n) for n in range(60))  # ~92,000 characters: far more than a step converts


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ChatView]:
    widget = ChatView()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def answer(text: str, status: str, **fields: object) -> MessageItem:
    return MessageItem(9, "assistant", text, sender_name="Bot", status=status, **fields)  # type: ignore[arg-type]


def behind(qtbot: QtBot, view: ChatView) -> None:
    """The whole text arrives as deltas and one frame shows it: the row is left behind its text."""
    view.append_message(answer("", "streaming"))
    stats = FrameStats.watch(view)
    for start in range(0, len(TEXT), 40):
        view.append_delta(9, TEXT[start : start + 40])
    qtbot.waitUntil(lambda: stats.frames > 0)
    assert not view.list_view.is_idle()  # still catching up


def test_the_end_of_an_answer_converts_nothing_while_its_row_is_behind(qtbot: QtBot, view: ChatView) -> None:
    behind(qtbot, view)
    delegate = view.list_view.delegate
    before = delegate.converted
    # What one pass of the event loop holds at the end of a flood: the completed answer, the follow-ups, the
    # chat's end with its usage (each a model change, each a settle of the list).
    view.update_message(answer(TEXT, "complete"))
    view.set_follow_ups(["Another question?"])
    view.update_message(answer(TEXT, "complete", input_tokens=12, output_tokens=3400))
    assert delegate.converted == before  # the catch-up timer converts, one step per pass
    qtbot.waitUntil(view.is_idle, timeout=20_000)
    assert delegate.converted > before
    shown = view.rendered_text(9)
    assert "Section 59" in shown and shown.count("the quick brown fox") == 60 * 40


def test_frames_do_not_convert_a_row_that_is_behind(qtbot: QtBot, view: ChatView) -> None:
    behind(qtbot, view)
    stats = FrameStats.watch(view)
    view.append_delta(9, "\n\nMore words.")
    qtbot.waitUntil(lambda: stats.frames > 0)
    assert list(stats.converted) == [0]  # the frame laid the row out; its text is converted by the catch-up
    qtbot.waitUntil(view.is_idle, timeout=20_000)
    assert view.rendered_text(9).rstrip().endswith("More words.")


def test_an_end_after_the_completed_answer_with_the_same_text_converts_nothing(qtbot: QtBot, view: ChatView) -> None:
    text = "A short answer with **bold** words.\n\n- one\n- two"
    view.append_message(answer("", "streaming"))
    view.append_delta(9, text)
    qtbot.waitUntil(view.is_idle)
    delegate = view.list_view.delegate
    view.update_message(answer(text, "complete"))
    qtbot.waitUntil(view.is_idle)
    before = delegate.converted
    view.update_message(answer(text, "complete", input_tokens=12, output_tokens=34))
    qtbot.waitUntil(view.is_idle)
    assert delegate.converted == before


def test_a_step_with_its_deadline_passed_converts_one_chunk_and_ends_as_one_update(qtbot: QtBot) -> None:
    del qtbot  # (a QApplication)
    chunks, state = 0, ScanState()
    while (found := next_chunk(TEXT, state, True, False)) is not None:
        chunks, state = chunks + 1, found[1]
    stepped = _document()
    updates = 1
    while not stepped.update(TEXT, budget=10**9, final=True, deadline=0.0):
        updates += 1
    assert updates == chunks  # one chunk per update: the deadline had passed before each began
    whole = _document()
    assert whole.update(TEXT, budget=10**9, final=True)
    assert stepped.rendered_text() == whole.rendered_text()
    assert stepped.page_count() == whole.page_count()


def _document() -> StreamingDocument:
    style = ChatStyle.from_widget(QWidget())
    document = StreamingDocument(MarkdownRenderer(style), style)
    document.layout(800)
    return document


def test_a_timer_due_when_a_step_ends_fires_before_the_next_step(qtbot: QtBot) -> None:
    """A timer that came due during a step (the view's frame, the paint after steps) fires before the next step:
    a repeating step timer was due again 1 ms after a step *began*, so a longer step was followed at once by the
    next in the same pass, the window held for both."""
    order: list[str] = []
    owner = QObject()
    other = QTimer(owner, singleShot=True, interval=1)
    other.timeout.connect(lambda: order.append("other"))

    def step() -> None:
        order.append("step")
        other.start()  # due during this step
        outlasted = time.perf_counter() + 0.003  # (busy: the step's own work) longer than the other's interval
        while time.perf_counter() < outlasted:
            pass
        catch_up.run()

    catch_up = CatchUp(owner, step, lambda: None)
    catch_up.pending.add(9)
    catch_up.run()
    qtbot.waitUntil(lambda: order.count("step") >= 10)
    catch_up.pending.clear()
    qtbot.waitUntil(lambda: order[-1] == "other")
    assert order == ["step", "other"] * (len(order) // 2)


def test_a_step_due_while_the_thread_was_busy_lets_the_timers_due_by_then_go_first(qtbot: QtBot) -> None:
    """The thread held longer than a step's lateness allows (a pass of deltas, the answer's end): the step waits
    a turn, so it does not lengthen that stall before the frame's or the paint's timer had its turn."""
    order: list[str] = []
    owner = QObject()
    other = QTimer(owner, singleShot=True, interval=1)
    other.timeout.connect(lambda: order.append("other"))

    def step() -> None:
        order.append("step")
        catch_up.pending.clear()
        catch_up.run()

    catch_up = CatchUp(owner, step, lambda: None)
    catch_up.pending.add(9)
    catch_up.run()  # the step is due at once ...
    other.start()  # ... the other timer a millisecond later
    busy = time.perf_counter() + 2 * LATE  # ... and the thread is held (busy) meanwhile
    while time.perf_counter() < busy:
        pass
    qtbot.waitUntil(lambda: len(order) == 2)
    assert order == ["other", "step"]
