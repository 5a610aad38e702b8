"""Frames that only add words to the line being written: nothing converted, no row laid out again, that
line repainted; frames converted while the answer keeps its height: no row laid out again either; and the
screen the same as a fresh paint (structure and pixels, not timing)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.ui.chat.chat_view import ChatView
from tests.chat_probes import FrameStats
from tests.ui.test_chat_repaint import answer, paragraphs, record_paints, shown_frame

PROSE = (
    "Streaming answers arrive a few words at a time, and most frames only add those words to the line "
    "being written, so the window should pay for the words and not for the whole paragraph again. "
    "中文的回答也是一样，每一帧只是在正在写的那一行后面加上几个字，不需要重新转换整个段落。"
)


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ChatView]:
    widget = ChatView()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def words(text: str) -> list[str]:
    """The text in pieces of a word (with its leading space) or two CJK characters."""
    pieces, start = [], 0
    for index in range(1, len(text) + 1):
        if index == len(text) or text[index] == " " or (not text[index].isascii() and index - start >= 2):
            pieces.append(text[start:index])
            start = index
    return pieces


def test_words_added_to_the_line_convert_nothing_and_repaint_only_that_line(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([answer(1, paragraphs(20))])
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    shown_frame(qtbot, view, stats, 2, "Streaming")
    paints = record_paints(qtbot, view)
    height = view.list_view.verticalScrollBar().maximum()
    line = view.list_view.viewport().height()
    grown = 0
    for piece in words(PROSE)[1:]:
        paints.rects.clear()
        shown_frame(qtbot, view, stats, 2, piece)
        qtbot.waitUntil(lambda: bool(paints.rects), timeout=5_000)
        if stats.converted[-1] == 0:  # grown in place
            grown += 1
            line = min(line, max(rect.height() for rect in paints.rects))
    assert grown > len(words(PROSE)) * 0.6  # wrapping onto a new line lays the row out again: the others grow
    assert line < 3 * view.fontMetrics().height()  # one line of text, not the paragraph or the view below it
    assert view.list_view.verticalScrollBar().maximum() > height  # the row grew as its lines wrapped
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    assert view.rendered_text(2).rstrip() == PROSE


def test_text_converted_while_the_answer_keeps_its_height_keeps_the_row_layout(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([answer(1, paragraphs(20))])
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    shown_frame(qtbot, view, stats, 2, "Some words first.\n\n- **Why")
    paints = record_paints(qtbot, view)
    rendered = view.list_view.delegate.cached(2)
    assert rendered is not None
    bar, line = view.list_view.verticalScrollBar(), view.fontMetrics().height()
    converted = kept = 0
    for piece in [" it matters:", "** Errors", " shapes", " the `Stop", "` button", " and **more", "** words", "."]:
        layout, height = rendered.layout, bar.maximum()
        paints.rects.clear()
        shown_frame(qtbot, view, stats, 2, piece)
        qtbot.waitUntil(lambda: bool(paints.rects), timeout=5_000)
        if stats.converted[-1] and bar.maximum() == height:  # a closing mark or a code span: converted
            converted += 1
            kept += rendered.layout is layout  # no row laid out again
            assert max(rect.height() for rect in paints.rects) < 3 * line  # the line that changed
    assert converted >= 3 and kept == converted
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    assert view.rendered_text(2).rstrip().endswith("Why it matters: Errors shapes the Stop button and more words.")


def test_the_screen_after_words_grown_in_place_equals_a_fresh_paint(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([answer(1, paragraphs(8))])
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    text = paragraphs(3) + PROSE + "\n\n- a list item that grows word by word\n- **bold** then words\n\n" + PROSE
    text += "\n\nWords with `code spans`, **bold** and *italic* marks, a [link](https://example.com) and more.\n\n"
    text += "| a | table |\n|---|---|\n| with cells | that grow |\n\n## A heading that grows\n\n" + PROSE
    for piece in words(text):
        shown_frame(qtbot, view, stats, 2, piece)
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    qtbot.wait(50)
    window = view.window()
    on_screen = window.screen().grabWindow(window.winId()).toImage()  # the pixels the line repaints left
    fresh = window.grab().toImage().convertToFormat(on_screen.format())  # everything painted anew
    assert on_screen == fresh


TABLE = (
    "| Measure | Good | Bad |\n|---|---|---|\n| Time to first word | under a second | several seconds |\n"
    "| Smoothness | steady text | bursts and jumps |\n"
)


@pytest.mark.parametrize("size", [3, 5])
def test_the_screen_after_a_table_widens_its_columns_equals_a_fresh_paint(
    qtbot: QtBot, view: ChatView, size: int
) -> None:
    """Cells streaming into a table widen its columns: the borders of its earlier rows move, though their
    lines of text do not (the demo's long answer left old borders on screen)."""
    view.set_messages([answer(1, paragraphs(8))])
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    text = paragraphs(2) + "A table:\n\n" + TABLE  # still the text being written
    for start in range(0, len(text), size):  # a few characters a frame, as the demo server's deltas
        shown_frame(qtbot, view, stats, 2, text[start : start + size])
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    qtbot.wait(50)
    window = view.window()
    on_screen = window.screen().grabWindow(window.winId()).toImage()  # the pixels the band repaints left
    fresh = window.grab().toImage().convertToFormat(on_screen.format())  # everything painted anew
    assert on_screen == fresh


def test_the_screen_after_a_code_block_s_language_streams_in_equals_a_fresh_paint(qtbot: QtBot, view: ChatView) -> None:
    """The delegate paints a code block's language in its empty header line: "```pyt" then "```python" changes
    no line of text."""
    view.set_messages([answer(1, paragraphs(8))])
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    text = paragraphs(2) + "```python\nfor part in range(3):\n    print(part)\n"
    for start in range(0, len(text), 3):
        shown_frame(qtbot, view, stats, 2, text[start : start + 3])
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    qtbot.wait(50)
    window = view.window()
    on_screen = window.screen().grabWindow(window.winId()).toImage()  # the pixels the band repaints left
    fresh = window.grab().toImage().convertToFormat(on_screen.format())  # everything painted anew
    assert on_screen == fresh
