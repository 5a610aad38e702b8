"""Settings → Bots: a bot whose Test failed (Coze cannot find it) could still be added without a word. It is
added — Add means "without testing": the token, the region or the bot's publishing may be fixed later — but
marked in the list, with the reason, and the status line says so. A Test that then finds it takes the mark away."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer
from desktop.core.settings import Overrides, Settings
from desktop.core.store import Store
from desktop.services.bots import BotService
from desktop.services.tasks import TaskRunner
from desktop.ui.settings_dialog import SettingsDialog
from tests.coze_fixtures import TOKEN

MISSING = "7350000000000000999"


@pytest.fixture
def bots(tmp_path: Path) -> Iterator[BotService]:
    with Store.open(tmp_path / "history.sqlite3") as store:
        tasks = TaskRunner()
        yield BotService(store.bots, tasks)
        assert tasks.shutdown(3000)


def test_a_bot_that_failed_its_test_is_added_marked_and_said_so(
    qtbot: QtBot, server: CozeServer, bots: BotService
) -> None:
    settings = Settings(api_base=server.base_url)
    dialog = SettingsDialog(settings, TOKEN, None, Overrides(None, None, None), bots.test, {}, None)
    qtbot.addWidget(dialog)
    page = dialog.bots
    page.bot_id.setText(MISSING)
    page.test.click()
    qtbot.waitUntil(lambda: page.status.kind == "error", timeout=5000)  # the server has no such bot
    reason = page.status.text()
    assert reason and page.bot_ids() == []
    page.add.click()
    assert page.bot_ids() == [MISSING]  # added, as Add says ...
    item = page.list.item(0)
    assert "its test failed" in item.text()  # ... but marked, with why
    assert reason in item.toolTip()
    assert page.status.kind == "warning" and reason in page.status.text()

    server.add_bot(MISSING, name="Published later")  # published now: a Test finds it, and the mark goes
    page.bot_id.setText(MISSING)
    page.test.click()
    qtbot.waitUntil(lambda: page.status.kind == "success", timeout=5000)
    assert page.list.item(0).text().startswith("Published later") and "failed" not in page.list.item(0).text()
    assert reason not in page.list.item(0).toolTip()
    assert page.list.item(0).data(Qt.ItemDataRole.UserRole) == MISSING
