"""Streamed words added to the paragraph being written without converting it again (growth.py,
`StreamingDocument.grow`) show exactly what converting shows: the same HTML, lines and heights after every
frame, over real answers cut the way Coze's models cut them."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import demo_texts_en, demo_texts_zh
from desktop.core.cozeserver.deltas import split_deltas
from desktop.core.cozeserver.demo_bot import _long_answer
from desktop.ui.chat.documents import Page
from desktop.ui.chat.growth import growable, plain_growth, run_end
from desktop.ui.chat.markdown import MarkdownRenderer
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle
from tests.ui.test_chat_tail_growth import ANSWER

TRICKY = (
    "A paragraph with **bold words that go on** and _italic words too_ and `code spans that grow` here.\n"
    "1\n\n2. a numbered item that starts after a digit alone\n\n[a]\n\n[ref]: /url\n\n"
    "Snake_case_words and 2*3*4 maths, a*b*c, an e.g. abbreviation, 3.14 and 1,000 numbers.\n\n"
    "> A quote with **bold** that grows, and more words after it.\n\n"
    "- a list item that grows word by word\n  continued on a second line of the same item\n\n"
    "    indented code that must not grow in place\n    second line\n\n"
    "| a | b |\n|---|---|\n| a cell that grows | and another one |\n\n"
    "中文段落里有**加粗**、`代码`和English words，一直写下去，直到这一行换行为止。还有“引号”和‘单引号’。\n\n"
    "Words then a picture ![a cat](https://example.com/cat.png) and words after it.\n\n"
    "Setext heading\n===\n\nAn https://example.com/long/address that is not a link without brackets.\n\n"
    "Trailing stars at the end **\n\nThe end."
)
CORPUS = {
    "tail_growth": ANSWER,
    "tricky": TRICKY,
    "long_en": _long_answer(demo_texts_en),
    "long_zh": _long_answer(demo_texts_zh),
}


@pytest.fixture
def style(qtbot: QtBot) -> ChatStyle:
    widget = QWidget()
    qtbot.addWidget(widget)
    return ChatStyle.from_widget(widget)


def pages(document: StreamingDocument) -> list[Page]:
    return [page for _index, page, _y in document.placed()]


def frames(text: str, seed: int) -> list[str]:
    """The text as the window's frames show it: 1-4 deltas at a time."""
    pieces, rng, shown, out = split_deltas(text, random.Random(seed)), random.Random(seed + 1), 0, []
    while shown < len(pieces):
        shown += rng.choice((1, 2, 2, 3, 3, 4))
        out.append("".join(pieces[:shown]))
    return out


@pytest.mark.parametrize(("name", "seed"), [(name, seed) for name in CORPUS for seed in (1, 2)])
def test_words_grown_in_place_show_what_converting_shows(style: ChatStyle, name: str, seed: int) -> None:
    grown = StreamingDocument(MarkdownRenderer(style), style)
    converted = StreamingDocument(MarkdownRenderer(style), style)
    grown.layout(420)
    converted.layout(420)
    taken = steps = 0
    for text in frames(CORPUS[name], seed):
        steps += 1
        result = grown.grow(text[len(grown.text) :]) if text.startswith(grown.text) else None
        if result is None:
            grown.update(text, budget=100_000)
        else:
            taken += 1
        converted.update(text, budget=100_000)
        ours, theirs = pages(grown), pages(converted)
        assert [p.html for p in ours] == [p.html for p in theirs], text[-200:]
        assert [p.lines() for p in ours] == [p.lines() for p in theirs], text[-200:]
        assert [(p.height, p.codes, p.quotes) for p in ours] == [(p.height, p.codes, p.quotes) for p in theirs]
        assert grown.height() == converted.height()
    for document in (grown, converted):
        document.update(CORPUS[name], budget=100_000, final=True)
    assert [p.html for p in pages(grown)] == [p.html for p in pages(converted)]
    assert taken > steps * (0.2 if name in ("tricky", "tail_growth") else 0.4), (taken, steps)  # most prose grows


