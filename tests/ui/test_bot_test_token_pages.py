"""Settings → Bots → Test with a refused token against a custom API address (here the local server): the
sentence says where to paste a token (Settings → Connection) and does not send the person to coze.cn or
coze.com, which are not the site their token comes from (walk of session 33, 25.png)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer
from desktop.core.settings import Overrides, Settings
from desktop.core.store import Store
from desktop.services.bots import BotService
from desktop.services.tasks import TaskRunner
from desktop.ui.settings_dialog import SettingsDialog


@pytest.fixture
def bots(tmp_path: Path) -> Iterator[BotService]:
    with Store.open(tmp_path / "history.sqlite3") as store:
        tasks = TaskRunner()
        yield BotService(store.bots, tasks)
        assert tasks.shutdown(3000)


def test_a_refused_token_on_a_custom_address_cites_no_coze_link(
    qtbot: QtBot, server: CozeServer, bots: BotService
) -> None:
    settings = Settings(api_base=server.base_url)
    dialog = SettingsDialog(settings, "pat_not_this_one", None, Overrides(None, None, None), bots.test, {}, None)
    qtbot.addWidget(dialog)
    page = dialog.bots
    page.bot_id.setText(DEMO_BOT_ID)
    page.test.click()
    qtbot.waitUntil(lambda: page.status.kind == "error", timeout=5000)
    said = page.status.text()
    assert "Settings → Connection" in said
    assert "coze.cn/" not in said and "coze.com/" not in said
