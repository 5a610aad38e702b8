"""A Markdown export (and Copy conversation) speaks the window's language: in Chinese the walk of session 33
exported "**You** · …", "> *⚠ stopped by the user*" and "version 2 of 2" around Chinese answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.store import NewMessage
from desktop.core.vocabulary import MessageStatus
from desktop.ui import i18n
from tests.coze_fixtures import BOT
from tests.ui.test_transfer_actions import save_as
from tests.ui.window_harness import Harness


@pytest.fixture
def chinese() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication) and i18n.install_translators(app, "zh_CN") == "zh"
    try:
        yield
    finally:
        i18n.install_translators(app, "en")


def _chat(harness: Harness) -> int:
    conversation = harness.store.conversations.create(BOT, title="杭州旅行")
    harness.store.messages.add_many(
        conversation.id,
        [
            NewMessage(role="user", type="question", content="去杭州玩三天怎么安排？"),
            NewMessage(role="assistant", type="answer", content="第一天：西湖。", status=MessageStatus.CANCELLED.value),
        ],
    )
    harness.window.open_conversation(conversation.id)
    return conversation.id


def test_a_markdown_export_in_chinese_has_chinese_labels(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chinese: None
) -> None:
    _chat(harness)
    target = tmp_path / "杭州旅行.md"
    save_as(monkeypatch, target)
    with qtbot.waitSignal(harness.history.transfers.finished, timeout=20_000):
        harness.window.transfer.export_chats(False)
    text = target.read_text(encoding="utf-8")
    assert "**你** · " in text and "**You**" not in text
    assert "> *⚠ 回答已被你停止*" in text and "stopped by the user" not in text

    harness.window.presenter.copy_conversation()
    copied = QGuiApplication.clipboard().text()
    assert "**你** · " in copied and "回答已被你停止" in copied


def test_in_english_it_stays_english(
    qtbot: QtBot, harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _chat(harness)
    target = tmp_path / "trip.md"
    save_as(monkeypatch, target)
    with qtbot.waitSignal(harness.history.transfers.finished, timeout=20_000):
        harness.window.transfer.export_chats(False)
    text = target.read_text(encoding="utf-8")
    assert "**You** · " in text and "> *⚠ stopped by the user*" in text
