"""The conversation list: date groups with headings, plain previews, the status of a failed answer."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from desktop.core.store import NewMessage, Store
from desktop.ui.chat.rows import format_time
from desktop.ui.conversation_groups import DateGroup, ListLabels, date_group
from desktop.ui.conversation_list import ConversationPane
from desktop.ui.conversation_model import ConversationListModel, Role

NOW = datetime(2026, 12, 5, 9, 30).timestamp()  # a Saturday morning, local time


def days_ago(days: float, hour: int = 12) -> float:
    moment = datetime.fromtimestamp(NOW) - timedelta(days=days)
    return moment.replace(hour=hour, minute=0).timestamp()


def test_date_group_is_by_local_calendar_day() -> None:
    assert date_group(days_ago(0, hour=0), False, NOW) == DateGroup.TODAY
    assert date_group(NOW + 3600 * 24 * 400, False, NOW) == DateGroup.TODAY  # a clock ahead is not "older"
    assert date_group(days_ago(1, hour=23), False, NOW) == DateGroup.YESTERDAY
    assert date_group(days_ago(1, hour=0), False, NOW) == DateGroup.YESTERDAY
    assert date_group(days_ago(2), False, NOW) == DateGroup.WEEK
    assert date_group(days_ago(7), False, NOW) == DateGroup.WEEK
    assert date_group(days_ago(8), False, NOW) == DateGroup.OLDER
    assert date_group(days_ago(800), True, NOW) == DateGroup.PINNED


def test_a_time_no_calendar_holds_goes_under_older_and_shows_no_time() -> None:
    """A history synced by an older version may hold Coze's milliseconds (year 56899) or 1e25: the list's
    grouping raised ValueError/OverflowError inside the model's data() for every paint."""
    now = datetime(2024, 5, 10, 12).timestamp()
    for stored in (1.7e12, 1e25, float("inf"), float("nan")):
        assert date_group(stored, False, now) is DateGroup.OLDER
        assert format_time(stored) == ""


def test_each_group_starts_with_a_taller_row_that_carries_its_heading(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        for title, when, pinned in [
            ("old", days_ago(30), False),
            ("older still", days_ago(40), False),
            ("week", days_ago(3), False),
            ("yesterday", days_ago(1), False),
            ("today 1", days_ago(0, hour=8), False),
            ("today 2", days_ago(0, hour=9), False),
            ("pinned", days_ago(90), True),
        ]:
            store.conversations.create("bot", title=title, updated_at=when, pinned=pinned)
        model = ConversationListModel(store.conversations.page, "New chat", clock=lambda: NOW)
        pane = ConversationPane(model)
        qtbot.addWidget(pane)
        model.fetchMore()
        rows = [(model.data(model.index(r)), model.data(model.index(r), Role.GROUP)) for r in range(model.rowCount())]
        assert rows == [
            ("pinned", DateGroup.PINNED),
            ("today 2", DateGroup.TODAY),
            ("today 1", None),
            ("yesterday", DateGroup.YESTERDAY),
            ("week", DateGroup.WEEK),
            ("old", DateGroup.OLDER),
            ("older still", None),
        ]
        option = QStyleOptionViewItem()
        option.initFrom(pane.list)
        heights = [pane.delegate.sizeHint(option, model.index(r)).height() for r in range(model.rowCount())]
        assert heights[1] > heights[2] and heights[5] > heights[6] and heights[2] == heights[6]
        assert pane.labels.groups[DateGroup.WEEK] == "Previous 7 days"


def test_a_failed_or_cut_off_last_answer_shows_its_status_a_stopped_one_does_not(tmp_path: Path) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        chats = {}
        for status in ("failed", "interrupted", "cancelled", "complete"):
            conversation = store.conversations.create("bot", title=status)
            store.messages.add_question(conversation.id, "question")
            store.messages.add(
                conversation.id, NewMessage(role="assistant", type="answer", content="**partial**", status=status)
            )
            chats[status] = conversation.id
        model = ConversationListModel(store.conversations.page, "New chat")
        model.fetchMore()
        shown = {s: model.data(model.index(model.row_of(i)), Role.STATUS) for s, i in chats.items()}
        assert shown == {"failed": "failed", "interrupted": "interrupted", "cancelled": None, "complete": None}
        assert model.data(model.index(model.row_of(chats["failed"])), Role.PREVIEW) == "partial"
        labels = ListLabels()
        assert labels.statuses[shown["failed"]] == "Answer failed"


def test_an_answer_stopped_before_its_first_words_previews_as_stopped(tmp_path: Path) -> None:
    """Stop pressed while the bot was still thinking leaves an empty cancelled answer: the list's second
    line read just the bot's name. A stopped answer with words previews them, as before."""
    with Store.open(tmp_path / "h.sqlite3") as store:
        chats = {}
        for content in ("", "some words"):
            conversation = store.conversations.create("bot", title=content or "empty")
            store.messages.add_question(conversation.id, "question")
            store.messages.add(
                conversation.id, NewMessage(role="assistant", type="answer", content=content, status="cancelled")
            )
            chats[content] = conversation.id
        model = ConversationListModel(store.conversations.page, "New chat")
        model.fetchMore()
        shown = {c: model.data(model.index(model.row_of(i)), Role.PREVIEW) for c, i in chats.items()}
        assert shown == {"": "Stopped", "some words": "some words"}
