"""CJK emphasis in the chat view: no stray asterisks, and the streamed render equals the final one."""

from __future__ import annotations

import random
from string import Template

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver.demo_texts_zh import DEFAULT
from desktop.ui.chat.markdown import CodeRegistry, MarkdownRenderer
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle

ANSWER = Template(DEFAULT).safe_substitute(question="怎么做？", short="看情况") + (
    "\n**外层*内层：*继续**。~~已废弃：~~请用**「新版」**，用**Python，**写。\n"
)


@pytest.fixture
def style(qtbot: QtBot) -> ChatStyle:
    widget = QWidget()
    qtbot.addWidget(widget)
    return ChatStyle.from_widget(widget)


def test_the_demo_answer_shows_no_asterisks(style: ChatStyle) -> None:
    renderer = MarkdownRenderer(style)
    html = renderer.render_markdown("- **先检查：**输入是什么", CodeRegistry())
    assert "<strong>先检查：</strong>输入是什么" in html
    document = StreamingDocument(renderer, style)
    document.update(ANSWER, budget=10**9, final=True)
    shown = document.rendered_text()
    assert "先检查：输入是什么" in shown
    assert "**" not in shown and "~~" not in shown


@pytest.mark.parametrize("seed", range(4))
def test_the_streamed_render_equals_the_final_render(style: ChatStyle, seed: int) -> None:
    pieces = random.Random(seed)
    final = StreamingDocument(MarkdownRenderer(style), style)
    final.update(ANSWER, budget=10**9, final=True)
    streamed = StreamingDocument(MarkdownRenderer(style), style)
    end = 0
    while end < len(ANSWER):
        end = min(len(ANSWER), end + pieces.randint(1, 12))
        streamed.update(ANSWER[:end], budget=10**9)
    live = streamed.rendered_text()
    streamed.update(ANSWER, budget=10**9, final=True)
    assert live == streamed.rendered_text() == final.rendered_text()
    assert streamed.layout(600) == final.layout(600)
    html = [page.html for _index, page, _y in final.placed()]
    assert [page.html for _index, page, _y in streamed.placed()] == html
