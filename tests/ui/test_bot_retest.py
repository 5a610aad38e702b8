"""Settings → Bots: a bot already in the list can be tested again ("Test again" on the selected bot) — after
a new token, or once it is published — without typing its ID anew (walk of session 33, 63.png: no way to)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer
from desktop.core.settings import Overrides, Settings
from desktop.core.store import Store
from desktop.services.bots import BotService
from desktop.services.tasks import TaskRunner
from desktop.ui.settings_dialog import SettingsDialog
from tests.coze_fixtures import TOKEN

LISTED = "7350000000000000777"


@pytest.fixture
def bots(tmp_path: Path) -> Iterator[BotService]:
    with Store.open(tmp_path / "history.sqlite3") as store:
        tasks = TaskRunner()
        yield BotService(store.bots, tasks)
        assert tasks.shutdown(3000)


def test_the_selected_bot_can_be_tested_again(qtbot: QtBot, server: CozeServer, bots: BotService) -> None:
    settings = Settings(api_base=server.base_url, bot_ids=[LISTED], default_bot_id=LISTED)
    dialog = SettingsDialog(settings, TOKEN, None, Overrides(None, None, None), bots.test, {}, None)
    qtbot.addWidget(dialog)
    page = dialog.bots
    assert page.bot_id.text() == "" and not page.test.isEnabled()  # nothing typed: the typed ID's Test is off
    page.list.setCurrentRow(0)
    assert page.retest.isEnabled()
    page.retest.click()
    qtbot.waitUntil(lambda: page.status.kind == "error", timeout=5000)  # not published yet
    assert "its test failed" in page.list.item(0).text()

    server.add_bot(LISTED, name="Published now")
    page.retest.click()
    qtbot.waitUntil(lambda: page.status.kind == "success", timeout=5000)
    assert page.list.item(0).text().startswith("Published now") and "failed" not in page.list.item(0).text()
    assert page.bot_ids() == [LISTED]  # tested, not added twice
    assert dialog.result_bot_names() == {LISTED: "Published now"}


def test_a_chatflow_has_no_test_again(qtbot: QtBot, server: CozeServer, bots: BotService) -> None:
    flow = "chatflow:7350000000000000301@app:7350000000000000300"
    settings = Settings(api_base=server.base_url, bot_ids=[flow], default_bot_id=flow)
    dialog = SettingsDialog(settings, TOKEN, None, Overrides(None, None, None), bots.test, {}, None)
    qtbot.addWidget(dialog)
    dialog.bots.list.setCurrentRow(0)
    assert not dialog.bots.retest.isEnabled()
