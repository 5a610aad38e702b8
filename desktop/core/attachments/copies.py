"""Local copies of attached files in the profile (`<profile>/attachments/<sha256>`), so a question's
attachments survive offline and can be uploaded again (retry, or when Coze forgot the file_id).
Content-addressed: the same file attached twice is stored once.

A question with attachments is stored with content type `object_string`: a JSON array of a text
item and one item per file with its `name`, `size` and `sha256` (local fields; the Coze file_id of
each file's last upload is in `store.attachments`, schema 9).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from desktop.core import media
from desktop.core.attachments.local import LocalFile, inspect_bytes, inspect_file
from desktop.core.coze.content import OBJECT_STRING, TEXT


class LocalCopies:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def keep_file(self, path: Path) -> LocalFile:
        """Check `path` (raises AttachmentRefused) and keep a copy; the result points at the copy."""
        checked = inspect_file(path)
        target = self._target(checked.sha256)
        if not target.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = target.with_suffix(".part")
            with path.open("rb") as source, temporary.open("wb") as out:
                while chunk := source.read(1 << 20):
                    out.write(chunk)
            os.replace(temporary, target)
        return LocalFile(target, checked.name, checked.size, checked.kind, checked.sha256, checked.dimensions)

    def keep_bytes(self, name: str, data: bytes) -> LocalFile:
        """Content that is not a file yet (a pasted picture)."""
        checked = inspect_bytes(name, data)
        target = self._target(checked.sha256)
        if not target.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return LocalFile(target, checked.name, checked.size, checked.kind, checked.sha256, checked.dimensions)

    def find(self, sha256: str, name: str) -> LocalFile | None:
        """The kept copy of a stored question's attachment, if it is still there."""
        target = self._target(sha256)
        if not target.is_file():
            return None
        with target.open("rb") as handle:
            head = handle.read(256 * 1024)
        kind = media.sniff(head[: media.SNIFF_BYTES])
        return LocalFile(
            target, name, target.stat().st_size, kind, sha256, media.image_size(head) if kind.image else None
        )

    def delete_unused(self, used: Iterable[str]) -> int:
        """Delete copies no stored question refers to; returns how many went."""
        keep = set(used)
        removed = 0
        for path in self.folder.glob("*") if self.folder.is_dir() else ():
            if len(path.name) == 64 and path.name not in keep:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed

    def _target(self, sha256: str) -> Path:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise ValueError("not a SHA-256")
        return self.folder / sha256


def question_content(text: str, files: Sequence[LocalFile]) -> tuple[str, str]:
    """(content, content_type) of a question as stored: plain text, or object_string with local items
    (their Coze file_ids are kept in `store.attachments`)."""
    if not files:
        return text, TEXT
    items: list[dict[str, object]] = [{"type": "text", "text": text}] if text.strip() else []
    for file in files:
        kind = "image" if file.is_image else "file"
        items.append({"type": kind, "name": file.name, "size": file.size, "sha256": file.sha256})
    return json.dumps(items, ensure_ascii=False, separators=(",", ":")), OBJECT_STRING


def stored_question(content: str, content_type: str) -> tuple[str, list[tuple[str, str, int, bool]]]:
    """(text, [(sha256, name, size, is_image)]) of a stored question."""
    if content_type != OBJECT_STRING:
        return content, []
    try:
        items = json.loads(content)
    except ValueError:
        return content, []
    if not isinstance(items, list):
        return content, []
    text = ""
    files = []
    for item in items:
        if not isinstance(item, dict):
            continue
        if item.get("type") == "text":
            text = str(item.get("text") or "")
        elif isinstance(item.get("sha256"), str):
            size = item.get("size")
            files.append(
                (
                    item["sha256"],
                    str(item.get("name") or "file"),
                    size if isinstance(size, int) else 0,
                    item.get("type") == "image",
                )
            )
    return text, files
