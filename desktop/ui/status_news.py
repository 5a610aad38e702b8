"""A message in the window's status bar that speaks the language of the moment: `show_status(bar, words, ms)`
with `words` a function (see toast.Words) says it again after a language switch, for the time it has
left. A message shown any other way (or cleared) is left alone.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QStatusBar

from desktop.ui.toast import Words, said


class StatusNews(QObject):
    """The bar's one news keeper (a child of the bar, made by the first `show_status`)."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self._bar = bar
        self._words: Words | None = None
        self._shown = ""
        self._until = 0.0  # monotonic seconds when it goes (0: it stays)
        bar.installEventFilter(self)
        bar.messageChanged.connect(self._changed)

    def show(self, words: Words, ms: int = 0) -> None:
        self._words, self._until = words, time.monotonic() + ms / 1000 if ms else 0.0
        self._say(ms)

    def _say(self, ms: int) -> None:
        self._shown = said(self._words) if self._words is not None else ""
        self._bar.showMessage(self._shown, ms)

    def _changed(self, text: str) -> None:
        if text != self._shown:  # someone else's message, or the bar cleared: not ours to redo
            self._words = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._bar and event.type() == QEvent.Type.LanguageChange and self._words is not None:
            left = round((self._until - time.monotonic()) * 1000) if self._until else 0
            if not self._until or left > 0:
                self._say(left)
        return False


def show_status(bar: QStatusBar, words: Words, ms: int = 0) -> None:
    """Show `words` in `bar` for `ms` (0: until replaced), again in the new language after a switch."""
    news = bar.findChild(StatusNews)
    (news if news is not None else StatusNews(bar)).show(words, ms)
