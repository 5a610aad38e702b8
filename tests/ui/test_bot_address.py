"""A bot page's address pasted into Settings → Bots counts as its ID: the hint says the ID is "the number
after /bot/ in the address", so people paste the address, and Coze answered "bot not found" for it
(found by the attack run)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.bot_links import bot_id_from
from tests.ui.test_settings_dialog import TOKEN, FakeTestBot, make_dialog

PASTED = [
    ("https://www.coze.cn/space/7440000000000000100/bot/7350001", "7350001"),
    (" https://www.coze.com/space/744/bot/7350001?from=editor \n", "7350001"),
    ("www.coze.cn/space/744/bot/7350001/", "7350001"),
    ("https://www.coze.cn/store/agent/7350001?bot_id=true", "7350001"),
    (" 7350001 ", "7350001"),
    ("7350001", "7350001"),
]


@pytest.mark.parametrize(("text", "expected"), PASTED)
def test_the_id_is_read_from_what_is_pasted(text: str, expected: str) -> None:
    assert bot_id_from(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "735 0001", "https://www.coze.cn/space/744/develop"])
def test_no_id_in_text_without_one(text: str) -> None:
    found = bot_id_from(text)
    assert found is None or found == text.strip()  # an address without /bot/<digits> is left as typed


def test_test_and_add_use_the_id_in_a_pasted_address(qtbot: QtBot) -> None:
    fake = FakeTestBot()
    dialog = make_dialog(qtbot, test_bot=fake)
    dialog.bots.bot_id.setText("https://www.coze.cn/space/7440000000000000100/bot/7350001?from=bots_card")
    dialog.bots.test.click()
    assert [call[1:] for call in fake.calls] == [(TOKEN, "7350001")]
    dialog.bots.add.click()
    assert dialog.bots.bot_ids() == ["7350001"]
