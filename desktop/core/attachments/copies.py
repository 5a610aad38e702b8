"""Local copies of attached files in the profile (`<profile>/attachments/<sha256>`), so a question's
attachments survive offline and can be uploaded again (retry, or when Coze forgot the file_id).
Content-addressed: the same file attached twice is stored once.

A question with attachments is stored with content type `object_string`: a JSON array of a text
item and one item per file with its `name`, `size` and `sha256` (local fields; the Coze file_id of
each file's last upload is in `store.attachments`, schema 9).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from desktop.core import media, safe_json
from desktop.core.attachments.local import AttachmentRefused, LocalFile, Refusal, inspect_bytes, inspect_file
from desktop.core.coze.content import OBJECT_STRING, TEXT
from desktop.core.object_string import items_of, text_of
from desktop.core.shortcut_use import ShortcutUse

log = logging.getLogger(__name__)


class LocalCopies:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def keep_file(self, path: Path) -> LocalFile:
        """Check `path` (raises AttachmentRefused) and keep a copy; the result points at the copy."""
        checked = inspect_file(path)

        def copy(temporary: Path) -> None:
            with path.open("rb") as source, temporary.open("wb") as out:
                while chunk := source.read(1 << 20):
                    out.write(chunk)

        kept = self._keep(checked.sha256, checked.size, copy) or path  # no copy possible: the file itself
        if kept == path:
            log.info("no local copy of %s could be kept: it is sent from where it is", checked.name)
        return LocalFile(kept, checked.name, checked.size, checked.kind, checked.sha256, checked.dimensions)

    def keep_bytes(self, name: str, data: bytes) -> LocalFile:
        """Content that is not a file yet (a pasted picture)."""
        checked = inspect_bytes(name, data)
        kept = self._keep(checked.sha256, checked.size, lambda temporary: temporary.write_bytes(data), spare=True)
        if kept is None:  # no room for it, and it has no file of its own to be sent from
            raise AttachmentRefused(Refusal.NO_SPACE, checked.name)
        return LocalFile(kept, checked.name, checked.size, checked.kind, checked.sha256, checked.dimensions)

    def _keep(self, sha256: str, size: int, write: Callable[[Path], object], *, spare: bool = False) -> Path | None:
        """The copy at `<sha256>`, written (atomically) unless a whole one is there. A copy of the wrong size
        (cut short, emptied) or anything else under that name (a directory, a symlink loop) is no copy: it
        would be what is uploaded. When the name cannot be had, `spare` keeps the written file under
        `<sha256>.part` (else None: the caller uses its own file). A disk too full for the copy keeps nothing
        (no part file left to fill it further) and gives None."""
        target = self._target(sha256)
        if holds(target, sha256, size):
            return target
        temporary = target.with_suffix(".part")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write(temporary)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                raise
            log.warning("no room for a local copy of an attachment: %s", exc.strerror)
            return None
        try:
            os.replace(temporary, target)
        except OSError:  # a directory (or something else we may not replace) holds the name
            if spare:
                return temporary
            temporary.unlink(missing_ok=True)
            return None
        return target

    def find(self, sha256: str, name: str) -> LocalFile | None:
        """The kept copy of a stored question's attachment, if it is still there with the same content (a
        copy changed since, even to bytes of the same size, is no copy: it would be what is uploaded)."""
        target = self._target(sha256)
        if not holds(target, sha256):
            if target.is_file():
                log.warning("the local copy %s no longer has the content it was kept with: not used", sha256[:12])
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

    def path_of(self, sha256: str) -> Path:
        """Where the local copy of that file is (or would be); raises ValueError for a non-SHA-256."""
        return self._target(sha256)

    def _target(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError("not a SHA-256")
        return self.folder / sha256


def holds(target: Path, sha256: str, size: int | None = None) -> bool:
    """Whether `target` is a file of `size` bytes (any, when None) whose content hashes to `sha256`."""
    digest = hashlib.sha256()
    try:
        if not target.is_file() or (size is not None and target.stat().st_size != size):
            return False
        with target.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() == sha256


def is_sha256(text: str) -> bool:
    """Whether `text` is a SHA-256 as local copies are named (64 lowercase hex digits)."""
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def question_content(text: str, files: Sequence[LocalFile]) -> tuple[str, str]:
    """(content, content_type) of a question as stored: plain text, or object_string with local items
    (their Coze file_ids are kept in `store.attachments`)."""
    if not files:
        return text, TEXT
    items: list[dict[str, object]] = [{"type": "text", "text": text}] if text.strip() else []
    for file in files:
        kind = "image" if file.is_image else "file"
        item: dict[str, object] = {"type": kind, "name": file.name, "size": file.size, "sha256": file.sha256}
        if file.coze_only:  # Coze's own file (no local copy): named by its id, as a synced question is
            item = {"type": kind, "file_id": file.coze_file_id}
            item.update({"name": file.name} if file.name else {})
            item.update({"size": file.size} if file.size else {})
        if file.is_image and file.dimensions:  # the window lays out the thumbnail before decoding it
            item["width"], item["height"] = file.dimensions
        items.append(item)
    return json.dumps(items, ensure_ascii=False, separators=(",", ":")), OBJECT_STRING


@dataclass(frozen=True)
class QuestionFile:
    """A file of a stored question as the window shows it. `sha256` names its local copy; it is "" for a
    file of a question imported from Coze that was never on this computer (then only `name`, if Coze
    said it, and Coze's `file_id` / `file_url` are known)."""

    sha256: str
    name: str
    size: int
    is_image: bool
    file_id: str = ""
    file_url: str = ""
    dimensions: tuple[int, int] | None = None  # of a picture, when the question says


def _dimensions(item: dict[str, object]) -> tuple[int, int] | None:
    width, height = item.get("width"), item.get("height")
    if isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0:
        return width, height
    return None


def question_files(content: str, content_type: str) -> tuple[str, list[QuestionFile]]:
    """(text, files) of a stored question: its local items (`name`, `size`, `sha256`) and Coze's own
    (`file_id` / `file_url`, perhaps `name` and `size`: a question synced from Coze); never raw JSON
    for a valid object_string."""
    items = items_of(content) if content_type == OBJECT_STRING else None
    if items is None:
        return content, []
    files = []
    for item in items:
        kind = item.get("type")
        if kind not in ("image", "file", "audio"):
            continue
        sha = item.get("sha256")
        size = item.get("size")
        url = item.get("file_url") if isinstance(item.get("file_url"), str) else ""
        files.append(
            QuestionFile(
                sha if isinstance(sha, str) and is_sha256(sha) else "",  # (only a real hash names a local copy)
                str(item.get("name") or "") or _name_in(url or ""),
                size if isinstance(size, int) else 0,
                kind == "image",
                str(item.get("file_id") or ""),
                url or "",
                _dimensions(item),
            )
        )
    return text_of(items), files


def stored_question(content: str, content_type: str) -> tuple[str, list[tuple[str, str, int, bool]]]:
    """(text, [(sha256, name, size, is_image)]) of a stored question: the files with a local copy."""
    text, files = question_files(content, content_type)
    return text, [(f.sha256, f.name or "file", f.size, f.is_image) for f in files if f.sha256]


def files_to_send(
    content: str, content_type: str, copies: LocalCopies | None, recorded: Mapping[str, str]
) -> tuple[str, list[LocalFile], dict[str, str]]:
    """What asking a stored question again sends: (text, files, sha256 → a file_id Coze may still have).

    A file with a local copy is sent by the id of its last upload (`recorded`, from `store.attachments`,
    else the `file_id` a question synced from Coze names) and uploaded again only if Coze forgot it; a
    file only Coze has (no sound local copy, an id) goes by its id (`LocalFile.coze_only`). A file with
    neither is left out (logged)."""
    text, files = question_files(content, content_type)
    chosen: list[LocalFile] = []
    known: dict[str, str] = {}
    left_out = 0
    for file in files:
        local = copies.find(file.sha256, file.name or "file") if copies is not None and file.sha256 else None
        file_id = recorded.get(file.sha256) or file.file_id if file.sha256 else file.file_id
        if local is not None:
            chosen.append(local)
            if file_id:
                known[file.sha256] = file_id
        elif file_id:  # no (sound) local copy: by the id of its last upload while Coze has it
            kind = media.COZE_PICTURE if file.is_image else media.KINDS["unknown"]
            chosen.append(LocalFile(None, file.name, file.size, kind, "", file.dimensions, coze_file_id=file_id))
        else:
            left_out += 1
    if left_out:
        log.info("asking without %d attachment(s) with neither a local copy nor a Coze file_id", left_out)
    return text, chosen, known


def shortcut_to_send(use: ShortcutUse | None, copies: LocalCopies | None) -> ShortcutUse | None:
    """A stored shortcut use asked again, its file inputs sent again by the rules of `files_to_send`: a file
    with a local copy goes by the id of its last upload (in `uploaded`: reused, and uploaded again only if
    Coze forgot it) or is uploaded; one only Coze has goes by its id; one with neither is left out."""
    if use is None or not use.files:
        return use
    chosen: list[tuple[str, LocalFile]] = []
    reused: list[tuple[str, str]] = []
    for name, stored in use.files:
        local = copies.find(stored.sha256, stored.name or "file") if copies is not None and stored.sha256 else None
        if local is None and not stored.coze_file_id:
            log.info("asking again without a shortcut file input that has neither a local copy nor a file_id")
            continue
        chosen.append((name, local or stored))
        if stored.coze_file_id:
            reused.append((name, stored.coze_file_id))
    return replace(use, files=tuple(chosen), uploaded=tuple(reused))


def with_local_copies(content: str, known: Callable[[str], tuple[str, str, int] | None]) -> str:
    """A question from Coze (object_string) whose items name a `file_id` this computer uploaded: each
    such item also gets the `sha256`, `name` and `size` of its local copy (`known(file_id)`), so the
    question shows its pictures and can be sent again. Anything else comes back as it was."""
    try:
        items = safe_json.loads(content)  # (every item kept as it is, not only the objects)
    except ValueError:
        return content
    if not isinstance(items, list):
        return content
    changed = False
    for item in items:
        if isinstance(item, dict) and item.get("file_id") and not item.get("sha256"):
            found = known(str(item["file_id"]))
            if found is not None:
                item["sha256"], name, item["size"] = found
                item.setdefault("name", name)
                changed = True
    return json.dumps(items, ensure_ascii=False, separators=(",", ":")) if changed else content


def _name_in(url: str) -> str:
    tail = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]) if url else ""
    return tail if "." in tail else ""
