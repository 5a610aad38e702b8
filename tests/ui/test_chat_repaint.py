"""What a streaming frame repaints and rebuilds: only the part that changed (structure, not timing)."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QScrollBar, QStyle, QStyleOptionSlider, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import demo_texts_en
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.markdown import MarkdownRenderer
from desktop.ui.chat.repaint import repaint_below
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle
from tests.chat_probes import FrameStats


class Paints(QObject):
    """Records the rectangles of the paint events a widget gets."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())  # type: ignore[attr-defined]
        return False


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ChatView]:
    widget = ChatView()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def answer(message_id: int, text: str, **fields: object) -> MessageItem:
    return MessageItem(message_id, "assistant", text, sender_name="Bot", **fields)  # type: ignore[arg-type]


def paragraphs(count: int) -> str:
    return "".join(f"Paragraph {n}: some **text** that fills a line or two of the view.\n\n" for n in range(count))


def record_paints(qtbot: QtBot, view: ChatView) -> Paints:
    """Paint events of the message list from now on (after what was queued before has landed)."""
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    paints = Paints()
    view.list_view.viewport().installEventFilter(paints)
    qtbot.wait(50)
    paints.rects.clear()
    return paints


def shown_frame(qtbot: QtBot, view: ChatView, stats: FrameStats, message_id: int, text: str) -> None:
    frames = stats.frames
    view.append_delta(message_id, text)
    qtbot.waitUntil(lambda: stats.frames > frames, timeout=5_000)


