"""The message box's unsent text, kept in <profile>/draft.txt: written a second after typing stops and at
quit, read back at start, removed when the box is emptied (a question sent). Closing the window, a crash
or a kill -9 lost a long question typed and not yet sent, without a word.

Only the text is kept (not attached files). A draft that cannot be written (a full or read-only disk)
stays in the box; the log says why, never what the text is.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, SignalInstance

from desktop.core.files import atomic_write

log = logging.getLogger(__name__)

SAVE_AFTER_MS = 1000  # after the last keystroke: a pause in typing, not every key


class DraftBox(Protocol):
    """The message box as the keeper sees it (the window's Composer)."""

    text_changed: SignalInstance

    def text(self) -> str: ...

    def set_text(self, text: str) -> None: ...


class DraftKeeper(QObject):
    """Puts the last session's draft in `box`, then keeps its text each time it changes; `flush()` at quit."""

    def __init__(self, path: Path, box: DraftBox, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = path
        self._text = box.text
        self._saved: str | None = None  # what the file holds, when known
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.save)
        draft = self.load()
        if draft:
            box.set_text(draft)
        box.text_changed.connect(self.changed)

    def load(self) -> str:
        try:
            self._saved = self._path.read_bytes().decode("utf-8", errors="replace")
        except FileNotFoundError:
            self._saved = ""
        except OSError as exc:
            log.warning("the unsent draft could not be read: %s", exc.strerror or exc)
            return ""
        return self._saved

    def changed(self) -> None:
        self._timer.start()

    def flush(self) -> None:
        """Write what is waiting now (at quit)."""
        if self._timer.isActive():
            self._timer.stop()
            self.save()

    def save(self) -> None:
        text = self._text()
        if text == self._saved:
            return
        try:
            if text:
                with atomic_write(self._path) as out:
                    out.write(text)
            else:
                self._path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("the unsent draft could not be kept: %s", exc.strerror or exc)
            return
        self._saved = text
