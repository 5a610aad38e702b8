"""Settings → Bots → Test: one question to Coze at a time about a bot (through the `test_bot` callable the dialog
was given; no I/O here), its answer as a signal, in the user's language when it failed."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal

from desktop.core.coze import BotInfo, CozeError, error_text
from desktop.core.coze.token_source import TokenSource
from desktop.ui.i18n import current_language

# test_bot(api_base, token, bot_id, on_done, on_error)
TestBot = Callable[[str, "str | TokenSource", str, Callable[[BotInfo], None], Callable[[Exception], None]], None]


class BotTest(QObject):
    """Signals: busyChanged(bool); found(bot_id, BotInfo); failed(bot_id, sentence, details). An answer counts
    only if no newer Test started, nor `cancel()` was called, since."""

    busyChanged = Signal(bool)
    found = Signal(str, object)
    failed = Signal(str, str, str)

    def __init__(self, test_bot: TestBot, parent: QObject) -> None:
        super().__init__(parent)
        self._test_bot = test_bot
        self._generation = 0
        self.running = False

    def start(self, api_base: str, token: str | TokenSource, bot_id: str) -> None:
        self._generation += 1
        generation = self._generation
        self._set_running(True)
        try:
            self._test_bot(
                api_base,
                token,
                bot_id,
                lambda info: self._done(generation, bot_id, info),
                lambda exc: self._error(generation, bot_id, exc, api_base),
            )
        except Exception as exc:  # a broken test_bot must not break the dialog
            self._error(generation, bot_id, exc, api_base)

    def cancel(self) -> None:
        self._generation += 1
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.busyChanged.emit(running)

    def _current(self, generation: int) -> bool:
        return shiboken6.isValid(self) and generation == self._generation

    def _done(self, generation: int, bot_id: str, info: BotInfo) -> None:
        if self._current(generation):
            self._set_running(False)
            self.found.emit(bot_id, info)

    def _error(self, generation: int, bot_id: str, exc: Exception, api_base: str) -> None:
        if not self._current(generation):
            return
        self._set_running(False)
        if isinstance(exc, CozeError):
            language = current_language()
            text = error_text(exc.kind, language, api_base=api_base)
            separator = "" if language == "zh" else " "  # Chinese sentences end in "。" and need no space
            self.failed.emit(bot_id, f"{text.sentence}{separator}{text.action}", exc.summary())
        else:
            self.failed.emit(bot_id, self.tr("The bot could not be tested ({0}).").format(type(exc).__name__), str(exc))
