"""Settings → Bots → Test that finds the bot, in Chinese: "已找到“扣子演示助手”。 在你电脑上运行的…" had an English
space after the full stop (the walk of session 33); Chinese sentences follow each other without one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer
from desktop.core.settings import Overrides, Settings
from desktop.core.store import Store
from desktop.services.bots import BotService
from desktop.services.tasks import TaskRunner
from desktop.ui import i18n
from desktop.ui.settings_dialog import SettingsDialog
from tests.coze_fixtures import TOKEN

BOT_ID = "7350000000000000777"


@pytest.fixture
def bots(tmp_path: Path) -> Iterator[BotService]:
    with Store.open(tmp_path / "history.sqlite3") as store:
        tasks = TaskRunner()
        yield BotService(store.bots, tasks)
        assert tasks.shutdown(3000)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("zh_CN", "已找到“旅行助手”。帮你规划行程。"), ("en", "Found “旅行助手”. 帮你规划行程。")],
)
def test_the_found_sentence_and_the_description_join_as_the_language_does(
    qtbot: QtBot, server: CozeServer, bots: BotService, language: str, expected: str
) -> None:
    server.add_bot(BOT_ID, name="旅行助手", description="帮你规划行程。")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    i18n.install_translators(app, language)
    try:
        dialog = SettingsDialog(
            Settings(api_base=server.base_url), TOKEN, None, Overrides(None, None, None), bots.test, {}, None
        )
        qtbot.addWidget(dialog)
        page = dialog.bots
        page.bot_id.setText(BOT_ID)
        page.test.click()
        qtbot.waitUntil(lambda: page.status.kind == "success", timeout=5000)
        assert page.status.text() == expected
    finally:
        i18n.install_translators(app, "en")
