"""Settings → Account: sign in with Coze (OAuth device code), who is signed in, sign out, which
credential is active for the address (account or personal access token), and a PAT's expiry date.

The page shows what it is given and what the AccountService reports; signing in runs in the
SignInDialog. Results are read by the Settings dialog: `client_id()`, `credential_kind()`,
`pat_expiry()`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.auth.credentials import WWW, CredentialKind
from desktop.core.coze.catalog import User
from desktop.services.account import AccountService
from desktop.ui.chat_pane import rounded
from desktop.ui.plain_text import data_text, scrolling_form
from desktop.ui.settings.sign_in_dialog import SignInDialog
from desktop.ui.settings.widgets import Notice, StatusLine, hint_label, vbox

OAUTH_APPS = "{www}/open/oauth/apps"
AVATAR = 40


class AccountPage(QWidget):
    link_activated = Signal(str)

    def __init__(
        self,
        service: AccountService | None,
        api_base: Callable[[], str | None],
        client_id: Callable[[str], str],
        credential_kind: Callable[[str], CredentialKind | None],
        pat_expiry: Callable[[str], date | None],
    ) -> None:
        super().__init__()
        self._service = service
        self._api_base = api_base
        self._client_id_for = client_id
        self._kind_for = credential_kind
        self._expiry_for = pat_expiry
        self._user: User | None = None
        self._base = ""
        self.sign_in_dialog: SignInDialog | None = None  # the open one, for tests

        self.avatar = QLabel()
        self.avatar.setFixedSize(AVATAR, AVATAR)
        self.avatar.setVisible(False)
        self._avatar_url = ""
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.state.font()
        bold.setBold(True)
        self.state.setFont(bold)
        self.client_id = QLineEdit()
        self.client_id.setPlaceholderText(self.tr("e.g. 12345678901234567890.app.coze"))
        self.sign_in = QPushButton(self.tr("&Sign in with Coze…"))
        self.sign_in.clicked.connect(self.start_sign_in)
        self.sign_out = QPushButton(self.tr("Sign &out"))
        self.sign_out.clicked.connect(self._sign_out)
        self.status = StatusLine()
        self.how_to = hint_label(
            self.tr(
                "To sign in you need an OAuth app of your own on Coze: open the OAuth apps page, create an app "
                "of type “普通” (normal) with the client type “TV端/设备应用/类命令行程序” (TV / device / "
                "command-line app), tick the permissions for chatting with bots and reading their info, plus "
                "listWorkspace and listBot for the bot list, save, and paste its client ID here. It is remembered "
                "for this address."
            )
        )
        self.apps_link = QPushButton(self.tr("Open Coze's OAuth apps page"))
        self.apps_link.setFlat(True)
        self.apps_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.apps_link.setStyleSheet(
            "text-align: left; padding: 2px 0; color: palette(link); text-decoration: underline;"
        )
        self.apps_link.clicked.connect(lambda: self.link_activated.emit(self._apps_url()))

        self.use_account = QRadioButton(self.tr("My Coze &account (signed in above)"))
        self.use_pat = QRadioButton(self.tr("The &personal access token on the Connection tab"))
        self._kinds = QButtonGroup(self)
        self._kinds.addButton(self.use_account)
        self._kinds.addButton(self.use_pat)
        self._kind_chosen = False  # only a choice the user made is saved; otherwise the account wins if signed in
        self._kinds.buttonClicked.connect(lambda _button: setattr(self, "_kind_chosen", True))

        self.pat_expires = QCheckBox(self.tr("My personal access token &expires on"))
        self.pat_date = QDateEdit()
        self.pat_date.setCalendarPopup(True)
        self.pat_date.setDisplayFormat("yyyy-MM-dd")
        self.pat_expires.toggled.connect(self.pat_date.setEnabled)
        self.pat_hint = hint_label(
            self.tr(
                "Coze personal access tokens expire after at most 30 days. Record the date and the app warns "
                "you 3 days before."
            )
        )
        self.unavailable = Notice("info", self.tr("Signing in is not available in this window."))
        self.unavailable.setVisible(service is None)

        # A grid, not a QFormLayout: the form laid the field out at its size hint, not its height for the width,
        # and the help under the client ID lost its last lines (the Chinese one two of five).
        client_label = QLabel(self.tr("OAuth app &client ID:"))
        client_label.setBuddy(self.client_id)
        client_label.setMinimumHeight(self.client_id.sizeHint().height())  # level with the field's text
        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.addWidget(client_label, 0, 0, Qt.AlignmentFlag.AlignTop)
        form.addWidget(vbox(self.client_id, self.how_to, self.apps_link), 0, 1)
        form.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_in)
        buttons.addWidget(self.sign_out)
        buttons.addStretch(1)
        kinds = vbox(QLabel(self.tr("Chats with this address use:")), self.use_account, self.use_pat)
        expiry = QHBoxLayout()
        expiry.addWidget(self.pat_expires)
        expiry.addWidget(self.pat_date)
        expiry.addStretch(1)
        column = QVBoxLayout()
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(10)
        column.addWidget(self.unavailable)
        who = QHBoxLayout()
        who.setSpacing(10)
        who.addWidget(self.avatar)
        who.addWidget(self.state, 1)
        column.addLayout(who)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.status)
        column.addSpacing(6)
        column.addWidget(kinds)
        column.addLayout(expiry)
        column.addWidget(self.pat_hint)
        column.addStretch(1)
        # Scrolled, not squeezed: the dialog is sized for the tab it opens on, and signed in (a status line, the
        # picture) this page may need more; a tab widget ignores a page's height-for-width, so the Chinese help
        # under the client ID was squeezed and clipped. A scroll area gives every line its height for the width.
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(scrolling_form(column, self))
        if service is not None:
            service.userLoaded.connect(self._on_user)
            service.iconLoaded.connect(self._on_avatar)
        self.refresh()

    # -- state ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the state for the current API address (after a region change, a sign-in or out)."""
        base = self._api_base() or ""
        if base != self._base:
            self._base = base
            self._user = None
            self.client_id.setText(self._client_id_for(base) if base else "")
            kind = self._kind_for(base) if base else None
            self._kind_chosen = kind is not None
            if kind is None:
                kind = CredentialKind.ACCOUNT if self.signed_in() else CredentialKind.PAT
            (self.use_pat if kind is CredentialKind.PAT else self.use_account).setChecked(True)
            expiry = self._expiry_for(base) if base else None
            self.pat_date.setDate(QDate.currentDate().addDays(30) if expiry is None else _qdate(expiry))
            self.pat_expires.setChecked(expiry is not None)
            self.pat_date.setEnabled(expiry is not None)
        signed_in = self.signed_in()
        host = base.split("//", 1)[-1] or self.tr("this address")
        if signed_in and self._user is not None:
            who = data_text(self._user.display_name)
            handle = data_text(self._user.user_name)
            text = self.tr("Signed in to {host} as {name}").format(host=host, name=who)
            self.state.setText(f"{text} (@{handle})" if handle and handle != who else text)
        elif signed_in:
            self.state.setText(self.tr("Signed in to {host}.").format(host=host))
            if self._service is not None:
                self._service.load_user(base)
        else:
            self.state.setText(self.tr("Not signed in to {host}.").format(host=host))
        if self._user is None:
            self._avatar_url = ""
            self.avatar.setVisible(False)
        can = self._service is not None and bool(base)
        self.sign_in.setEnabled(can)
        self.sign_in.setText(self.tr("&Sign in again…") if signed_in else self.tr("&Sign in with Coze…"))
        self.sign_out.setEnabled(can and signed_in)

    def signed_in(self) -> bool:
        return self._service is not None and bool(self._base) and self._service.account(self._base).signed_in

    def _on_user(self, api_base: str, user: User) -> None:
        if api_base == self._base:
            self._user = user
            self.refresh()
            if user.avatar_url and self._service is not None:
                self._avatar_url = user.avatar_url
                self._service.load_icon(user.avatar_url)

    def _on_avatar(self, url: str, data: bytes) -> None:
        picture = QPixmap()
        if url != self._avatar_url or self._user is None or not picture.loadFromData(data):
            return
        self.avatar.setPixmap(rounded(picture, AVATAR, self.devicePixelRatioF()))
        self.avatar.setVisible(True)

    def _apps_url(self) -> str:
        return OAUTH_APPS.format(www=WWW.get(self._base, "https://www.coze.cn"))

    # -- intents ----------------------------------------------------------------------------------
    def start_sign_in(self) -> None:
        self.refresh()  # the address as it is in the field now
        client_id = self.client_id.text().strip()
        if self._service is None or not self._base:
            return
        if not client_id:
            self.status.show_message("error", self.tr("Paste your OAuth app's client ID first (see below)."))
            self.client_id.setFocus()
            return
        self.status.clear_message()
        dialog = SignInDialog(self._service, self._base, client_id, self)
        dialog.open_url = lambda url: self.link_activated.emit(url.toString())
        self.sign_in_dialog = dialog
        dialog.finished.connect(lambda _result: self._signed_in_done(dialog))
        dialog.open()

    def _signed_in_done(self, dialog: SignInDialog) -> None:
        self.sign_in_dialog = None
        if dialog.signed_in:
            self.use_account.setChecked(True)
            self._kind_chosen = True
            self.status.show_message("success", self.tr("Signed in. Chats with this address now use your account."))
        self.refresh()

    def _sign_out(self) -> None:
        if self._service is not None and self._base:
            self._service.sign_out(self._base)
            self._user = None
            self.status.show_message("info", self.tr("Signed out. The sign-in was removed from the keyring."))
            self.refresh()

    # -- results ----------------------------------------------------------------------------------
    def current_base(self) -> str:
        return self._base

    def client_id_value(self) -> str:
        return self.client_id.text().strip()

    def credential_kind(self) -> CredentialKind:
        return CredentialKind.PAT if self.use_pat.isChecked() else CredentialKind.ACCOUNT

    def chosen_kind(self) -> CredentialKind | None:
        """The credential the user chose for this address, or None when they left it alone."""
        return self.credential_kind() if self._kind_chosen else None

    def pat_expiry(self) -> date | None:
        if not self.pat_expires.isChecked():
            return None
        d = self.pat_date.date()
        return date(d.year(), d.month(), d.day())

    def tab_chain(self) -> list[QWidget]:
        return [
            self.client_id,
            self.sign_in,
            self.sign_out,
            self.use_account,
            self.use_pat,
            self.pat_expires,
            self.pat_date,
        ]


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