def test_a_frame_that_grows_the_last_line_repaints_only_the_bottom_of_the_view(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([answer(1, paragraphs(30))])
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    shown_frame(qtbot, view, stats, 2, paragraphs(20) + "The last paragraph is being")
    paints = record_paints(qtbot, view)
    viewport = view.list_view.viewport()
    shown_frame(qtbot, view, stats, 2, " written")
    qtbot.waitUntil(lambda: bool(paints.rects), timeout=5_000)
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    painted = sum(rect.width() * rect.height() for rect in paints.rects)
    whole = viewport.width() * viewport.height()
    assert painted < whole / 4  # the tail paragraph and the row's footer, not every visible page
    assert min(rect.top() for rect in paints.rects) > viewport.height() / 2


def test_nothing_is_repainted_while_nothing_changes(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages([answer(1, paragraphs(10))])
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    shown_frame(qtbot, view, stats, 2, paragraphs(5) + "Still")
    paints = record_paints(qtbot, view)
    qtbot.wait(300)  # ten frames' worth of time with no delta
    assert paints.rects == []
    assert stats.frames == 1


def test_an_update_that_grows_the_tail_rebuilds_only_the_tail_page(view: ChatView) -> None:
    style = ChatStyle.from_widget(view)
    document = StreamingDocument(MarkdownRenderer(style), style)
    text = paragraphs(12) + "An open paragraph that wraps over a few lines." * 8
    document.update(text, budget=100_000)
    document.layout(600)
    pages = [page for _index, page, _y in document.placed()]
    tail_top = [y for _index, _page, y in document.placed()][-1]
    assert len(pages) >= 2
    built = document.tails_built
    document.update(text + " grows", budget=100_000)
    after = [page for _index, page, _y in document.placed()]
    assert all(a is b for a, b in zip(after, pages, strict=True))  # the tail grew in its own document
    assert document.tails_built == built
    lines = pages[-1].lines()
    assert len(lines) >= 3
    assert document.dirty_top == tail_top + lines[-1].top  # repainted from the line that grew, not the paragraph
    document.update(text + " grows", budget=100_000)
    assert document.dirty_top == float("inf")  # nothing new: nothing to repaint
    document.update(text + " grows.\n\nA new paragraph", budget=100_000)
    # The finished paragraph is now a live page where the tail was: repainted from its line that changed.
    assert tail_top <= document.dirty_top <= tail_top + lines[-1].top
    assert "few lines. grows." in document.rendered_text()


def test_a_column_that_widens_repaints_its_table_from_the_top_and_only_it(view: ChatView) -> None:
    style = ChatStyle.from_widget(view)
    document = StreamingDocument(MarkdownRenderer(style), style)
    text = paragraphs(3) + "| Measure | Good | Bad |\n|---|---|---|\n| Time to first word | under a second | sev"
    document.update(text, budget=100_000)
    document.layout(700)
    lines = [(y + line.top, line) for _index, page, y in document.placed() for line in page.lines()]
    header = next(top for top, line in lines if line.text == "Measure")
    before = max(top for top, line in lines if line.text.startswith("Paragraph 2"))
    document.update(text + "eral seconds", budget=100_000)  # wider than "Bad": the header's borders move
    assert before <= document.dirty_top < header  # from the line before the table (its border is above its text)
    document.update(text + "eral seconds |\n\nAfter the table, a paragraph", budget=100_000)
    document.update(text + "eral seconds |\n\nAfter the table, a paragraph grows", budget=100_000)
    assert document.dirty_top > header + 40  # the paragraph's line, not the table above it


LISTS = (  # a nested list ends (margins change below it), numbers reach 100 (the list's indent widens)
    "- Alpha\n  - nested one\n  - nested two\n- Beta\n\n"
    + "".join(f"{n}. 第{n}项 item\n" for n in range(95, 103))
    + "   - 嵌套\n\n- 第一项\n- 第二项\n  1. 一\n  2. 二\n\nAfter the lists.\n\n"
)


@pytest.mark.parametrize(
    ("blocks", "after"),
    [
        ("| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint('中文')\n```\n\n", 6),
        (LISTS, 1),  # all of the lists on screen at the end
    ],
    ids=["table-code", "lists"],
)
def test_what_is_on_screen_after_partial_repaints_equals_a_fresh_render(
    qtbot: QtBot, view: ChatView, blocks: str, after: int
) -> None:
    view.set_messages([answer(1, paragraphs(8))])
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    text = paragraphs(6) + blocks + paragraphs(after)
    for start in range(0, len(text), 23):  # frames that grow a line, start a block, scroll the view
        shown_frame(qtbot, view, stats, 2, text[start : start + 23])
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    qtbot.wait(50)
    window = view.window()
    on_screen = window.screen().grabWindow(window.winId()).toImage()  # the pixels the partial repaints left
    fresh = window.grab().toImage().convertToFormat(on_screen.format())  # everything painted anew
    assert on_screen == fresh


DOCSTRING = 'Intro.\n\n```python\ndef f():\n    """Yield (event, data) pairs from the lines of an SSE stream."""\n    return 1\n```\n'


def test_a_code_line_whose_colours_change_is_repainted_though_its_text_did_not(view: ChatView) -> None:
    """The highlighter colours a code block as a whole: the closing quotes of a docstring turn its first
    line (wrapped: its text unchanged) from a string's colour to a docstring's italics. The band started at
    the line the quotes went on, and the first line kept its old colours on screen."""
    style = ChatStyle.from_widget(view)
    document = StreamingDocument(MarkdownRenderer(style), style)
    closing = DOCSTRING.index('stream."""') + len('stream."""')
    document.update(DOCSTRING[: closing - 3], budget=100_000)
    document.layout(300)
    document.update(DOCSTRING[:closing], budget=100_000)
    lines = [(y + line.top, line.text) for _index, page, y in document.placed() for line in page.lines()]
    first = next(top for top, text in lines if text.startswith('    """Yield'))
    assert next(text for top, text in lines if top > first).strip()  # the docstring wraps onto a second line
    assert document.dirty_top <= first


def test_a_code_block_streamed_in_a_narrow_view_leaves_nothing_stale_on_screen(qtbot: QtBot, view: ChatView) -> None:
    view.resize(450, 600)
    view.set_messages([answer(1, paragraphs(8))])
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    view.append_delta(2, "", reasoning=demo_texts_en.REASONING["code"])  # as the demo's code answer starts
    stale = []
    text = demo_texts_en.CODE
    for start in range(0, len(text), 13):  # the demo's pace: about 13 characters a frame
        shown_frame(qtbot, view, stats, 2, text[start : start + 13])
        qtbot.waitUntil(view.is_idle, timeout=10_000)
        qtbot.wait(20)  # the frame's paint events land
        window = view.window()
        on_screen = window.screen().grabWindow(window.winId()).toImage()
        fresh = window.grab().toImage().convertToFormat(on_screen.format())
        if on_screen != fresh:
            stale.append(text[: start + 13])
    assert stale == []


def test_a_frame_with_no_row_laid_out_again_repaints_nothing_and_never_raises(qtbot: QtBot) -> None:
    """A streaming frame settled after a restyle (a live language switch mid-answer) laid out no row again:
    changed_top() is infinite and math.floor(inf) raised OverflowError inside Qt's event loop."""
    viewport = QWidget()
    qtbot.addWidget(viewport)
    viewport.resize(300, 200)
    for top in (math.inf, math.nan, 500.0):
        repaint_below(viewport, 0, top)
        repaint_below(viewport, 12, top)


def styled(view: ChatView) -> None:
    """The rule app.qss has for the list: a style sheet turns its viewport's background fill off."""
    view.setStyleSheet("QAbstractScrollArea#messageList { border: 2px solid transparent; border-radius: 4px; }")


def handle_of(bar: QScrollBar) -> tuple[QStyle.ComplexControl, QStyleOptionSlider, QStyle.SubControl, QWidget]:
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    return QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarSlider, bar


def test_a_streaming_frame_paints_no_widget_under_the_messages(qtbot: QtBot, view: ChatView) -> None:
    styled(view)
    view.set_messages([answer(1, paragraphs(30))])
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    shown_frame(qtbot, view, stats, 2, paragraphs(3) + "Growing")
    viewport = record_paints(qtbot, view)
    under = Paints()
    view.installEventFilter(under)
    view.list_view.installEventFilter(under)
    for word in (" word", " by", " word", ".\n\nA new paragraph", " that", " grows"):
        shown_frame(qtbot, view, stats, 2, word)
    qtbot.waitUntil(lambda: len(viewport.rects) > 0, timeout=5_000)
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    assert under.rects == []  # the list and the view under the viewport: nothing (the window neither)


def test_the_scroll_bar_repaints_only_when_its_handle_moves(qtbot: QtBot, view: ChatView) -> None:
    styled(view)
    view.set_messages([answer(1, paragraphs(200))])  # a long conversation: the handle is short
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    shown_frame(qtbot, view, stats, 2, "A line that grows")
    bar = view.list_view.verticalScrollBar()
    paints = Paints()
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    qtbot.wait(50)
    bar.installEventFilter(paints)
    for word in (" word",) * 3:  # the row keeps its height: range and value stay
        shown_frame(qtbot, view, stats, 2, word)
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    assert paints.rects == []
    handles = {bar.sliderPosition(): bar.style().subControlRect(*handle_of(bar)).getRect()}
    for _line in range(6):  # a line more per frame: the range grows, the handle moves by under a pixel
        shown_frame(qtbot, view, stats, 2, "\n\nA new line")
        qtbot.waitUntil(view.is_idle, timeout=10_000)
        handles[bar.sliderPosition()] = bar.style().subControlRect(*handle_of(bar)).getRect()
    assert len(paints.rects) < len(set(handles.values()))  # a repaint only for a handle that moved
    shown_frame(qtbot, view, stats, 2, "\n\n" + paragraphs(60))  # a lot more: the handle moves
    qtbot.waitUntil(lambda: len(paints.rects) > 0, timeout=5_000)


def test_the_scroll_bar_repaints_only_the_strip_its_handle_left_and_took(qtbot: QtBot, view: ChatView) -> None:
    """Fusion fills the whole bar with gradients: a streaming answer moved the handle of a long chat's bar a few
    pixels and the whole bar was painted again (~0.4 ms of the window's thread, 5 times a second)."""
    styled(view)
    view.set_messages([answer(1, paragraphs(200))])  # a long conversation: the handle is short
    view.append_message(answer(2, "", status="streaming"))
    stats = FrameStats.watch(view)
    shown_frame(qtbot, view, stats, 2, "A line that grows")
    bar = view.list_view.verticalScrollBar()
    paints = Paints()
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    qtbot.wait(50)
    bar.installEventFilter(paints)
    before = bar.style().subControlRect(*handle_of(bar))
    shown_frame(qtbot, view, stats, 2, "\n\n" + paragraphs(60))  # the handle moves and shrinks
    qtbot.waitUntil(lambda: len(paints.rects) > 0, timeout=5_000)
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    after = bar.style().subControlRect(*handle_of(bar))
    assert after != before and before.height() < bar.height() / 4
    strip = before.united(after)
    assert all(strip.top() - 3 <= rect.top() and rect.bottom() <= strip.bottom() + 3 for rect in paints.rects)
