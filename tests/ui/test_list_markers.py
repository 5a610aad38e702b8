"""List markers in answers: a bullet or a number stands clear of its item's text, in English and
Chinese, nested or not, in a finished answer and in the tail of one being written."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.chat.documents import Page
from desktop.ui.chat.markdown import CodeRegistry, MarkdownRenderer
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle

ANSWER = (
    "- Evict the oldest entry\n- 先检查输入是什么\n  - nested item\n  - 嵌套的一项\n\n"
    "1. Measure the hit rate\n2. 选择策略\n   1. nested number\n"
)


@pytest.fixture
def style(qtbot: QtBot) -> ChatStyle:
    widget = QWidget()
    qtbot.addWidget(widget)
    return ChatStyle.from_widget(widget)


def marker_gaps(doc: QTextDocument) -> dict[str, int]:
    """Each list item's text → the blank pixels between its marker's ink and its text's ink."""
    width = 500
    doc.setTextWidth(width)
    image = QImage(width, int(doc.size().height()) + 2, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    doc.drawContents(painter)
    painter.end()
    layout, gaps = doc.documentLayout(), {}
    block = doc.begin()
    while block.isValid():
        if block.textList() is not None:
            rect = layout.blockBoundingRect(block)
            text_layout = block.layout()
            line = text_layout.lineAt(0)
            top, bottom = int(rect.y() + line.y()), int(rect.y() + line.y() + line.height())
            inked = [
                x for x in range(width) if any(QColor(image.pixel(x, y)).lightness() < 160 for y in range(top, bottom))
            ]
            text_x = rect.x() + line.naturalTextRect().x()
            marker = max(x for x in inked if x < text_x)
            text = min(x for x in inked if x >= text_x - 1)
            gaps[block.text().strip()] = text - marker - 1
        block = block.next()
    return gaps


def test_markers_stand_clear_of_their_text(style: ChatStyle) -> None:
    html = MarkdownRenderer(style).render_markdown(ANSWER, CodeRegistry())
    page = Page(style, html)  # owns the document
    gaps = marker_gaps(page.doc)
    assert len(gaps) == 7
    # Qt's own gap is one space (4 px at the 9 pt test font); the best chat clients leave about half an em.
    for text, gap in gaps.items():
        assert style.em * 0.4 <= gap <= style.em, (text, gap, style.em)


def test_the_text_of_an_item_keeps_its_look(style: ChatStyle) -> None:
    """Only the space Qt measures from the block's own font widens, not the item's letters."""
    html = MarkdownRenderer(style).render_markdown(
        "- Evict the oldest entry\n\nEvict the oldest entry\n", CodeRegistry()
    )
    page = Page(style, html)
    page.layout(500)
    doc = page.doc
    item, paragraph = doc.begin(), doc.begin().next()
    assert item.textList() is not None and paragraph.textList() is None
    item_layout, paragraph_layout = item.layout(), paragraph.layout()  # PySide: keep the layouts referenced
    words = len("Evict the oldest entry")
    widths = [
        layout.lineAt(0).cursorToX(words)[0] - layout.lineAt(0).cursorToX(0)[0]
        for layout in (item_layout, paragraph_layout)
    ]
    assert widths[0] == widths[1] > 100


def test_the_tail_being_written_spaces_its_markers_too(style: ChatStyle) -> None:
    document = StreamingDocument(MarkdownRenderer(style), style)
    document.update("- Evict the oldest entry\n- 先检查", budget=10**6)
    document.layout(500)
    document.update("- Evict the oldest entry\n- 先检查输入是什么", budget=10**6)  # the tail page is refilled
    last = document.last_page()
    assert last is not None
    gaps = marker_gaps(last[0].doc)
    assert set(gaps) == {"Evict the oldest entry", "先检查输入是什么"}
    assert all(gap >= style.em * 0.4 for gap in gaps.values()), gaps


def test_a_page_refilled_with_a_list_is_laid_out_once(style: ChatStyle) -> None:
    """Spacing the bullets changes each item's block format; Qt laid the page out as it read the HTML and
    again for each item (a streaming answer's tail and live pages are refilled many times a second)."""
    renderer = MarkdownRenderer(style)
    items = "".join(f"- **Point {n}:** a few words that go on for a while\n" for n in range(6))
    page = Page(style, renderer.render_markdown("A paragraph.\n\n" + items, CodeRegistry()))
    page.layout(500)
    layouts: list[tuple[object, ...]] = []
    page.doc.documentLayout().update.connect(lambda *area: layouts.append(area))  # each layout tells its area
    html = renderer.render_markdown("Another paragraph.\n\n" + items + "- one more\n", CodeRegistry())
    assert page.reset(html)
    assert len(layouts) == 1
    assert fresh_lines(page) == fresh_lines(Page(style, html), 500)
    assert set(marker_gaps(page.doc)) == {f"Point {n}: a few words that go on for a while" for n in range(6)} | {
        "one more"
    }


def fresh_lines(page: Page, width: float | None = None) -> list[tuple[float, float, str]]:
    if width is not None:
        page.layout(width)
    return [(line.top, line.x, line.text) for line in page.lines()]
