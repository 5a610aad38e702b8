"""The CLI's stdout and stderr: what a verb prints for a person passes through `strip_controls`.

Verbs print server text (answers, error messages, titles). A control character in it is a command to
the terminal (retitle, clear, move the cursor), so it never reaches one: the filter sits on the
stream itself, so a verb cannot forget it. stderr is always filtered (it is for people); stdout is
filtered when it is a terminal, and a pipe or file gets the text exactly as stored (`export > f`,
`ask ... | tool`).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from desktop.core.text_safety import strip_controls


class SafeTextStream(io.TextIOBase):
    """A text stream that writes through to `inner` without control characters."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(strip_controls(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def fileno(self) -> int:
        return self.inner.fileno()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.inner.encoding

    def reconfigure(self, **kwargs: Any) -> None:
        reconfigure = getattr(self.inner, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(**kwargs)


@contextmanager
def safe_stdio() -> Iterator[None]:
    """sys.stderr (and sys.stdout when it is a terminal) filtered for the duration, then restored."""
    saved = sys.stdout, sys.stderr
    if _is_terminal(saved[0]):
        sys.stdout = SafeTextStream(saved[0])
    sys.stderr = SafeTextStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):  # closed or detached
        return False
