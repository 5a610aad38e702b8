"""Parsing an export file a piece at a time, so the import never holds the GIL for long.

`json.loads` of a 66 MB export is one C call: it held the GIL for ~0.2 s, and the window (whose
thread needs the GIL to paint) froze that long although the import runs on a worker thread. Here the
file is read and decoded in chunks, the outer levels of the document (the document, its lists of
bots and conversations, each conversation, its list of messages) are walked in Python, and only the
values below them — one message, one field — go to the C scanner (`JSONDecoder.raw_decode`), so each
C call is as long as one message. The result is the same document `load_export` gives, with the
same strictness (no NaN or Infinity, no duplicate keys, UTF-8) and errors that name line and column.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Any, BinaryIO

from desktop.core.store.transfer.format import NotJson, reject_constant, unique_keys
from desktop.core.store.transfer.progress import Progress, no_progress

READ_BYTES = 1 << 20
SPLIT_DEPTH = 3  # containers down to this depth are walked here; deeper values are one C call each
_WHITESPACE = " \t\n\r"
_VALUE_STARTS = '"-0123456789tfn[{'  # the first character of every JSON value (NaN and Infinity are refused)
_CUT_OFF = re.compile(r"[0-9eE.+-]*\Z")  # nothing after a value but what could still be part of a number
_DECODER = json.JSONDecoder(parse_constant=reject_constant, object_pairs_hook=unique_keys)


class _Source:
    """A sliding window of the file's text: what is not parsed yet, and where it is in the file."""

    def __init__(self, stream: BinaryIO, total: int, progress: Progress, limit: int | None = None) -> None:
        self._stream = stream
        self._total = total
        self._limit = limit
        self._progress = progress
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._read = 0
        self.text = ""
        self.pos = 0
        self.eof = False
        self._lines = 0  # newlines in the text dropped from the window
        self._column = 0  # characters after the last dropped newline

    def more(self) -> bool:
        """Read at least as much again as the window holds ahead of `pos` (a big value costs O(n)); False at
        the end of the file."""
        if self.eof:
            return False
        self._drop_parsed()
        wanted = max(READ_BYTES, len(self.text) - self.pos)
        pieces = []
        got = 0
        while got < wanted:
            chunk = self._stream.read(READ_BYTES)
            final = not chunk
            try:
                pieces.append(self._decoder.decode(chunk, final))
            except UnicodeDecodeError as exc:
                byte = self._read + max(0, exc.start)
                raise NotJson(f"not UTF-8 text (byte {byte})", byte=byte) from None
            self._read += len(chunk)
            if self._limit is not None and self._read > self._limit:
                raise InputTooLarge(self._limit)
            self._progress(min(self._read, self._total), self._total)
            if final:
                self.eof = True
                break
            got += len(chunk)
        self.text += "".join(pieces)
        return True

    def _drop_parsed(self) -> None:
        if self.pos < READ_BYTES:
            return
        dropped = self.text[: self.pos]
        newlines = dropped.count("\n")
        if newlines:
            self._lines += newlines
            self._column = len(dropped) - dropped.rfind("\n") - 1
        else:
            self._column += len(dropped)
        self.text = self.text[self.pos :]
        self.pos = 0

    def fail(self, problem: str, at: int | None = None) -> NotJson:
        at = self.pos if at is None else at
        before = self.text.count("\n", 0, at)
        column = at - self.text.rfind("\n", 0, at) if before else self._column + at + 1
        line = self._lines + before + 1
        return NotJson(f"not valid JSON: {problem} at line {line} column {column}", line=line, column=column)

    def skip_whitespace(self) -> str:
        """The next character that is not whitespace ("" at the end of the file), left unread."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def value(self) -> Any:
        """One value by the C scanner, reading more while it is cut off by the end of the window."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                if self.text[self.pos] not in _VALUE_STARTS:  # no value starts so: more text cannot help
                    raise self.fail(exc.msg, exc.pos) from None
                if self.more():
                    continue
                raise self.fail(exc.msg, exc.pos) from None
            except RecursionError:
                raise NotJson("not valid JSON: nested too deeply") from None
            if _CUT_OFF.match(self.text, end) and self.more():  # "1.5" of "1.5e+16" may go on in the next chunk
                continue
            self.pos = end
            return value


def _parse(source: _Source, depth: int) -> Any:
    first = source.skip_whitespace()
    if not first:
        raise source.fail("Expecting value")
    if depth > SPLIT_DEPTH or first not in "[{":
        return source.value()
    source.pos += 1
    closing = "}" if first == "{" else "]"
    result: Any = {} if first == "{" else []
    if source.skip_whitespace() == closing:
        source.pos += 1
        return result
    while True:
        if first == "{":
            if source.skip_whitespace() != '"':
                raise source.fail("Expecting property name enclosed in double quotes")
            key = source.value()
            if source.skip_whitespace() != ":":
                raise source.fail("Expecting ':' delimiter")
            source.pos += 1
            if key in result:
                raise NotJson(f"not valid JSON: duplicate key {key!r}")
            result[key] = _parse(source, depth + 1)
        else:
            result.append(_parse(source, depth + 1))
        after = source.skip_whitespace()
        source.pos += 1
        if after == closing:
            return result
        if after != ",":
            raise source.fail("Expecting ',' delimiter", source.pos - 1)


def load_export_file(path: Path, progress: Progress = no_progress) -> Any:
    """Parse the export file at `path` (strict JSON, as `load_export`), a piece at a time; `progress(bytes
    read, file size)`. Raises InvalidExportFile, or OSError when the file cannot be read."""
    with path.open("rb") as stream:
        return load_export_stream(stream, progress, total=path.stat().st_size)


def load_export_stream(
    stream: BinaryIO, progress: Progress = no_progress, *, total: int = 0, limit: int | None = None
) -> Any:
    """Parse an export read from `stream` (a pipe, stdin), a piece at a time. With `limit`, reading more
    than `limit` bytes raises InputTooLarge (an endless pipe never ends otherwise)."""
    source = _Source(stream, total, progress, limit)
    document = _parse(source, 0)
    if source.skip_whitespace():
        raise source.fail("Extra data")
    return document


class InputTooLarge(Exception):
    """The stream went on past the bytes it may hold (`limit`)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.limit = limit
