"""Settings → Account against the local server: sign in with a code, cancel, denied, who, sign out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.core.auth.account import oauth_item
from desktop.core.auth.credentials import CredentialKind, chosen_kind, client_id_for, pat_expiry_for
from desktop.core.cozeserver import CozeServer
from desktop.core.secrets import SERVICE, TokenStore
from desktop.core.settings import Overrides, Settings
from desktop.services.account import AccountService
from desktop.services.tasks import TaskRunner
from desktop.ui import i18n
from desktop.ui.settings.sign_in_dialog import SignInDialog
from desktop.ui.settings_dialog import SettingsDialog
from tests.memory_keyring import MemoryKeyring

CLIENT_ID = "11112222333344445555.app.coze"
NO_OVERRIDES = Overrides(token=None, api_base=None, bot_id=None)


@pytest.fixture
def service(qtbot: QtBot) -> Iterator[AccountService]:
    tasks = TaskRunner()
    account = AccountService(tasks, TokenStore())
    yield account
    account.cancel()
    assert tasks.shutdown(3000)


@pytest.fixture
def fast(server: CozeServer) -> CozeServer:
    server.oauth.interval = 1
    return server


def make_dialog(
    qtbot: QtBot, server: CozeServer, service: AccountService, settings: Settings | None = None
) -> SettingsDialog:
    settings = settings or Settings(api_base=server.base_url)
    dialog = SettingsDialog(settings, None, None, NO_OVERRIDES, lambda *_: None, {}, None, account=service)
    opened: list[str] = []
    dialog.open_url = lambda url: opened.append(url.toString())  # type: ignore[assignment]
    dialog.opened = opened  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.account)
    return dialog


def start(qtbot: QtBot, dialog: SettingsDialog) -> SignInDialog:
    dialog.account.client_id.setText(CLIENT_ID)
    dialog.account.sign_in.click()
    sign_in = dialog.account.sign_in_dialog
    assert sign_in is not None
    qtbot.waitUntil(sign_in.copy_button.isEnabled, timeout=5000)
    return sign_in


def test_sign_in_shows_the_code_then_who_is_signed_in(
    qtbot: QtBot, fast: CozeServer, service: AccountService, memory_keyring: MemoryKeyring
) -> None:
    dialog = make_dialog(qtbot, fast, service)
    assert "Not signed in" in dialog.account.state.text() and not dialog.account.avatar.isVisibleTo(dialog)
    sign_in = start(qtbot, dialog)
    code = sign_in.code.text().replace(" ", "")
    assert len(code) == 8 and code.isdigit()
    sign_in.copy_button.click()
    assert QGuiApplication.clipboard().text() == code
    sign_in.open_button.click()
    assert dialog.opened == [f"{fast.base_url}/_local/oauth/device?user_code={code}"]  # type: ignore[attr-defined]
    assert fast.oauth.decide(code, approve=True)
    qtbot.waitUntil(lambda: dialog.account.sign_in_dialog is None, timeout=8000)
    qtbot.waitUntil(lambda: "Local User" in dialog.account.state.text(), timeout=5000)
    qtbot.waitUntil(lambda: dialog.account.avatar.isVisibleTo(dialog), timeout=5000)  # the account's picture
    assert dialog.account.sign_out.isEnabled()
    stored = json.loads(memory_keyring.secrets[(SERVICE, oauth_item(fast.base_url))])
    assert stored["client_id"] == CLIENT_ID
    result = dialog.result_settings()
    assert client_id_for(fast.base_url, result, environ={}) == CLIENT_ID
    assert chosen_kind(result, fast.base_url) is CredentialKind.ACCOUNT
    dialog.account.sign_out.click()
    assert memory_keyring.secrets == {}
    assert "Not signed in" in dialog.account.state.text() and not dialog.account.avatar.isVisibleTo(dialog)


def test_cancel_stops_polling_at_once(qtbot: QtBot, fast: CozeServer, service: AccountService) -> None:
    dialog = make_dialog(qtbot, fast, service)
    sign_in = start(qtbot, dialog)
    sign_in.cancel_button.click()
    polls = fast.oauth.polls
    qtbot.waitUntil(lambda: not service.signing_in, timeout=1000)
    qtbot.wait(1500)  # longer than the polling interval: nothing more may arrive
    assert fast.oauth.polls == polls
    assert not dialog.account.signed_in() and dialog.account.sign_in_dialog is None


def test_a_denied_sign_in_says_so(qtbot: QtBot, fast: CozeServer, service: AccountService) -> None:
    fast.oauth.script = ["denied"]
    dialog = make_dialog(qtbot, fast, service)
    sign_in = start(qtbot, dialog)
    qtbot.waitUntil(lambda: sign_in.status.kind == "error", timeout=5000)
    assert "denied" in sign_in.status.text() and sign_in.cancel_button.text() == "Close"
    assert not sign_in.open_button.isEnabled()


def test_sign_in_needs_a_client_id_and_says_how(qtbot: QtBot, server: CozeServer, service: AccountService) -> None:
    dialog = make_dialog(qtbot, server, service)
    dialog.account.sign_in.click()
    assert dialog.account.sign_in_dialog is None and "client ID" in dialog.account.status.text()
    assert "TV端/设备应用/类命令行程序" in dialog.account.how_to.text()
    dialog.account.apps_link.click()
    assert dialog.opened == ["https://www.coze.cn/open/oauth/apps"]  # type: ignore[attr-defined]


def test_pat_choice_and_expiry_are_returned(qtbot: QtBot, server: CozeServer, service: AccountService) -> None:
    dialog = make_dialog(qtbot, server, service)
    dialog.account.use_pat.click()
    dialog.account.pat_expires.setChecked(True)
    dialog.account.pat_date.setDate(dialog.account.pat_date.date().fromString("2027-01-02", "yyyy-MM-dd"))
    result = dialog.result_settings()
    assert chosen_kind(result, server.base_url) is CredentialKind.PAT
    assert pat_expiry_for(result, server.base_url) == date(2027, 1, 2)
    again = make_dialog(qtbot, server, service, result)
    assert again.account.use_pat.isChecked() and again.account.pat_expires.isChecked()


def test_without_a_service_signing_in_is_disabled(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(), None, None, NO_OVERRIDES, lambda *_: None, {}, None)
    qtbot.addWidget(dialog)
    assert not dialog.account.sign_in.isEnabled()


def test_the_account_tab_and_sign_in_use_the_address_as_typed(
    qtbot: QtBot, fast: CozeServer, service: AccountService
) -> None:
    """Region → Custom…, type the address: the Account tab showed and signed in to the first valid prefix typed
    (http://127.0.0.1, no port: "Coze could not be reached") until OK and reopening."""
    dialog = make_dialog(qtbot, fast, service, Settings(api_base="https://api.coze.cn"))
    dialog.show()
    connection = dialog.connection
    dialog.tabs.setCurrentWidget(connection)
    connection.region.setCurrentIndex(connection.region.count() - 1)  # Custom…
    connection.url.selectAll()
    qtbot.keyClicks(connection.url, fast.base_url)  # typed, a key at a time
    dialog.tabs.setCurrentWidget(dialog.account)
    host = fast.base_url.split("//", 1)[1]
    assert ":" in host and f"Not signed in to {host}." == dialog.account.state.text()
    sign_in = start(qtbot, dialog)  # the code comes from the server at the typed address
    assert sign_in.code.text()
    sign_in.reject()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_signed_in_every_line_of_the_page_has_its_height(
    qtbot: QtBot, qapp: QApplication, fast: CozeServer, service: AccountService, language: str
) -> None:
    """In Chinese, after signing in (the status line, the picture), the help under the client ID was squeezed
    and clipped: the dialog is sized for the Connection tab, a tab widget ignores a page's height for its width,
    and the QFormLayout laid the help out at its size hint. The page scrolls instead (no resizing of its own:
    9b73423's fit_height recursed until the stack overflowed)."""
    i18n.install_translators(qapp, language)
    try:
        dialog = make_dialog(qtbot, fast, service)
        dialog.tabs.setCurrentWidget(dialog.connection)  # as the dialog opens
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.tabs.setCurrentWidget(dialog.account)
        sign_in = start(qtbot, dialog)
        assert fast.oauth.decide(sign_in.code.text().replace(" ", ""), approve=True)
        qtbot.waitUntil(lambda: dialog.account.sign_in_dialog is None, timeout=8000)
        qtbot.waitUntil(lambda: dialog.account.avatar.isVisibleTo(dialog), timeout=5000)
        wrapped = [
            label for label in dialog.account.findChildren(QLabel) if label.isVisibleTo(dialog) and label.wordWrap()
        ]
        assert dialog.account.how_to in wrapped

        def short() -> list[str]:
            return [label.text()[:20] for label in wrapped if label.height() < label.heightForWidth(label.width())]

        qtbot.waitUntil(lambda: not short(), timeout=2000)
    finally:
        i18n.install_translators(qapp, "en")
