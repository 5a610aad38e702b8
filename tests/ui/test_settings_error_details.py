"""Settings → Bots → Test with a wrong token: the sentence says what to do, and the Coze logid is under Details,
where it can be read and copied. It used to be only in the sentence's tooltip: a person never found it (the walk
of session 33 hovered to see it), a keyboard could not reach it, and it could not be selected to paste in a report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel
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


def test_a_failed_test_shows_its_logid_under_details(qtbot: QtBot, server: CozeServer, bots: BotService) -> None:
    settings = Settings(api_base=server.base_url)
    dialog = SettingsDialog(settings, "pat_not_this_one", None, Overrides(None, None, None), bots.test, {}, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.bots)
    page = dialog.bots
    page.bot_id.setText(DEMO_BOT_ID)
    page.test.click()
    qtbot.waitUntil(lambda: page.status.kind == "error", timeout=5000)
    assert "logid" not in page.status.text()  # the sentence is for people; the details are under it

    toggles = [b for b in page.status.findChildren(QAbstractButton) if b.isVisible() and "Details" in b.text()]
    assert len(toggles) == 1
    shown = [label for label in page.status.findChildren(QLabel) if "logid" in label.text()]
    assert not any(label.isVisible() for label in shown)  # folded at first
    qtbot.mouseClick(toggles[0], Qt.MouseButton.LeftButton)
    details = next(label for label in shown if label.isVisible())
    assert "4100" in details.text()
    assert details.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard  # to copy it
    for label in (page.status.label, details):  # the dialog makes room: neither is clipped (zh_CN walk: it was)
        qtbot.waitUntil(lambda label=label: label.height() >= label.heightForWidth(label.width()), timeout=2000)

    page.bot_id.setText(DEMO_BOT_ID + "0")  # a new sentence without details: no Details, nothing unfolded
    page.status.show_message("busy", "Asking…")
    assert not toggles[0].isVisible() and not details.isVisible()