def test_growing_reports_the_last_line_and_a_new_line(style: ChatStyle) -> None:
    document = StreamingDocument(MarkdownRenderer(style), style)
    document.layout(300)
    document.update("Words", budget=100_000)
    top, bottom, taller = document.grow(" and more") or (0.0, 0.0, True)
    assert not taller and bottom > top
    assert document.rendered_text().rstrip() == "Words and more"
    height = document.height()
    while (result := document.grow(" words")) is not None and not result[2]:
        pass
    assert result is not None and result[0] == top  # the line it was written on wrapped
    assert document.height() > height


@pytest.mark.parametrize(
    ("text", "added", "ok"),
    [
        ("Some words", " and more", True),
        ("中文", "，继续写", True),
        ("Some words", " e.g. this", True),
        ("Some words", " end.", True),
        ("- item", " grows", True),
        ("1. item", " grows", True),
        ("1", ". item", False),  # a numbered list
        ("foo\n1.", " item", False),
        ("foo\n-", " item", False),  # a heading's underline, then a list
        ("foo\nbar", "- x", True),
        ("[a]", ": /url", False),  # a link's definition
        ("Some words", " and more ", False),  # ends in a space
        ("Some words", " and  more", False),  # two spaces
        ("Some words", " **bold", False),
        ("Some words", " a_b", False),
        ("Some words", "\nmore", False),
        ("Some words", ' "quoted', False),
        ("Some words", " “quoted", False),
        ("Some words", " see!", False),
        ("Some words", " <b", False),
        ("Some words", " #1", False),
    ],
)
def test_plain_growth(text: str, added: str, ok: bool) -> None:
    assert plain_growth(text, added) is ok


def test_what_may_grow() -> None:
    assert growable("A paragraph being written")
    assert growable("A paragraph being written.")
    assert not growable("A paragraph being **")  # a mark: what comes next decides what it is
    assert not growable("```python\nprint")
    assert not growable("text\n\n    indented code")
    assert run_end("<p>Hello</p>\n") == len("<p>Hello")
    assert run_end('<p><a href="x">link</a></p>') is None
    assert run_end("<p>a &amp; b</p>") is None
    assert run_end("<p>a <strong>b</strong></p>") == len("<p>a <strong>b")


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="ab c1.-*_`[]():!#>|\n，。中'\"&", min_size=1, max_size=60),
    st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=30),
)
def test_any_text_grown_in_place_shows_what_converting_shows(qapp: QApplication, text: str, cuts: list[int]) -> None:
    widget = QWidget()
    style = ChatStyle.from_widget(widget)
    widget.deleteLater()
    grown = StreamingDocument(MarkdownRenderer(style), style)
    converted = StreamingDocument(MarkdownRenderer(style), style)
    grown.layout(200)
    converted.layout(200)
    end = 0
    for cut in [*cuts, len(text)]:
        end = min(len(text), end + cut)
        shown = text[:end]
        if grown.grow(shown[len(grown.text) :]) is None:
            grown.update(shown, budget=100_000)
        converted.update(shown, budget=100_000)
        assert [p.html for p in pages(grown)] == [p.html for p in pages(converted)], shown
        assert [p.lines() for p in pages(grown)] == [p.lines() for p in pages(converted)], shown


@pytest.mark.parametrize(
    "answer", ["The value 2**(n) grows with n", "An escaped \\`tick and more words", "x**(y) then z"]
)
def test_a_closing_mark_shown_as_text_stays_after_the_grown_words(style: ChatStyle, answer: str) -> None:
    grown = StreamingDocument(MarkdownRenderer(style), style)
    converted = StreamingDocument(MarkdownRenderer(style), style)
    grown.layout(420)
    converted.layout(420)
    for end in range(1, len(answer) + 1):
        shown = answer[:end]
        if grown.grow(shown[len(grown.text) :]) is None:
            grown.update(shown, budget=100_000)
        converted.update(shown, budget=100_000)
        assert grown.rendered_text() == converted.rendered_text(), shown  # not "g**r" for "gr**"
