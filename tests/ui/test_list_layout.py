"""Lists in answers keep one rhythm and their markers fit: after a nested list the next item comes at the
items' gap and the next paragraph at the paragraphs' gap, as after a flat list; a number of three or
more digits ("100.", "1000.") is drawn inside the page, its list's text moved right to make room. Measured
on the pages the chat view shows (the answer cut into chunks, finished or streaming), English and Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.chat.documents import Page
from desktop.ui.chat.markdown import MarkdownRenderer
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle

WIDTH = 500
WORDS = {
    "en": ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "After the list."],
    "zh": ["第一项", "第二项", "第三项", "第四项", "第五项", "列表之后的段落。"],
}


@pytest.fixture
def style(qtbot: QtBot) -> ChatStyle:
    widget = QWidget()
    qtbot.addWidget(widget)
    return ChatStyle.from_widget(widget)


def shown(style: ChatStyle, text: str, final: bool = True) -> StreamingDocument:
    document = StreamingDocument(MarkdownRenderer(style), style)
    document.update(text, budget=10**6, final=final)
    document.layout(WIDTH)
    return document


def tops(document: StreamingDocument) -> dict[str, tuple[float, float]]:
    """Each laid-out line's text (stripped) → its top and x, in the answer's coordinates."""
    return {line.text.strip(): (y + line.top, line.x) for _index, page, y in document.placed() for line in page.lines()}


def pitch(found: dict[str, tuple[float, float]], upper: str, lower: str) -> float:
    return found[lower][0] - found[upper][0]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("marker", ["-", "1."])
def test_after_a_nested_list_the_rhythm_is_a_flat_lists(style: ChatStyle, language: str, marker: str) -> None:
    a, b, c, d, e, after = WORDS[language]
    pad = " " * (len(marker) + 1)
    flat = tops(shown(style, f"{marker} {a}\n{marker} {b}\n{marker} {c}\n\n{after}\n"))
    item, end = pitch(flat, a, b), pitch(flat, c, after)
    assert item < end  # the paragraph after a list stands further than the next item
    # a nested list in the first item: the next item, then the paragraph
    first = tops(shown(style, f"{marker} {a}\n{pad}- {b}\n{pad}- {c}\n{marker} {d}\n\n{after}\n"))
    assert (pitch(first, a, b), pitch(first, b, c), pitch(first, c, d), pitch(first, d, after)) == (
        item,
        item,
        item,
        end,
    )
    # a nested list in the last item: the paragraph right after it
    last = tops(shown(style, f"{marker} {a}\n{marker} {b}\n{pad}- {c}\n{pad}- {d}\n\n{after}\n"))
    assert (pitch(last, a, b), pitch(last, b, c), pitch(last, c, d), pitch(last, d, after)) == (item, item, item, end)
    # two levels down, then back to the top level
    deep = tops(shown(style, f"{marker} {a}\n{pad}- {b}\n{pad}  - {c}\n{marker} {d}\n{marker} {e}\n\n{after}\n"))
    assert [pitch(deep, x, y) for x, y in ((a, b), (b, c), (c, d), (d, e), (e, after))] == [item] * 4 + [end]


def test_a_loose_lists_nested_list_ends_with_its_gap(style: ChatStyle) -> None:
    """Items with blank lines between them stand a paragraph's gap apart, after a nested list too."""
    found = tops(shown(style, "1. Alpha\n   - Beta\n   - Gamma\n\n2. Delta\n\n3. Epsilon\n\nAfter the list.\n"))
    loose = pitch(found, "Delta", "Epsilon")
    assert loose > pitch(found, "Beta", "Gamma")
    assert pitch(found, "Gamma", "Delta") == loose
    assert pitch(found, "Epsilon", "After the list.") == loose
    # a nested list in a loose list's last item; a paragraph after a nested list, in its item
    found = tops(shown(style, "1. Alpha\n\n2. Beta\n   - Gamma\n   - Delta\n\nAfter the list.\n"))
    assert pitch(found, "Alpha", "Beta") == pitch(found, "Delta", "After the list.") == loose
    found = tops(shown(style, "- Alpha\n  - Beta\n\n  More about alpha.\n- Gamma\n"))
    assert pitch(found, "Beta", "More about alpha.") == pitch(found, "More about alpha.", "Gamma") == loose


