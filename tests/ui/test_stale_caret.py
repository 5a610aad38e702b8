"""The streaming caret leaves no copy of itself behind. Found under Xvfb in 1 of 5 captures of the demo's
long English answer: a second, stale caret after "…the `Stop` button." while the live one was two blocks
lower. The frame that completes a paragraph can freeze every open page (the live HTML passed its limit)
while what follows is held back (a bare "#" waits for its words): the caret is then drawn at the end of a
frozen page. The next frame's repaint band started at the first line that changed among the open pages,
the new heading, below the old caret, and the follow-scroll's pixel copy carried that caret up with the
text. Before, 395 of 1,502 frames of the long answer (7 characters a frame, offscreen) left a stale caret.
The delegate now remembers where it drew the caret, and every band reaches up to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.streaming import LIVE_LIMIT
from tests.chat_probes import FrameStats
from tests.ui.test_chat_repaint import answer, paragraphs, shown_frame

WORDS = "Streaming answers arrive a few words at a time and the caret follows the last one shown. "


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ChatView]:
    widget = ChatView()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def screen_and_fresh(qtbot: QtBot, view: ChatView) -> tuple[QImage, QImage]:
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    qtbot.wait(30)  # (the paint the last frame asked for)
    window = view.window()
    on_screen = window.screen().grabWindow(window.winId()).toImage()  # the pixels the bands repainted left
    return on_screen, window.grab().toImage().convertToFormat(on_screen.format())  # everything painted anew


def test_a_caret_at_the_end_of_a_frozen_page_is_erased_when_the_next_block_starts(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([answer(1, paragraphs(8))])
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    shown_frame(qtbot, view, stats, 2, "An introduction.\n\n")
    paragraph = WORDS * (LIVE_LIMIT // len(WORDS) + 1)  # two of them pass the live pages' limit: frozen
    text = f"{paragraph}\n\n{paragraph}ends with the `Stop` button."
    for start in range(0, len(text), 100):  # a steady pace: each frame converted at once
        shown_frame(qtbot, view, stats, 2, text[start : start + 100])
    shown_frame(qtbot, view, stats, 2, "\n\n#")  # the paragraph is complete, the heading held back
    on_screen, fresh = screen_and_fresh(qtbot, view)
    assert on_screen == fresh  # the caret after "button."
    shown_frame(qtbot, view, stats, 2, "# Part 8: Markdown")  # the caret goes to the heading
    on_screen, fresh = screen_and_fresh(qtbot, view)
    assert on_screen == fresh  # and only there


def test_a_caret_in_a_streaming_tables_last_cell_leaves_no_copy_when_a_row_starts(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([answer(1, paragraphs(2))])
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    shown_frame(qtbot, view, stats, 2, "Compare:\n\n| Option | Speed | Notes |\n|---|:-:|---|\n| Cache | fast | kept")
    for piece in (" in memory |", "\n| Disk", " | slow | survives", " a restart |"):
        shown_frame(qtbot, view, stats, 2, piece)  # the caret from cell to cell, row to row
        on_screen, fresh = screen_and_fresh(qtbot, view)
        assert on_screen == fresh, piece
