"""A long question's bubble is folded: it lays out its first FOLD_CHARS characters with "Show all (N characters)"
under it until that is clicked, and "Show less" folds it again. Before, the bubble of a 4 MB question was
converted and laid out whole, page after page, on the window's thread while the answer streamed (BENCHMARKS.md,
"A huge question sent to the demo bot"). What is copied is always the whole question."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.vocabulary import Role
from desktop.ui import i18n
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.folding import FOLD_CHARS, FOLD_LINES, SHOW_ALL, folded
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.rows import COPY
from tests.chat_probes import point_for_action

LINE = "一段很长的问题 with some English words, 第几行都一样。"  # no line breaks: one long paragraph
QUESTION = " ".join([LINE] * 5_000)  # ~230,000 characters


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ChatView]:
    widget = ChatView()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def shown(view: ChatView, message_id: int) -> str:
    rendered = view.list_view.delegate.cached(message_id)
    return rendered.content.text if rendered is not None else ""


def fold_text(view: ChatView, message_id: int) -> str:
    lv = view.list_view
    item = view.item(message_id)
    assert item is not None
    layout = lv.delegate.layout(item, lv.rows.get(message_id), lv.row_width)
    assert layout is not None
    return next((label.text for label in layout.labels if label.href == SHOW_ALL), "")


def test_a_long_question_lays_out_its_start_until_show_all(qtbot: QtBot, view: ChatView) -> None:
    view.set_messages(
        [MessageItem(1, Role.USER, QUESTION, created_at=1_760_000_000.0), MessageItem(2, Role.USER, "short")]
    )
    qtbot.waitUntil(view.is_idle, timeout=20_000)
    delegate = view.list_view.delegate
    assert len(shown(view, 1)) <= FOLD_CHARS + 1 and shown(view, 1).endswith("…")  # before: all 230,000
    assert delegate.converted <= FOLD_CHARS + 100  # and no more was converted to documents
    assert fold_text(view, 1) == f"Show all ({len(QUESTION):,} characters)" and fold_text(view, 2) == ""

    qtbot.mouseClick(view.list_view.viewport(), Qt.MouseButton.LeftButton, pos=point_for_action(view, 1, COPY))
    assert QGuiApplication.clipboard().text() == QUESTION  # Copy takes the whole question, folded or not

    qtbot.mouseClick(view.list_view.viewport(), Qt.MouseButton.LeftButton, pos=point_for_action(view, 1, SHOW_ALL))
    qtbot.waitUntil(lambda: shown(view, 1) == QUESTION and view.is_idle(), timeout=60_000)
    assert fold_text(view, 1) == "Show less"
    qtbot.mouseClick(view.list_view.viewport(), Qt.MouseButton.LeftButton, pos=point_for_action(view, 1, SHOW_ALL))
    qtbot.waitUntil(lambda: shown(view, 1) == folded(QUESTION) and view.is_idle(), timeout=20_000)


def test_a_question_of_many_short_lines_folds_at_a_line() -> None:
    lines = "\n".join(f"line {n}" for n in range(100))
    assert folded(lines) == "\n".join(f"line {n}" for n in range(FOLD_LINES)) + "…"
    assert folded("x" * FOLD_CHARS) == "x" * FOLD_CHARS  # up to the bound, whole


def test_the_fold_speaks_chinese(qtbot: QtBot, view: ChatView) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install_translators(app, "zh_CN")
    try:
        view.set_messages([MessageItem(1, Role.USER, "为什么" * 1_000)])
        qtbot.waitUntil(view.is_idle, timeout=20_000)
        assert fold_text(view, 1) == "展开全部（共 3,000 个字符）"
    finally:
        i18n.install_translators(app, "en")


def test_select_all_and_copy_take_a_folded_question_whole(qtbot: QtBot, view: ChatView) -> None:
    question = " ".join(f"word{n}" for n in range(400))  # 3,089 characters: folded
    view.set_messages([MessageItem(1, Role.USER, question), MessageItem(2, Role.ASSISTANT, "answer")])
    qtbot.waitUntil(view.is_idle, timeout=20_000)
    lv = view.list_view
    lv.setFocus()
    qtbot.keyClick(lv, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(lv, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == f"{question}\n\nanswer"  # before: 809 characters ending "…"
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(lv, Qt.Key.Key_C, modifiers)  # Markdown
    assert QGuiApplication.clipboard().text() == f"{question}\n\nanswer"


def test_a_search_hit_past_the_fold_unfolds_and_is_selected(qtbot: QtBot, view: ChatView) -> None:
    question = " ".join(f"word{n}" for n in range(4_000))  # ~34,000 characters: many screens once shown whole
    view.set_messages([MessageItem(1, Role.USER, question), MessageItem(2, Role.ASSISTANT, "answer")])
    qtbot.waitUntil(view.is_idle, timeout=20_000)
    bar = view.list_view.verticalScrollBar()
    view.scroll_to_message(1)
    top = bar.value()
    assert view.highlight_text(1, "word3990")  # before: False, the hit is past the first 800 characters
    assert view.list_view.selected_text() == "word3990" and fold_text(view, 1) == "Show less"
    assert bar.value() > top + view.list_view.viewport().height()  # scrolled down to the hit
    qtbot.waitUntil(view.is_idle, timeout=20_000)
    assert view.list_view.selected_text() == "word3990"
    assert not view.highlight_text(1, "nowhere") and not view.highlight_text(2, "nowhere")
