"""The bot picker against the local server: every page, avatars, search, workspace filter, several
picked, the demo bot always there, a 4101 that names the permission, pasting an ID still works."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.core.chat.targets import chatflow_key, saved_parameters
from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer
from desktop.core.cozeserver.demo_chatflow import DEMO_APP_ID, DEMO_CHATFLOW_ID
from desktop.core.secrets import TokenStore
from desktop.core.settings import Overrides, Settings
from desktop.services.account import AccountService
from desktop.services.tasks import TaskRunner
from desktop.ui.settings.bot_picker import BotPicker
from desktop.ui.settings.chatflow_dialogs import ChatflowIdDialog, ParametersDialog
from desktop.ui.settings_dialog import SettingsDialog
from tests.coze_fixtures import TOKEN

TEAM = "7440000000000000200"


@pytest.fixture
def service(qtbot: QtBot) -> Iterator[AccountService]:
    tasks = TaskRunner()
    account = AccountService(tasks, TokenStore())
    yield account
    assert tasks.shutdown(3000)


@pytest.fixture
def stocked(server: CozeServer) -> CozeServer:
    server.workspaces.add(TEAM, "Team 团队")
    for n in range(25):
        server.add_bot(
            f"74500000000000{n:05d}", name=f"Helper {n}", description=f"answers question {n}", workspace_id=TEAM
        )
    server.add_bot("7450000000088888", name="翻译助手", description="中英互译", workspace_id=TEAM)
    return server


def open_picker(qtbot: QtBot, server: CozeServer, service: AccountService) -> SettingsDialog:
    dialog = SettingsDialog(
        Settings(api_base=server.base_url, bot_ids=["7450000000000000003"]),
        TOKEN,
        None,
        Overrides(None, None, None),
        lambda *_: None,
        {},
        None,
        account=service,
    )
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.bots)
    dialog.bots.browse.click()
    assert dialog.bot_picker is not None
    return dialog


def visible(picker: BotPicker) -> list[str]:
    return [
        str(picker.list.item(r).data(Qt.ItemDataRole.UserRole))
        for r in range(picker.list.count())
        if not picker.list.item(r).isHidden()
    ]


def test_every_bot_is_listed_searched_and_several_are_added(
    qtbot: QtBot, stocked: CozeServer, service: AccountService
) -> None:
    dialog = open_picker(qtbot, stocked, service)
    picker = dialog.bot_picker
    assert picker is not None
    # The demo first, then every page of bots, then the apps' chatflows (the local server's demo app has one).
    qtbot.waitUntil(lambda: picker.list.count() == 1 + 26 + 1, timeout=5000)
    assert visible(picker).count(DEMO_BOT_ID) == 1  # the server's own demo bot is the built-in one
    assert "added" in picker.list.item(4).text()  # 7450000000000000003 is already in the list
    assert not picker.list.item(4).flags() & Qt.ItemFlag.ItemIsUserCheckable
    placeholder = picker.list.item(0).icon().cacheKey()  # the demo bot has no avatar URL
    qtbot.waitUntil(lambda: picker.list.item(5).icon().cacheKey() != placeholder, timeout=5000)  # avatars arrive
    picker.search.setText("翻译")
    assert visible(picker) == ["7450000000088888"]
    picker.search.setText("中英")  # the description counts too
    assert visible(picker) == ["7450000000088888"]
    picker.search.setText("HELPER")  # case does not
    assert len(visible(picker)) == 25
    picker.search.clear()
    picker.workspace.setCurrentIndex(picker.workspace.findData(TEAM))
    assert DEMO_BOT_ID in visible(picker)[:1] and len(visible(picker)) == 1 + 26  # the chatflow is not in TEAM
    for row in (1, 2):
        picker.list.item(row).setCheckState(Qt.CheckState.Checked)
    picker.list.item(visible(picker).index("7450000000088888")).setCheckState(Qt.CheckState.Checked)
    assert picker.add_button.text() == "Add 3 bot(s)"
    picker.add_button.click()
    assert dialog.bots.bot_ids() == [
        "7450000000000000003",
        "7450000000000000000",
        "7450000000000000001",
        "7450000000088888",
    ]
    assert dialog.result_bot_names()["7450000000088888"] == "翻译助手"


def test_a_missing_permission_is_named_and_pasting_an_id_stays(
    qtbot: QtBot, stocked: CozeServer, service: AccountService
) -> None:
    stocked.workspaces.denied_permissions = {"listWorkspace"}
    dialog = open_picker(qtbot, stocked, service)
    picker = dialog.bot_picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.status.kind == "error", timeout=5000)
    assert "listWorkspace" in picker.status.text() and "paste a bot ID" in picker.status.text()
    assert visible(picker) == [DEMO_BOT_ID]  # the demo bot is always there
    picker.reject()
    dialog.bots.bot_id.setText("7450000000000007")
    dialog.bots.add.click()
    assert "7450000000000007" in dialog.bots.bot_ids()


def test_no_credential_no_picker(qtbot: QtBot, server: CozeServer, service: AccountService) -> None:
    dialog = SettingsDialog(
        Settings(api_base=server.base_url),
        None,
        None,
        Overrides(None, None, None),
        lambda *_: None,
        {},
        None,
        account=service,
    )
    qtbot.addWidget(dialog)
    dialog.bots.browse.click()
    assert dialog.bot_picker is None and "sign in on the Account tab" in dialog.bots.status.text()


def test_the_apps_chatflows_are_listed_and_picked_as_targets(
    qtbot: QtBot, server: CozeServer, service: AccountService
) -> None:
    server.add_chatflow("7451000000000000777", name="Library flow")  # not in an app: not listed
    dialog = open_picker(qtbot, server, service)
    picker = dialog.bot_picker
    assert picker is not None
    key = chatflow_key(DEMO_CHATFLOW_ID, app_id=DEMO_APP_ID)
    qtbot.waitUntil(lambda: key in visible(picker), timeout=5000)
    row = visible(picker).index(key)
    assert picker.list.item(row).text().startswith("Plan with me\nChatflow in the app “Trip Planner”")
    picker.search.setText("trip planner")  # found by its app's name
    assert visible(picker) == [key]
    picker.list.item(row).setCheckState(Qt.CheckState.Checked)
    picker.add_button.click()
    assert dialog.bots.bot_ids() == ["7450000000000000003", key]
    assert dialog.result_settings().bot_ids == ["7450000000000000003", key]


def test_a_chatflows_parameters_are_edited_as_rows_and_remembered(qtbot: QtBot, service: AccountService) -> None:
    key = chatflow_key(DEMO_CHATFLOW_ID, app_id=DEMO_APP_ID)
    settings = Settings(bot_ids=["7450000000000000003", key], chatflow_parameters=[f"{key}?city=%E6%9D%AD%E5%B7%9E"])
    dialog = SettingsDialog(
        settings, TOKEN, None, Overrides(None, None, None), lambda *_: None, {DEMO_CHATFLOW_ID: "Plan"}, None
    )
    qtbot.addWidget(dialog)
    page = dialog.bots
    page.list.setCurrentRow(0)
    assert not page.edit_parameters.isEnabled()  # a bot has none
    page.list.setCurrentRow(1)
    assert page.list.item(1).text() == "Plan  ·  chatflow  ·  1 parameter(s)"
    page.edit_parameters.click()
    editor = page.dialog
    assert isinstance(editor, ParametersDialog) and editor.values() == {"city": "杭州"}
    editor.add_row("party", "2, maybe 3")
    editor.add_row("  ", "dropped")
    editor.accept()
    assert page.chatflow_parameters() == {key: {"city": "杭州", "party": "2, maybe 3"}}
    result = dialog.result_settings()
    assert saved_parameters(result.chatflow_parameters) == {key: {"city": "杭州", "party": "2, maybe 3"}}
    page.list.setCurrentRow(1)
    page.remove.click()  # a chatflow removed forgets its parameters
    assert dialog.result_settings().chatflow_parameters == []


def test_a_chatflow_is_added_by_its_ids(qtbot: QtBot) -> None:
    dialog = SettingsDialog(
        Settings(bot_ids=["7450000000000000003"]), TOKEN, None, Overrides(None, None, None), lambda *_: None, {}, None
    )
    qtbot.addWidget(dialog)
    page = dialog.bots
    page.add_chatflow.click()
    ids = page.dialog
    assert isinstance(ids, ChatflowIdDialog)
    ok = ids.buttons.button(ids.buttons.StandardButton.Ok)
    ids.workflow.setText("7451000000000000301")
    assert not ok.isEnabled()  # the app or bot ID is missing
    ids.host.setCurrentIndex(1)  # in a bot
    ids.host_id.setText(" 7451000000000000001 ")
    assert ok.isEnabled()
    ok.click()
    key = chatflow_key("7451000000000000301", bot_id="7451000000000000001")
    assert page.bot_ids() == ["7450000000000000003", key]
    assert page.list.item(1).text().endswith("·  chatflow")


def test_the_status_counts_the_chatflows_once_they_are_listed(
    qtbot: QtBot, server: CozeServer, service: AccountService
) -> None:
    """No bot but the demo's: once the app's chatflow is listed, the line under the list says so, not
    "No bot in your workspaces is published…" under a chatflow one can add."""
    dialog = open_picker(qtbot, server, service)
    picker = dialog.bot_picker
    assert picker is not None
    key = chatflow_key(DEMO_CHATFLOW_ID, app_id=DEMO_APP_ID)
    qtbot.waitUntil(lambda: key in visible(picker), timeout=5000)
    assert picker.status.text() == "1 chatflow(s) published to the API."


@pytest.mark.parametrize(
    "pasted", [f"Bearer {TOKEN}\n", f"  bearer\t{TOKEN[:6]}\n{TOKEN[6:]} ", f"Authorization: BEARER {TOKEN}"]
)
def test_a_token_pasted_with_bearer_and_whitespace_is_cleaned(
    qtbot: QtBot, stocked: CozeServer, service: AccountService, pasted: str
) -> None:
    """Copied from a request or a curl line, "Bearer pat_…" was kept as it was and Coze refused it."""
    dialog = SettingsDialog(
        Settings(api_base=stocked.base_url),
        None,
        None,
        Overrides(None, None, None),
        lambda *_: None,
        {},
        None,
        account=service,
    )
    qtbot.addWidget(dialog)
    QGuiApplication.clipboard().setText(pasted)
    dialog.connection.paste.click()
    assert dialog.result_token() == TOKEN
    dialog.connection.token.setText(pasted)  # typed or pasted into the field itself
    assert dialog.result_token() == TOKEN
    dialog.tabs.setCurrentWidget(dialog.bots)
    dialog.bots.browse.click()
    picker = dialog.bot_picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.list.count() == 1 + 26 + 1, timeout=5000)  # the server took the token
    assert picker.status.kind != "error"
