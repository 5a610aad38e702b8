"""A bold phrase, code span or italic phrase still streaming shows as it will once closed, not with its raw
marks (a real-pace walk saw "我是**扣子桌面版演", "还有 `停止" and "_这是我们…" in every mid-stream screenshot)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.chat.markdown import MarkdownRenderer
from desktop.ui.chat.open_marks import close_open_marks
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle


@pytest.fixture
def style(qtbot: QtBot) -> ChatStyle:
    widget = QWidget()
    qtbot.addWidget(widget)
    return ChatStyle.from_widget(widget)


@pytest.mark.parametrize(
    ("tail", "shown"),
    [
        ("我是**扣子桌面版演", "我是**扣子桌面版演**"),
        ("还有 `停止", "还有 `停止`"),
        ("_这是我们在这个会话中的", "_这是我们在这个会话中的_"),
        ("- **Why it matters:", "- **Why it matters:**"),
        ("**a `co", "**a `co`**"),
        ("x `a**b", "x `a**b`"),  # marks inside code are text
        ("a **", "a "),  # nothing after the mark yet: left out
        ("我是*", "我是"),  # half of the mark
        ("**bold*", "**bold**"),
        ("a _", "a "),
        ("a ** ", "a ** "),  # "** " opens nothing: it is text, as it will stay
        ("2 ** 3 is", "2 ** 3 is"),  # Python's power operator, not bold
        ("x = a ** b and **bol", "x = a ** b and **bol**"),
        ("** not a mark", "** not a mark"),
        ("done **x** y", "done **x** y"),
        ("snake_case_name", "snake_case_name"),
        ("* item", "* item"),
        ("line one **a\n- **Why", "line one **a\n- **Why**"),  # only the last line
        ("Run:\n\n    x = a**b", "Run:\n\n    x = a**b"),  # an indented code block: its marks are text
        ("    **kwargs", "    **kwargs"),
        ("Run:\n\n    y = 1\n\n    f(**kw", "Run:\n\n    y = 1\n\n    f(**kw"),
        ("para **a\n    **bold", "para **a\n    **bold**"),  # a paragraph's continuation, not code
        ("```\nx = `a **b", "```\nx = `a **b"),  # in a fenced block still open
        ("```\ncode\n```\nnow **bold", "```\ncode\n```\nnow **bold**"),  # after a closed one
    ],
)
def test_open_marks_on_the_last_line_are_closed(tail: str, shown: str) -> None:
    assert close_open_marks(tail) == shown


def test_a_streaming_bold_phrase_shows_no_asterisks(style: ChatStyle) -> None:
    document = StreamingDocument(MarkdownRenderer(style), style)
    answer = "我是**扣子桌面版演示助手**，还有 `停止` 按钮。\n"
    for end in range(1, len(answer) + 1):
        document.update(answer[:end], budget=10**9)
        shown = document.rendered_text()
        assert "*" not in shown and "`" not in shown, (end, shown)
    document.update(answer, budget=10**9, final=True)
    assert document.rendered_text().strip() == "我是扣子桌面版演示助手，还有 停止 按钮。"
