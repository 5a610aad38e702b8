"""What the app tells the user about their session rather than about one chat: a personal access token
about to expire (status bar), a history file that had to be replaced, a token the keyring refused.

The strings live here, in a class, so that lupdate files them under this class's context and the
Chinese catalog translates them (`self.window.tr(...)` in the composition root was filed under a
context named "self.window" and never translated).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from desktop.core.coze.error_text import error_text
from desktop.core.coze.errors import ErrorKind
from desktop.core.store.salvage import SalvageReport
from desktop.ui.plain_text import warn
from desktop.ui.status_news import show_status


class SessionNotices(QObject):
    """Notices shown on `window` (its status bar, or a message box over it)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window

    def pat_expiry_text(self, days_left: int | None) -> str:
        """The warning for a PAT expiring in `days_left` days (negative: expired; None: no warning)."""
        if days_left is None:
            return ""
        if days_left < 0:
            return self.tr("Your personal access token has expired: make a new one, or sign in (Settings).")
        return self.tr(
            "Your personal access token expires in {0} day(s): make a new one, or sign in (Settings)."
        ).format(days_left)

    def pat_expiry(self, days_left: int | None) -> None:
        """Say in the status bar that the PAT in use expires soon (`pat_days_left` decides how soon)."""
        if self.pat_expiry_text(days_left):
            show_status(self._window.statusBar(), lambda: self.pat_expiry_text(days_left))

    def env_token_ignored(self, ignored: bool) -> None:
        """COZE_API_TOKEN is set but holds no token (Overrides.token_set_empty): it is not used; say so once."""
        if ignored:
            show_status(
                self._window.statusBar(),
                lambda: self.tr(
                    "COZE_API_TOKEN is set but holds no token, so it is ignored: unset it or set it to a personal access token."
                ),
            )

    def token_gone(self, language: str, gone: bool = True) -> None:
        """The token was kept for the last session only (no keyring): say that it went with it."""
        if not gone:
            return
        text = error_text(ErrorKind.TOKEN_GONE, language)
        self._window.statusBar().showMessage(f"{text.sentence} {text.action}")

    def history_recovered(self, old_file: Path, salvaged: SalvageReport | None = None) -> None:
        """The history file was damaged; `salvaged` says what could still be read into the new one."""
        chats, messages = (salvaged.rows("conversations"), salvaged.rows("messages")) if salvaged else (0, 0)
        if chats or messages:
            text = self.tr(
                "The chat history file was damaged. What could still be read ({chats} chats, {messages} messages)"
                " was copied into a new history. The old file was kept here:\n{path}"
            ).format(chats=chats, messages=messages, path=old_file)
        else:
            text = self.tr(
                "The chat history file could not be read, so a new one was started. The old file was kept here:\n{path}"
            ).format(path=old_file)
        warn(self._window, self.tr("History recovered"), text)

    def token_not_saved(self, reason: str) -> None:
        warn(self._window, self.tr("Token not saved"), reason)
