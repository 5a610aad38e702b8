"""Settings → Connection: region / API address, the access token, where the token is kept, and the
environment variables that override the saved values for this run.

Signals: `validity_changed(bool)` when the API address becomes valid or invalid;
`link_activated(str)` when the user asks to open a web page (the dialog decides how).
"""

from __future__ import annotations

import re
import sys

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.coze import COZE_CN, COZE_COM, CozeError, ErrorKind, normalize_base_url
from desktop.core.settings import Overrides
from desktop.core.token_text import clean_token
from desktop.ui import icons
from desktop.ui.settings.widgets import Notice, StatusLine, hint_label, vbox

TOKEN_PAGES = {
    COZE_CN: "https://www.coze.cn/open/oauth/pats",
    COZE_COM: "https://www.coze.com/open/oauth/pats",
}
CUSTOM = ""  # the region combo's data for "Custom…"


def _keyring_name() -> str:
    if sys.platform == "darwin":
        return "Keychain"
    if sys.platform == "win32":
        return "Windows Credential Manager"
    return "Secret Service"


class ConnectionPage(QWidget):
    validity_changed = Signal(bool)
    link_activated = Signal(str)

    def __init__(
        self, api_base: str, token: str | None, token_problem: str | None, overrides: Overrides, session_only: bool
    ) -> None:
        super().__init__()
        self._token_problem = token_problem
        self._valid = True

        self.region = QComboBox()
        self.region.addItem(self.tr("coze.cn (api.coze.cn)"), COZE_CN)
        self.region.addItem(self.tr("coze.com (api.coze.com)"), COZE_COM)
        self.region.addItem(self.tr("Custom…"), CUSTOM)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://api.coze.cn")
        self.url.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly | Qt.InputMethodHint.ImhNoAutoUppercase)
        self.url_status = StatusLine()

        self.token = QLineEdit(token or "")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("Paste your personal access token (pat_…)"))
        self.token.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.reveal = QAction(self)
        self.reveal.setCheckable(True)
        self.reveal.toggled.connect(self._on_reveal)
        self.token.addAction(self.reveal, QLineEdit.ActionPosition.TrailingPosition)
        self.paste = QPushButton(self.tr("&Paste"))
        self.paste.setToolTip(self.tr("Paste the token from the clipboard"))
        self.paste.clicked.connect(self._on_paste)
        self.create_link = QLabel()
        self.create_link.setTextFormat(Qt.TextFormat.RichText)
        self.create_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.create_link.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.create_link.linkActivated.connect(self.link_activated)
        self.token_hint = hint_label(
            self.tr(
                "Tokens are per site: a token created on coze.cn only works with api.coze.cn, "
                "a coze.com token only with api.coze.com."
            )
        )

        self.env_token_note = StatusLine()  # COZE_API_TOKEN set but blank: why the field's token is the one used
        if overrides.token_set_empty:
            self.env_token_note.show_message(
                "info",
                self.tr(
                    "COZE_API_TOKEN is set but holds no token, so it is ignored: unset it or set it to a personal"
                    " access token."
                ),
            )

        token_row = QHBoxLayout()
        token_row.setSpacing(6)
        token_row.addWidget(self.token, 1)
        token_row.addWidget(self.paste)

        self._form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(12)
        form.addRow(self.tr("&Region:"), self.region)
        self._url_field = vbox(self.url, self.url_status)
        form.addRow(self.tr("API &address:"), self._url_field)  # shown for "Custom…" only
        form.addRow(self.tr("Access &token:"), vbox(token_row, self.env_token_note, self.create_link, self.token_hint))

        self.session_only = QCheckBox(self.tr("Keep the token for this session only"), self)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(14)
        column.addLayout(form)
        if token_problem is not None:
            self.keyring_note: QWidget = Notice(
                "warning",
                self.tr("No system keyring is available: {0}. The token cannot be saved.").format(
                    self._problem_text(token_problem)
                ),
            )
            self.session_only.setChecked(True)
            self.keyring_note.add_widget(self.session_only)
        else:
            self.keyring_note = hint_label(
                self.tr("The token is stored in the system keyring ({0}), never in a file.").format(_keyring_name())
            )
            self.session_only.setChecked(session_only)
            self.session_only.hide()
        column.addWidget(self.keyring_note)
        lines = self._override_lines(overrides)
        self.overrides_note = Notice("info", "\n".join(lines))
        self.overrides_note.setVisible(bool(lines))
        column.addWidget(self.overrides_note)
        column.addStretch(1)

        self._select_base(api_base)
        self.region.currentIndexChanged.connect(self._on_region_chosen)
        self.url.textChanged.connect(self._validate)
        self._refresh_icons()
        self._on_reveal(False)
        self._on_region()

    def tab_chain(self) -> list[QWidget]:
        """The keyboard order of this page's fields (set by the dialog once the page has a window)."""
        chain: list[QWidget] = [self.region, self.url, self.token, self.paste, self.create_link]
        return [*chain, self.session_only] if self._token_problem is not None else chain

    # -- what the dialog reads ------------------------------------------------------------------

    def api_base(self) -> str | None:
        """The normalized API address, or None while it is invalid."""
        try:
            return normalize_base_url(self.url.text())
        except CozeError:
            return None

    def is_valid(self) -> bool:
        return self._valid

    def token_text(self) -> str:
        return clean_token(self.token.text())

    def session_only_checked(self) -> bool:
        return self._token_problem is not None and self.session_only.isChecked()

    # -- behaviour ------------------------------------------------------------------------------

    def _select_base(self, api_base: str) -> None:
        try:
            base = normalize_base_url(api_base)
        except CozeError:
            base = api_base.strip()
        index = self.region.findData(base)
        self.region.setCurrentIndex(index if index >= 0 else self.region.findData(CUSTOM))
        self.url.setText(base)

    def _on_region_chosen(self) -> None:
        self._on_region()
        if self.region.currentData() == CUSTOM:
            self.url.setFocus()
            self.url.selectAll()

    def _on_region(self) -> None:
        base = self.region.currentData()
        custom = base == CUSTOM
        self._form.setRowVisible(self._url_field, custom)
        if not custom:
            self.url.setText(base)
        self._update_link()
        self._validate()

    def _update_link(self) -> None:
        base = self.region.currentData()
        if base == CUSTOM:
            base = COZE_COM if "coze.com" in self.url.text() else COZE_CN
        site = "coze.com" if base == COZE_COM else "coze.cn"
        text = self.tr("Create a token on {0}…").format(site)
        self.create_link.setText(f'<a href="{TOKEN_PAGES[base]}">{text}</a>')
        self.create_link.setToolTip(TOKEN_PAGES[base])

    def _validate(self) -> None:
        text = self.url.text().strip()
        message = ""
        if not text:
            message = self.tr("Enter the API address, for example https://api.coze.cn.")
        else:
            try:
                normalize_base_url(text)
            except CozeError as exc:
                if exc.kind is ErrorKind.INSECURE_URL:
                    message = self.tr(
                        "Plain http is only allowed for this computer (localhost or 127.x.x.x): "
                        "elsewhere your token would travel unencrypted. Use https://."
                    )
                else:
                    message = self.tr("This is not a web address. Enter one that starts with https://.")
        self.url_status.show_message("error", message)
        if self.region.currentData() == CUSTOM:
            self._update_link()
        valid = not message
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def _on_reveal(self, shown: bool) -> None:
        self.token.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.reveal.setText(self.tr("Hide the token") if shown else self.tr("Show the token"))
        self.reveal.setToolTip(self.reveal.text())
        self._refresh_icons()

    def _on_paste(self) -> None:
        text = clean_token(QGuiApplication.clipboard().text())
        if text:
            self.token.setText(text)
            self.token.setFocus()

    def _refresh_icons(self) -> None:
        color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self.reveal.setIcon(icons.icon("eye-off" if self.reveal.isChecked() else "eye", color))
        self.paste.setIcon(icons.icon("paste", self.palette().color(QPalette.ColorRole.ButtonText)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh_icons()

    def _problem_text(self, problem: str) -> str:
        if problem.startswith("no system keyring is available"):
            return self.tr("install and unlock GNOME Keyring, KWallet or a similar keyring service")
        match = re.fullmatch(r"the configured keyring \((.+)\) stores secrets in a plain file", problem)
        if match:
            return self.tr("the configured keyring ({0}) would store it in a plain file").format(match.group(1))
        match = re.fullmatch(r"the keyring backend (.+) is not usable here", problem)
        if match:
            return self.tr("the keyring backend {0} is not usable here").format(match.group(1))
        return problem

    def _override_lines(self, overrides: Overrides) -> list[str]:
        lines = []
        if overrides.token:
            lines.append(self.tr("COZE_API_TOKEN is set in the environment and is used for this run (not saved)."))
        if overrides.api_base:
            lines.append(
                self.tr("COZE_API_BASE is set in the environment ({0}) and is used for this run (not saved).").format(
                    overrides.api_base
                )
            )
        return lines