def ink(page: Page) -> tuple[QImage, int]:
    """`page` drawn with `pad` white pixels left of it, to see a marker drawn left of the page."""
    pad = 40
    image = QImage(int(page.width) + pad, int(page.height) + 2, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.translate(pad, 0)
    page.doc.drawContents(painter)
    painter.end()
    return image, pad


def first_ink(document: StreamingDocument) -> dict[str, float]:
    """Each list item's text → the x of the leftmost ink on its first line (its marker's), page coordinates."""
    found = {}
    for _index, page, _y in document.placed():
        image, pad = ink(page)
        layout, block = page.doc.documentLayout(), page.doc.begin()
        while block.isValid():
            if block.textList() is not None:
                rect, line = layout.blockBoundingRect(block), block.layout().lineAt(0)
                rows = range(int(rect.y() + line.y()), int(rect.y() + line.y() + line.height()))
                dark = (
                    x for x in range(image.width()) if any(QColor(image.pixel(x, y)).lightness() < 160 for y in rows)
                )
                found[block.text().strip()] = next(dark) - pad
            block = block.next()
    return found


@pytest.mark.parametrize("final", [True, False], ids=["finished", "streaming"])
@pytest.mark.parametrize(
    ("text", "parent"),
    [
        ("98. Alpha\n99. Beta\n100. Gamma\n101. Delta\n", None),
        ("998. 第一项\n999. 第二项\n1000. 第三项\n1001. 第四项\n", None),
        ("1000. Alpha\n1001. Beta\n", None),
        ("- Alpha\n\n  100. Beta\n  101. Gamma\n", "Alpha"),
        ("> 引用：\n>\n> 100. 第一项\n> 101. 第二项\n", "引用："),
    ],
)
def test_a_long_number_fits_in_its_lists_indent(style: ChatStyle, text: str, parent: str | None, final: bool) -> None:
    document = shown(style, text + "\nAfter the list.\n" if final else text, final)
    lines = tops(document)
    markers = first_ink(document)
    numbered = [item for item in markers if item != parent]
    edge = lines[parent][1] if parent is not None else 0.0  # the parent's text (an item's, a quote's) or the page's
    for item in numbered:
        assert markers[item] >= edge, (item, markers[item], edge)  # before: "100." began 6 px left of the page
    columns = {lines[item][1] for item in numbered}
    assert len(columns) == 1  # the items' text stays in one column
    assert columns.pop() - edge <= style.em * 3  # room for the number, not a page's width


def test_short_numbers_and_bullets_keep_their_indent(style: ChatStyle) -> None:
    lines = tops(shown(style, "1. Alpha\n2. Beta\n\n- Gamma\n  - Delta\n\n9. Epsilon\n"))
    indent = round(style.em * 1.5)
    assert [lines[item][1] for item in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")] == [
        indent,
        indent,
        indent,
        2 * indent,
        indent,
    ]


STREAMED = (
    "Steps:\n\n- Alpha\n  - nested one\n  - nested two\n- Beta\n\n"
    + "".join(f"{n}. 第{n}项 item\n" for n in range(97, 102))
    + "\n> 引用：\n>\n> 99. 一\n> 100. 二\n\nAfter the lists.\n"
)


@pytest.mark.parametrize("step", [1, 4])
def test_a_list_streamed_shows_what_a_fresh_render_shows(style: ChatStyle, step: int) -> None:
    """Frame after frame (the tail grown in place or built anew, items added, the indent widened by "100."),
    the lines stand where a fresh render of the same text puts them; the finished answer too."""
    streamed = StreamingDocument(MarkdownRenderer(style), style)
    streamed.layout(WIDTH)
    for end in [*range(step, len(STREAMED), step), len(STREAMED)]:
        streamed.update(STREAMED[:end], budget=10**6)
        fresh = shown(style, STREAMED[:end], final=False)
        assert tops(streamed) == tops(fresh), STREAMED[:end]
    streamed.update(STREAMED, budget=10**6, final=True)
    assert tops(streamed) == tops(shown(style, STREAMED))
    assert [p.html for _i, p, _y in streamed.placed()] == [p.html for _i, p, _y in shown(style, STREAMED).placed()]
