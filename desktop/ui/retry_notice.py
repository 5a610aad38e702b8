"""The status-bar line that counts down to an automatic retry ("Coze is busy — retrying in 3 s…").

The controller emits `retrying(conversation, seconds, attempt, code)` before each wait; this shows a
countdown for the conversation on screen, which Stop (Esc) cancels, and clears it when the chat
ends. It only displays: the wait itself and its cancellation live in the chat worker.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QStatusBar

BUSY_CODES = frozenset({4009})
MODEL_CODES = frozenset({4013})


class RetryNotice(QObject):
    def __init__(self, bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bar = bar
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._render)
        self._deadline = 0.0
        self._code = 0
        self._attempt = 0
        self.conversation_id: int | None = None

    def show(self, conversation_id: int, seconds: float, attempt: int, code: int) -> None:
        self.conversation_id = conversation_id
        self._deadline = time.monotonic() + seconds
        self._code = code
        self._attempt = attempt
        self._render()
        self._timer.start()

    def clear(self, conversation_id: int | None = None) -> None:
        if conversation_id is not None and conversation_id != self.conversation_id:
            return
        if self._timer.isActive() or self.conversation_id is not None:
            self._timer.stop()
            self._bar.clearMessage()
        self.conversation_id = None

    def text(self) -> str:
        left = max(0, math.ceil(self._deadline - time.monotonic()))
        if self._code in BUSY_CODES:
            reason = self.tr("Coze is busy")
        elif self._code in MODEL_CODES:
            reason = self.tr("The bot's model is at its limit")
        else:
            reason = self.tr("Coze is limiting the request rate")
        if left == 0:
            return self.tr("{reason} — retrying now (attempt {n})…").format(reason=reason, n=self._attempt + 1)
        return self.tr("{reason} — retrying in {s} s… (Esc stops)").format(reason=reason, s=left)

    def _render(self) -> None:
        self._bar.showMessage(self.text())
        if time.monotonic() >= self._deadline:
            self._timer.stop()
