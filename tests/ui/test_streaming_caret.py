"""The streaming caret stays at the end of the text shown, across list-item boundaries: a line that only
opens a block (a bare "-", "2.", ">" or "#") waits for its first word instead of showing an empty item
(the caret alone at the left margin) or, under a list item's words, a setext heading."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.chat.blocks import unfinished_block
from desktop.ui.chat.markdown import MarkdownRenderer
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle

ANSWERS = [
    "Three ways:\n\n- Evict the oldest\n- Cap the size\n  - nested one\n  - nested two\n- Expire\n\n"
    "1. Measure\n2. Pick\n   1. deeper\n\n> - quoted item\n> - another\n\n## Heading\n\nThe end.",
    "要点：\n\n- 先检查输入\n- 再选择策略\n  1. 第一步\n  2. 第二步\n\n最后一段。",
]


@pytest.fixture
def style(qtbot: QtBot) -> ChatStyle:
    widget = QWidget()
    qtbot.addWidget(widget)
    return ChatStyle.from_widget(widget)


@pytest.mark.parametrize("answer", ANSWERS, ids=["en", "zh"])
def test_the_caret_stays_after_the_last_character_shown(style: ChatStyle, answer: str) -> None:
    document = StreamingDocument(MarkdownRenderer(style), style)
    document.layout(500)
    for end in range(1, len(answer) + 1):
        document.update(answer[:end], budget=10**6)  # a frame per character: every boundary is seen
        last = document.last_page()
        if last is None:
            continue
        page, _y = last
        caret = page.text_end()
        assert caret is not None
        assert page.doc.lastBlock().text().strip(), f"the caret sits on an empty line after {answer[:end]!r}"
        assert caret[0] > 0, answer[:end]
        assert "<h2>" not in page.html or "\n## " in answer[:end], answer[:end]  # no setext flash


def test_the_finished_answer_shows_everything() -> None:
    assert unfinished_block("a\n- b") == len("a\n- b")
    assert unfinished_block("a\n---") == len("a\n---")  # a rule is whole
    assert unfinished_block("a\n2024 was") == len("a\n2024 was")
    assert [unfinished_block(text) for text in ("-", "a\n- ", "a\n  2.", "a\n> -", "a\n##", "a\n7")] == [
        0,
        2,
        2,
        2,
        2,
        2,
    ]


def test_a_bare_marker_is_shown_once_the_answer_ends(style: ChatStyle) -> None:
    document = StreamingDocument(MarkdownRenderer(style), style)
    document.update("- one\n-", budget=10**6, final=True)
    assert document.rendered_text().count("\n") == 1  # two list items, the second empty


TABLE_ANSWERS = {
    "en": "Compare:\n\n| Option | Speed | Notes |\n|---|:-:|---|\n| Cache | fast | kept in memory |\n| Disk | slow | survives it |",
    "zh": "对比：\n\n| 方案 | 速度 | 说明 |\n|---|:-:|---|\n| 缓存 | 快 | 保存在内存里 |\n| 磁盘 | 慢 | 重启后仍然保留 |",
}


@pytest.mark.parametrize("answer", TABLE_ANSWERS.values(), ids=TABLE_ANSWERS.keys())
def test_while_a_table_streams_the_caret_is_in_the_cell_being_written(style: ChatStyle, answer: str) -> None:
    """The text shown ended in a table, and Qt keeps an empty line after a table: the caret sat there, to the right
    of the table under its last row, away from the cell being written. It is in the last row now, after the text of
    its last cell that has any (a row being written is padded with empty cells), or in its first cell."""
    document = StreamingDocument(MarkdownRenderer(style), style)
    document.layout(600)
    seen = 0
    for end in range(1, len(answer) + 1):
        document.update(answer[:end], budget=10**6)
        last = document.last_page()
        if last is None or not last[0].html.rstrip().endswith("</table>"):
            continue
        page = last[0]
        table = QTextCursor(page.doc.lastBlock().previous()).currentTable()
        assert table is not None
        row = [table.cellAt(table.rows() - 1, c).lastCursorPosition().block() for c in range(table.columns())]
        cell = next((block for block in reversed(row) if block.text()), row[0])
        rect = page.doc.documentLayout().blockBoundingRect(cell)
        caret = page.text_end()
        assert caret is not None
        assert rect.left() <= caret[0] <= rect.right() and rect.top() <= caret[1] < rect.bottom(), answer[:end]
        seen += 1
    assert seen > 10  # every frame of the rows' writing
