"""How often the chat view shows streamed text (structure, not timing: the clock is simulated, or only
waited past from below)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.pacing import QUIET, SLOWEST_FPS, STEADY_FPS, FramePacer
from tests.chat_probes import FrameStats


def simulate(arrivals: list[float], cost: float = 0.0) -> tuple[list[float], list[float]]:
    """Deltas arriving at `arrivals` (s) into a view that schedules a frame when none is due, as ChatView
    does; the times frames were shown, and how long each delta waited for its frame."""
    pacer = FramePacer()
    frames: list[float] = []
    due: float | None = None
    waiting: list[float] = []
    waits: list[float] = []
    for now in [*arrivals, float("inf")]:
        while due is not None and due <= now:  # the frame timer fires before this delta arrives
            frames.append(due)
            waits.extend(due - arrived for arrived in waiting)
            waiting = []
            pacer.shown(due, cost)
            due = None
        if now == float("inf"):
            break
        delay = pacer.delay(now)
        waiting.append(now)
        if due is None:
            due = now + delay
    return frames, waits


def test_a_steady_stream_is_shown_twenty_times_a_second_not_once_per_delta() -> None:
    arrivals = [n * 0.02 for n in range(500)]  # 50 deltas a second for 10 s
    frames, waits = simulate(arrivals)
    assert len(frames) <= STEADY_FPS * 10 + 1
    assert len(frames) >= STEADY_FPS * 10 * 0.9  # coalesced, not held back
    assert max(waits) <= 1 / STEADY_FPS + 1e-9  # no delta waits longer than one frame
    assert len(waits) == len(arrivals)  # every delta was shown


def test_the_first_delta_and_one_after_a_pause_are_shown_at_once() -> None:
    arrivals = [0.0, 0.02, 0.04, 0.06, 0.5, 0.52]
    _frames, waits = simulate(arrivals)
    assert waits[0] == 0.0  # the first of the answer
    assert waits[4] == 0.0  # after 0.44 s without a delta
    assert arrivals[4] - arrivals[3] > QUIET


def test_a_slow_stream_shows_every_delta_at_once() -> None:
    arrivals = [n * 0.1 for n in range(30)]  # 10 a second: each comes after the frame interval
    frames, waits = simulate(arrivals)
    assert waits == [0.0] * len(arrivals)
    assert len(frames) == len(arrivals)


def test_expensive_frames_stretch_the_interval_but_never_below_fifteen_a_second() -> None:
    arrivals = [n * 0.02 for n in range(500)]
    frames, waits = simulate(arrivals, cost=0.02)  # frames that take 20 ms each
    assert len(frames) < STEADY_FPS * 10
    assert len(frames) >= SLOWEST_FPS * 10 * 0.9
    assert max(waits) <= 1 / SLOWEST_FPS + 1e-9


# -- the view ---------------------------------------------------------------------------------------


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ChatView]:
    widget = ChatView()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_messages([MessageItem(1, "user", "Tell me", sender_name="me")])
    widget.append_message(MessageItem(2, "assistant", "", sender_name="Bot", status="streaming"))
    qtbot.waitUntil(widget.is_idle)
    yield widget


def test_the_view_schedules_the_first_delta_now_and_the_next_ones_a_frame_later(qtbot: QtBot, view: ChatView) -> None:
    stats = FrameStats.watch(view)
    view.append_delta(2, "Hello")
    assert view.frame_due_in() == 0  # shown in the next pass of the event loop
    qtbot.waitUntil(lambda: stats.frames == 1)
    view.append_delta(2, " there")  # right after a frame: waits for the next one
    assert view.frame_due_in() > 0
    qtbot.waitUntil(lambda: stats.frames == 2)
    assert view.rendered_text(2).rstrip() == "Hello there"
    qtbot.wait(round(QUIET * 1000) + 100)  # a pause (waited past from below: a slow machine only waits longer)
    view.append_delta(2, " again")
    assert view.frame_due_in() == 0


def test_the_end_of_an_answer_is_shown_when_it_is_reported_not_a_frame_later(view: ChatView) -> None:
    view.append_delta(2, "All of it")
    view.append_delta(2, ", to the last word.")
    assert view.frame_due_in() >= 0  # buffered, not shown yet
    view.update_message(MessageItem(2, "assistant", "All of it, to the last word.", sender_name="Bot"))
    assert view.rendered_text(2).rstrip() == "All of it, to the last word."  # no frame, no event loop needed
