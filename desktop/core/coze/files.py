"""`POST /v1/files/upload` and `GET /v1/files/retrieve` (cozepy `FilesClient`, coze-js `Files`).

The upload is `multipart/form-data` with one part named `file` (cozepy: `files={"file": …}`); the
answer's `data` is a File object `{id, bytes, created_at, file_name}`. The body is streamed from a
reader that knows its length (so requests sends a Content-Length, as the SDKs do), reports progress
and can be cancelled between two blocks.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from desktop.core.coze.errors import CozeError, ErrorKind

Progress = Callable[[int, int], None]  # (bytes sent, total)


@dataclass(frozen=True, slots=True)
class FileInfo:
    id: str
    bytes: int = 0
    created_at: int = 0
    file_name: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileInfo:
        def number(key: str) -> int:
            value = data.get(key)
            try:
                return int(value) if value is not None else 0
            except (TypeError, ValueError):
                return 0

        return cls(str(data.get("id") or ""), number("bytes"), number("created_at"), str(data.get("file_name") or ""))


class UploadCancelled(CozeError):
    """The user cancelled an upload; nothing was stored."""

    def __init__(self) -> None:
        super().__init__("upload cancelled", kind=ErrorKind.INTERRUPTED)


class MultipartBody:
    """A `multipart/form-data` body with one file part, read in blocks by http.client.

    `len()` gives requests the Content-Length; `read()` reports progress and raises
    `UploadCancelled` once `cancelled` is set.
    """

    BLOCK = 64 * 1024

    def __init__(
        self,
        name: str,
        source: Path | bytes,
        mime: str,
        *,
        progress: Progress | None = None,
        cancelled: threading.Event | None = None,
    ) -> None:
        self.boundary = "----CozeDesktop" + secrets.token_hex(12)
        self._head = (
            f"--{self.boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{form_filename(name)}"\r\n'
            f"Content-Type: {mime}\r\n\r\n"
        ).encode()
        self._tail = f"\r\n--{self.boundary}--\r\n".encode()
        self._source = source
        self._size = source.stat().st_size if isinstance(source, Path) else len(source)
        self._handle: IO[bytes] | None = None
        self._offset = 0  # of the whole body
        self._progress = progress
        self._cancelled = cancelled

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def __len__(self) -> int:
        return len(self._head) + self._size + len(self._tail)

    def read(self, size: int = -1) -> bytes:
        if self._cancelled is not None and self._cancelled.is_set():
            self.close()
            raise UploadCancelled()
        size = self.BLOCK if size is None or size < 0 else min(size, self.BLOCK)
        out = bytearray()
        while len(out) < size:
            piece = self._piece(size - len(out))
            if not piece:
                break
            out += piece
            self._offset += len(piece)
        if self._progress is not None and out:
            sent = min(max(0, self._offset - len(self._head)), self._size)
            self._progress(sent, self._size)
        return bytes(out)

    def _piece(self, size: int) -> bytes:
        head, body_end = len(self._head), len(self._head) + self._size
        if self._offset < head:
            return self._head[self._offset : self._offset + size]
        if self._offset < body_end:
            start = self._offset - head
            if isinstance(self._source, bytes):
                return self._source[start : start + size]
            if self._handle is None:
                self._handle = self._source.open("rb")
                self._handle.seek(start)
            data = self._handle.read(min(size, body_end - self._offset))
            if not data:
                raise CozeError("the file got shorter while it was being sent", kind=ErrorKind.BAD_REQUEST)
            return data
        start = self._offset - body_end
        self.close()
        return self._tail[start : start + size]

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def form_filename(name: str) -> str:
    """The `filename=` value as browsers and httpx write it (HTML5): UTF-8, with `"`, CR and LF
    percent-encoded, so a Chinese file name arrives as itself."""
    return name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A") or "file"
