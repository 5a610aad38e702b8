"""The CLI's stdout and stderr: UTF-8 whatever the console says, and what a verb prints for a person
passes through `strip_controls`.

Verbs print server text (answers, error messages, titles). A control character in it is a command to
the terminal (retitle, clear, move the cursor), so it never reaches one: the filter sits on the
stream itself, so a verb cannot forget it. stderr is always filtered (it is for people); stdout is
filtered when it is a terminal, and a pipe or file gets the text exactly as stored (`export > f`,
`ask ... | tool`).
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO, TextIO

from desktop.commands.speech import say
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
    """sys.stdout and sys.stderr in UTF-8; sys.stderr (and sys.stdout when it is a terminal) filtered
    for the duration, then restored. `cli.main` runs every verb inside it."""
    utf8_stdio()
    saved = sys.stdout, sys.stderr
    if is_terminal(saved[0]):
        sys.stdout = SafeTextStream(saved[0])
    sys.stderr = SafeTextStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def utf8_stdio() -> None:
    """Chinese must not crash a console or pipe whose encoding is not UTF-8: write both streams as
    UTF-8 (a character that still cannot be written becomes '?', not a traceback). Streams that cannot
    be reconfigured (a closed pipe) stay as they are."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):  # closed or detached
        return False


@contextmanager
def flushed_by_caller(stream: TextIO) -> Iterator[None]:
    """Turn a terminal's line buffering off for the duration (restored after): a streaming answer then
    reaches it in one write per `flush()` of the caller instead of one per line of text."""
    inner: Any = getattr(stream, "inner", stream)  # the terminal's own stream under SafeTextStream
    if not getattr(inner, "line_buffering", False):
        yield
        return
    try:
        inner.reconfigure(line_buffering=False)
    except (AttributeError, ValueError, OSError):  # not reconfigurable: stays as it is
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(ValueError, OSError):
            stream.flush()
            inner.reconfigure(line_buffering=True)


class StdinProblem(Exception):
    """`-` was given for stdin, and stdin cannot give it (closed, or more than the verb takes)."""


def stdin_bytes(limit: int | None = None) -> bytes:
    """All of stdin as bytes (at most `limit`: more raises StdinProblem rather than filling memory from
    an endless pipe). A process started with stdin closed has no sys.stdin at all: StdinProblem too."""
    stream = _open_stdin()
    size = -1 if limit is None else limit + 1
    raw = getattr(stream, "buffer", None)
    if raw is not None:
        data: bytes = raw.read(size)
    else:  # a text-only stream (an embedding host, a test's): its text as UTF-8
        data = stream.read(size).encode("utf-8", "surrogateescape")
    if limit is not None and len(data) > limit:
        raise StdinProblem(
            say("stdin holds more than {size} MiB: attach it as a file with --file instead", size=limit // (1 << 20))
        )
    return data


def stdin_binary(limit: int) -> BinaryIO:
    """stdin as bytes to read a piece at a time (a text-only stream: at most `limit` + 1 bytes of its text)."""
    stream = _open_stdin()
    raw: BinaryIO | None = getattr(stream, "buffer", None)
    if raw is not None:
        return raw
    return io.BytesIO(stream.read(limit + 1).encode("utf-8", "surrogateescape"))


def _open_stdin() -> TextIO:
    stream = sys.stdin
    if stream is None or getattr(stream, "closed", False):
        raise StdinProblem(say("'-' reads from stdin, but stdin is closed: pass the text as an argument instead"))
    return stream
