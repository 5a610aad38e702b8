"""Flaws found by the first-hour pass of #17 (a newcomer with the demo bot, zh_CN dark and en light, at
1280×800 and 480×700; screenshots in docs/ux): each test failed before its fix."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.vocabulary import Role
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.rows import VERSION_NEXT, VERSION_PREV


def test_an_answers_small_line_wraps_instead_of_running_off_a_narrow_window(qtbot: QtBot) -> None:
    """At 480 px a regenerated chatflow answer's "‹ 2 / 2 ›" ran past the edge, its "›" cut off."""
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(460, 600)
    view.show()
    answer = MessageItem(
        2,
        Role.ASSISTANT,
        "All set.",
        created_at=1_796_000_000,
        input_tokens=3140,
        output_tokens=260,
        feedback="",
        debug_url="https://www.coze.cn/work_flow?execute_id=1",
        can_rework=True,
        version=1,
        versions=2,
    )
    view.set_messages([MessageItem(1, Role.USER, "What is in this picture?"), answer])
    rows = view.list_view
    qtbot.waitUntil(lambda: rows.delegate.layout(answer, rows.rows.get(2), rows.row_width) is not None)
    row = rows.delegate.layout(answer, rows.rows.get(2), rows.row_width)
    assert row is not None
    for label in row.labels:
        assert label.rect.right() <= row.column.right() + 0.5, label.text
    switcher = [label for label in row.labels if label.href in (VERSION_PREV, VERSION_NEXT) or label.text == "1 / 2"]
    assert len(switcher) == 2 and switcher[0].rect.top() == switcher[1].rect.top()  # "1 / 2" and "›" together
