"""The "Sign in with Coze" dialog: the user code large, Copy, Open in browser, and Cancel.

It shows what the AccountService reports (codeReady, pollInterval, signedIn, signInFailed) and
forwards Cancel; it never polls itself. Cancel stops the polling at once and closes the dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.auth.oauth import DeviceCode
from desktop.core.coze import CozeError
from desktop.core.coze.error_text import text_for
from desktop.services.account import AccountService
from desktop.ui.i18n import current_language
from desktop.ui.settings.widgets import StatusLine, hint_label

CODE_POINT_SIZE = 30


def spaced(user_code: str) -> str:
    """ "12345678" -> "1234 5678": easier to read aloud and to compare with the browser."""
    code = user_code.strip()
    return f"{code[:4]} {code[4:]}" if len(code) == 8 and " " not in code else code


class SignInDialog(QDialog):
    def __init__(self, service: AccountService, api_base: str, client_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in with Coze"))
        self.setMinimumWidth(460)
        self._service = service
        self._code: DeviceCode | None = None
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl  # tests replace it
        self.signed_in = False

        self.intro = hint_label(
            self.tr(
                "Open the Coze page, check that it shows this code, and choose Authorize. This window waits for you."
            )
        )
        self.code = QLabel("…")
        font = QFont(self.font())
        font.setPointSize(CODE_POINT_SIZE)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setAccessibleName(self.tr("Sign-in code"))
        self.copy_button = QPushButton(self.tr("&Copy code"))
        self.copy_button.clicked.connect(self._copy)
        self.open_button = QPushButton(self.tr("&Open in browser"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.status = StatusLine()
        self.where = hint_label()
        for button in (self.copy_button, self.open_button):
            button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 20, 20, 16)
        column.setSpacing(12)
        column.addWidget(self.intro)
        column.addWidget(self.code)
        column.addWidget(self.where)
        column.addLayout(buttons)
        column.addWidget(self.status)
        self.status.show_message("busy", self.tr("Asking Coze for a sign-in code…"))

        service.codeReady.connect(self._on_code)
        service.pollInterval.connect(self._on_interval)
        service.signedIn.connect(self._on_signed_in)
        service.signInFailed.connect(self._on_failed)
        service.start_sign_in(api_base, client_id)

    def _on_code(self, code: DeviceCode) -> None:
        self._code = code
        self.code.setText(spaced(code.user_code))
        self.where.setText(code.verification_url)
        for button in (self.copy_button, self.open_button):
            button.setEnabled(True)
        self.open_button.setFocus()
        self.status.show_message("busy", self.tr("Waiting for you to authorize in the browser…"))

    def _on_interval(self, seconds: int) -> None:
        if self._code is not None:
            self.status.show_message(
                "busy", self.tr("Waiting for you to authorize in the browser… (checking every {0} s)").format(seconds)
            )

    def _on_signed_in(self, _api_base: str) -> None:
        self.signed_in = True
        self.accept()

    def _on_failed(self, error: CozeError) -> None:
        text = text_for(error, current_language())
        self.status.show_message("error", f"{text.sentence} {text.action}", details=error.summary())
        for button in (self.copy_button, self.open_button):
            button.setEnabled(False)
        self.cancel_button.setText(self.tr("Close"))

    def _copy(self) -> None:
        if self._code is not None:
            QGuiApplication.clipboard().setText(self._code.user_code)
            self.status.show_message("success", self.tr("Code copied."))

    def _open(self) -> None:
        if self._code is not None:
            self.open_url(QUrl(self._code.verification_url))

    def done(self, result: int) -> None:
        if not self.signed_in:
            self._service.cancel()  # Cancel (or Esc, or closing) stops polling now
        for signal, slot in (
            (self._service.codeReady, self._on_code),
            (self._service.pollInterval, self._on_interval),
            (self._service.signedIn, self._on_signed_in),
            (self._service.signInFailed, self._on_failed),
        ):
            signal.disconnect(slot)
        super().done(result)
