"""The Settings dialog (Ctrl+,): connection and token, bots, appearance.

The dialog writes nothing and talks to nobody: it is given the settings, the saved token and a
`test_bot` callable, and after `exec() == Accepted` the caller reads `result_settings()` (a modified
copy, never holding the token), `result_token()`, `result_session_only()` and `result_bot_names()`
and saves them itself.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from desktop.core.auth.credentials import (
    CredentialKind,
    choose_kind,
    chosen_kind,
    client_id_for,
    pat_expiry_for,
    remember_client_id,
    set_pat_expiry,
)
from desktop.core.chat.targets import parameter_entries, saved_parameters
from desktop.core.demo_ids import DEMO_BOT_ID
from desktop.core.destination import Credential, Origin, Resolver
from desktop.core.settings import Overrides, Settings
from desktop.services.account import AccountService
from desktop.ui.settings.account_page import AccountPage
from desktop.ui.settings.appearance_page import AppearancePage
from desktop.ui.settings.bot_picker import BotPicker
from desktop.ui.settings.bots_page import BotsPage, TestBot
from desktop.ui.settings.connection_page import ConnectionPage


class SettingsDialog(QDialog):
    def __init__(  # noqa: PLR0917 (the positional signature is the main window's contract)
        self,
        settings: Settings,
        token: str | None,
        token_problem: str | None,
        overrides: Overrides,
        test_bot: TestBot,
        bot_names: dict[str, str],
        parent: QWidget | None = None,
        account: AccountService | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = dataclasses.replace(settings, bot_ids=list(settings.bot_ids))
        self._overrides = overrides
        self._service = account
        self.bot_picker: BotPicker | None = None  # the open one, for tests
        # How links open; tests replace it so that no browser starts.
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(580)

        self.connection = ConnectionPage(
            settings.api_base, token, token_problem, overrides, settings.session_token_only
        )
        self.bots = BotsPage(
            bot_ids=settings.bot_ids,
            default_bot_id=settings.default_bot_id,
            bot_names=bot_names,
            test_bot=test_bot,
            connection=self._test_destination,
            env_bot_id=overrides.bot_id,
            chatflow_parameters=saved_parameters(settings.chatflow_parameters),
        )
        self.appearance = AppearancePage(settings.theme, settings.language, settings.font_size, settings.load_images)
        self.account = AccountPage(
            account,
            self.connection.api_base,
            lambda base: client_id_for(base, self._settings),
            lambda base: chosen_kind(self._settings, base),
            lambda base: pat_expiry_for(self._settings, base),
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.connection, self.tr("Connection"))
        self.tabs.addTab(self.account, self.tr("Account"))
        self.tabs.addTab(self.bots, self.tr("Bots"))
        self.tabs.addTab(self.appearance, self.tr("Appearance"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

        column = QVBoxLayout(self)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(12)
        column.addWidget(self.tabs, 1)
        column.addWidget(self.buttons)
        for page in (self.connection, self.account, self.bots, self.appearance):
            chain = page.tab_chain()
            for first, second in itertools.pairwise(chain):
                QWidget.setTabOrder(first, second)

        self.connection.validity_changed.connect(self.ok_button.setEnabled)
        self.connection.link_activated.connect(lambda url: self.open_url(QUrl(url)))
        self.bots.browseRequested.connect(self.open_bot_picker)
        self.bots.browse.setEnabled(account is not None)
        self.account.link_activated.connect(lambda url: self.open_url(QUrl(url)))
        # The Account tab follows the address as it is in the field, every key of it (validity alone changed at the
        # first valid prefix typed: it showed and signed in to http://127.0.0.1 for http://127.0.0.1:18765).
        self.connection.url.textChanged.connect(lambda _text: self.account.refresh())
        self.connection.validity_changed.connect(lambda _valid: self.account.refresh())
        self.connection.region.currentIndexChanged.connect(lambda _index: self.account.refresh())
        self.ok_button.setEnabled(self.connection.is_valid())
        # No token yet: the caret waits in its field (the region list had it, and a pasted token went nowhere).
        first = self.connection.token if not self.connection.token.text() else self.connection.region
        first.setFocus()

    def open_bot_picker(self) -> None:
        """The bot picker for the address and credential of the fields; picked bots join the list."""
        base, credential = self._test_destination()
        if self._service is None:
            return
        if base is None:
            self.bots.status.show_message("error", self.tr("Fix the API address on the Connection tab first."))
            return
        if not credential:
            self.bots.status.show_message(
                "error", self.tr("Enter an access token on the Connection tab, or sign in on the Account tab, first.")
            )
            return
        demo = (DEMO_BOT_ID, self.tr("Demo bot"))
        picker = BotPicker(self._service, base, credential, demo, self.bots.bot_ids(), self)
        self.bot_picker = picker
        picker.accepted.connect(lambda: self._add_picked(picker))
        picker.finished.connect(lambda _result: setattr(self, "bot_picker", None))
        picker.open()

    def _add_picked(self, picker: BotPicker) -> None:
        for bot_id, name in picker.picked():
            self.bots.add_bot(bot_id, name)

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and not self.connection.is_valid():
            self.tabs.setCurrentWidget(self.connection)
            return
        self.bots.cancel_test()  # a late Test answer must not change what the caller reads
        super().done(result)

    # -- results, read after exec() == Accepted ----------------------------------------------------

    def _test_destination(self) -> tuple[str | None, Credential]:
        """Where Test asks: the address and credential chats will use (COZE_API_BASE and COZE_API_TOKEN win
        over the fields, as in the window and `ask`): the account when it is chosen on the Account tab and
        signed in, else the token typed. The address is None while nothing valid is set."""
        typed = self.connection.token_text()

        def saved(base: str) -> Credential | None:
            if self._service is not None and self.account.credential_kind() is CredentialKind.ACCOUNT:
                account = self._service.account(base)
                if account.signed_in:
                    return account
            return typed or None

        resolver = Resolver(self._overrides, [saved])
        base = resolver.api_base(self.connection.url.text())
        token = resolver.token(base.value).value
        return (None if base.origin is Origin.NONE else base.value), token or ""

    def result_settings(self) -> Settings:
        """A modified copy of the settings given; it never holds the token."""
        result = dataclasses.replace(
            self._settings,
            api_base=self.connection.api_base() or self._settings.api_base,
            bot_ids=self.bots.bot_ids(),
            default_bot_id=self.bots.default_bot_id(),
            theme=self.appearance.theme_value(),
            language=self.appearance.language_value(),
            font_size=self.appearance.font_size_value(),
            load_images=self.appearance.load_images.isChecked(),
            session_token_only=self.result_session_only(),
            chatflow_parameters=parameter_entries(self.bots.chatflow_parameters()),
        )
        base = self.account.current_base()
        if base:
            remember_client_id(result, base, self.account.client_id_value())
            if self.account.chosen_kind() is not None:
                choose_kind(result, base, self.account.chosen_kind())
            set_pat_expiry(result, base, self.account.pat_expiry())
        return result

    def result_token(self) -> str:
        """The token typed or kept (may be ""), for the API base of result_settings()."""
        return self.connection.token_text()

    def result_session_only(self) -> bool:
        """True when there is no keyring and the user asked to keep the token for this session."""
        return self.connection.session_only_checked()

    def result_bot_names(self) -> dict[str, str]:
        """Bot names learnt by Test in this dialog: bot ID → name."""
        return self.bots.learnt_names()
