"""A local file about to be attached: what it really is, how big, and whether Coze would take it.

Coze refuses (error 4000) a file whose content does not match its extension, so we look at the
content first and refuse with a sentence that names the real type — we never rename a file behind
the user's back. The upload limit is Coze's: 512 MB per file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from desktop.core import media

COZE_MAX_UPLOAD_BYTES = 512 * 1024 * 1024
_HEAD_BYTES = 256 * 1024  # enough for an image header behind a large EXIF block


class Refusal(StrEnum):
    MISSING = "missing"
    NOT_A_FILE = "not_a_file"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    TYPE_MISMATCH = "type_mismatch"
    NO_SPACE = "no_space"  # no room in the profile for the copy (content with no file of its own: a pasted picture)


class AttachmentRefused(Exception):
    """A file we will not upload, and why (see `desktop.core.attachments.text` for the sentences)."""

    def __init__(self, reason: Refusal, name: str, *, real: media.Kind | None = None, limit: int = 0) -> None:
        self.reason = reason
        self.name = name
        self.real = real
        self.limit = limit
        super().__init__(f"{name}: {reason.value}")


@dataclass(frozen=True)
class LocalFile:
    """A checked file: `kind` from its content, `dimensions` for images whose header says so."""

    path: Path | None
    name: str
    size: int
    kind: media.Kind
    sha256: str
    dimensions: tuple[int, int] | None = None
    coze_file_id: str = ""  # a file only Coze has (a synced question's, no local copy): sent by this id alone

    @property
    def is_image(self) -> bool:
        return self.kind.image

    @property
    def coze_only(self) -> bool:
        """No local copy: it can be sent while Coze knows its id, never uploaded again."""
        return bool(self.coze_file_id) and self.path is None

    def read(self) -> bytes:
        if self.path is None:
            raise ValueError("an in-memory attachment has no path")
        return self.path.read_bytes()


def inspect_file(path: Path, *, limit: int = COZE_MAX_UPLOAD_BYTES) -> LocalFile:
    """Check a file on disk; raises `AttachmentRefused`. Reads it once (to hash it) in 1 MB pieces."""
    name = path.name
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise AttachmentRefused(Refusal.MISSING, name) from None
    except OSError:
        raise AttachmentRefused(Refusal.UNREADABLE, name) from None
    if not path.is_file():
        raise AttachmentRefused(Refusal.NOT_A_FILE, name)
    _check_size(name, stat.st_size, limit)
    digest = hashlib.sha256()
    head = b""
    size = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                if len(head) < _HEAD_BYTES:
                    head += chunk[: _HEAD_BYTES - len(head)]
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        raise AttachmentRefused(Refusal.UNREADABLE, name) from None
    _check_size(name, size, limit)  # it may have changed since stat()
    return _checked(path, name, size, head, digest.hexdigest())


def inspect_bytes(name: str, data: bytes, *, limit: int = COZE_MAX_UPLOAD_BYTES) -> LocalFile:
    """Check content that is not (yet) a file, such as an image pasted from the clipboard."""
    _check_size(name, len(data), limit)
    return _checked(None, name, len(data), data[:_HEAD_BYTES], hashlib.sha256(data).hexdigest())


def _check_size(name: str, size: int, limit: int) -> None:
    if size == 0:
        raise AttachmentRefused(Refusal.EMPTY, name)
    if size > limit:
        raise AttachmentRefused(Refusal.TOO_LARGE, name, limit=limit)


def _checked(path: Path | None, name: str, size: int, head: bytes, sha256: str) -> LocalFile:
    if size == 0:
        raise AttachmentRefused(Refusal.EMPTY, name)
    kind = media.sniff(head[: media.SNIFF_BYTES])
    if not media.matches_extension(name, kind):
        raise AttachmentRefused(Refusal.TYPE_MISMATCH, name, real=kind)
    dimensions = media.image_size(head) if kind.image else None
    return LocalFile(path, name, size, kind, sha256, dimensions)
