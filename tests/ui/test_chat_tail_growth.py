"""The open tail grows in place (text inserted into its document) only when that shows exactly what a
fresh render of the same text shows: same document, same lines, same pixels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import demo_texts_en, demo_texts_zh
from desktop.core.cozeserver.demo_bot import _long_answer
from desktop.ui.chat.documents import Page
from desktop.ui.chat.growth import appended_text
from desktop.ui.chat.markdown import CodeRegistry, MarkdownRenderer
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle

ANSWER = (
    "# A heading that grows\n\nSome **bold** and *italic* words, `code`, a [link](https://example.com) and an "
    "emoji 🎉 in a paragraph that wraps over several lines of the page because it is long enough.\n"
    "A soft break, then more words.\n\n"
    "这是一个中文段落，包含全角标点：逗号、句号。还有**加粗的中文**和English混排的文字，一直写到换行为止。\n\n"
    "> A quote that goes on\n> and on.\n\n"
    "- first item of a list\n- second item, longer than the first one\n  1. nested numbered\n\n"
    "| a | b |\n|---|---|\n| one cell | two cells |\n\n"
    "```python\ndef grow(text):\n    return text + 'more'  # 中文注释\n```\n\n"
    'Quotes "like this" & ampersands < angles, then the end.'
)


def pages(document: StreamingDocument) -> list[Page]:
    return [page for _index, page, _y in document.placed()]


def picture(page: Page) -> QImage:
    image = QImage(int(page.width), int(page.height) + 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    page.doc.drawContents(painter)
    painter.end()
    return image


@pytest.fixture
def style(qtbot: QtBot) -> ChatStyle:
    widget = QWidget()
    qtbot.addWidget(widget)
    return ChatStyle.from_widget(widget)


@pytest.mark.parametrize("step", [1, 3, 7])
def test_a_tail_grown_in_place_equals_a_fresh_render(style: ChatStyle, step: int) -> None:
    streamed = StreamingDocument(MarkdownRenderer(style), style)
    streamed.layout(420)
    updates = 0
    for end in range(step, len(ANSWER) + step, step):
        text = ANSWER[:end]
        streamed.update(text, budget=100_000)
        updates += 1
        fresh = StreamingDocument(MarkdownRenderer(style), style)
        fresh.update(text, budget=100_000)
        fresh.layout(420)
        ours, theirs = pages(streamed), pages(fresh)
        assert [p.doc.toHtml() for p in ours] == [p.doc.toHtml() for p in theirs], text
        assert [p.lines() for p in ours] == [p.lines() for p in theirs], text
        assert [(p.height, p.ideal, p.codes, p.quotes) for p in ours] == [
            (p.height, p.ideal, p.codes, p.quotes) for p in theirs
        ]
        assert streamed.height() == fresh.height()
        if end % 40 < step or end >= len(ANSWER):
            assert picture(ours[-1]) == picture(theirs[-1]), text
    # most frames grew the tail in place (a bold phrase opening shows as bold at once, tests/ui/test_open_marks.py:
    # that frame builds the tail anew, as a closing one does; 43 of 82 at step 7, 40 before)
    assert streamed.tails_built < updates * 0.55


def test_only_text_added_to_the_last_run_counts_as_appended() -> None:
    assert appended_text("<p>Hello</p>\n", "<p>Hello world</p>\n") == (" world", "Hello")
    assert appended_text("<p>a <strong>b</strong></p>", "<p>a <strong>b</strong>c</p>") is None  # after markup
    assert appended_text("<p>Hello</p>", "<p>Hello &amp; you</p>") is None  # an entity
    assert appended_text("<p>Hello</p>", "<p>Hello  you</p>") is None  # spaces Qt would collapse
    assert appended_text("<p>Hello</p>", "<p>Help</p>") is None  # not a growth
    assert appended_text("<p>Hello</p>", "<p>Hello\nyou</p>") is None  # a line break
    assert appended_text("<pre><code>x = </code></pre>", "<pre><code>x = 1</code></pre>") is None  # after a space


def test_a_page_that_cannot_grow_in_place_says_so(style: ChatStyle) -> None:
    page = Page(style, "<table><tr><td>cell</td></tr></table>")
    page.layout(300)
    assert not page.extend("<table><tr><td>cell more</td></tr></table>")  # the last block is after the table
    assert page.html == "<table><tr><td>cell</td></tr></table>"
    grown = Page(style, "<p>Hello</p>")
    grown.layout(300)
    assert grown.extend("<p>Hello world</p>") and grown.doc.toPlainText().rstrip() == "Hello world"
    assert grown.lines()[0].text.startswith("Hello world")


def test_a_tail_that_cannot_grow_in_place_refills_its_document(style: ChatStyle) -> None:
    streamed = StreamingDocument(MarkdownRenderer(style), style)
    streamed.layout(420)
    streamed.update("Some *emphasis", budget=100_000)
    document, built = pages(streamed)[-1].doc, streamed.tails_built
    streamed.update("Some *emphasis* closed", budget=100_000)  # markup: the tail is built anew
    assert streamed.tails_built == built + 1
    assert pages(streamed)[-1].doc is document  # the same document, refilled: no style sheet parsed again
    assert "<em>" in pages(streamed)[-1].html


def test_a_long_answer_streams_into_the_same_live_pages_as_a_fresh_render(style: ChatStyle) -> None:
    text = "\n\n".join([ANSWER] * 5)  # several live pages, and a freeze
    streamed = StreamingDocument(MarkdownRenderer(style), style)
    streamed.layout(420)
    most = 0
    for end in [*range(41, len(text), 41), len(text)]:
        streamed.update(text[:end], budget=100_000)
        fresh = StreamingDocument(MarkdownRenderer(style), style)
        fresh.update(text[:end], budget=100_000)
        fresh.layout(420)
        ours, theirs = pages(streamed), pages(fresh)
        assert [p.html for p in ours] == [p.html for p in theirs], end
        assert [p.lines() for p in ours] == [p.lines() for p in theirs], end
        assert [y for _i, _p, y in streamed.placed()] == [y for _i, _p, y in fresh.placed()]
        most = max(most, len(ours))
    assert most >= 4  # frozen, live pages and the tail
    assert picture(pages(streamed)[-2]) == picture(pages(fresh)[-2])


def test_a_completed_chunk_rebuilds_only_the_last_live_page(style: ChatStyle) -> None:
    streamed = StreamingDocument(MarkdownRenderer(style), style)
    streamed.layout(420)
    text = "\n\n".join(f"Paragraph {n} with a few words, enough to fill a line or so." for n in range(50))
    streamed.update(text, budget=100_000)
    before = pages(streamed)
    html = [page.html for page in before]
    assert len(before) >= 4  # live pages and the tail, nothing frozen yet
    streamed.update(text + "\n\nOne more paragraph.\n\nAnd the next", budget=100_000)
    after = pages(streamed)
    kept = len(before) - 2  # all but the last live page and the tail
    assert all(a is b for a, b in zip(after[:kept], before[:kept], strict=True))
    assert [page.html for page in after[:kept]] == html[:kept]
    assert len(after) >= len(before)


def test_a_completed_chunk_sets_again_only_a_short_live_page(style: ChatStyle) -> None:
    """Each completed paragraph, heading or list item sets the last live page again, with itself and the
    chunks already in that page: over an answer streamed a few words at a time, the live pages set about
    the answer's HTML once (1.4 times here), not again and again (4.8 times with pages of 1,500)."""
    text = "\n\n".join([ANSWER] * 6)
    streamed = StreamingDocument(MarkdownRenderer(style), style)
    streamed.layout(420)
    tables = 0
    for end in [*range(41, len(text), 41), len(text)]:
        streamed.update(text[:end], budget=100_000)
        started = [page.html.startswith("<table") for page in pages(streamed)[:-1]]  # all but the tail
        assert not any(started), end  # Qt puts an empty line above a table that starts a document
        tables = max(tables, sum("<table" in page.html for page in pages(streamed)))
    whole = sum(len(page.html) for page in pages(streamed))
    assert streamed.live_set < whole * 2, (streamed.live_set, whole)
    assert tables >= 2


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_long_answer_lays_out_as_one_document_would(style: ChatStyle, language: str) -> None:
    """Pages meet as blocks do in one document. Qt puts an empty line above a table that starts a document:
    a table that started a live page, or came after a frozen one, sat a line lower (zh: 3 tables of 3)."""
    text = _long_answer(demo_texts_en if language == "en" else demo_texts_zh)
    renderer = MarkdownRenderer(style)
    streamed = StreamingDocument(renderer, style)
    streamed.layout(780)
    for end in range(997, len(text), 997):
        streamed.update(text[:end], budget=100_000)
    streamed.update(text, budget=100_000, final=True)
    whole = Page(style, renderer.render_markdown(text, CodeRegistry()))
    whole.layout(780)
    ours = [(y + line.top, line.text.strip()) for _index, page, y in streamed.placed() for line in page.lines()]
    assert ours == [(line.top, line.text.strip()) for line in whole.lines()]
