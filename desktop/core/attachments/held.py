"""A file waiting in an unsent draft (attached, not sent yet), as drafts.json keeps it: where its copy in
the profile is, what it is, and the Coze file_id if it went to Coze already (sending it again then does
not upload it twice). A file whose copy is gone, or changed size, is not brought back (`held_from_json`,
at start); nor one whose content is no longer what it was attached with (`unchanged`: its SHA-256, as a
file edited in place may keep its size), checked off the window's thread (services/draft.py): about 1 s
for a 512 MB file, Coze's limit."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core import media
from desktop.core.attachments.copies import holds, is_sha256
from desktop.core.attachments.local import LocalFile

HeldFile = tuple[LocalFile, str]  # the file and its Coze file_id ("" until it went)


def held_to_json(held: HeldFile) -> dict[str, object]:
    file, file_id = held
    entry: dict[str, object] = {
        "path": str(file.path),
        "name": file.name,
        "size": file.size,
        "kind": file.kind.name,
        "sha256": file.sha256,
    }
    if file.dimensions is not None:
        entry["dimensions"] = list(file.dimensions)
    if file_id:
        entry["file_id"] = file_id
    return entry


def held_from_json(entry: object) -> HeldFile | None:
    """The file as it was kept, or None when it cannot be sent any more (its copy is gone or changed size) or
    the entry is not one. Its content is not read here: `unchanged` checks it."""
    if not isinstance(entry, dict):
        return None
    path, name, size, sha256 = entry.get("path"), entry.get("name"), entry.get("size"), entry.get("sha256")
    if not (isinstance(path, str) and path and isinstance(name, str) and isinstance(size, int)):
        return None
    if not isinstance(sha256, str) or not is_sha256(sha256):
        return None
    try:
        if not Path(path).is_file() or Path(path).stat().st_size != size:
            return None
    except OSError:
        return None
    kind = media.KINDS.get(str(entry.get("kind")), media.KINDS["unknown"])
    dimensions = entry.get("dimensions")
    shape = (
        (dimensions[0], dimensions[1])
        if isinstance(dimensions, list) and len(dimensions) == 2 and all(isinstance(d, int) for d in dimensions)
        else None
    )
    file_id = entry.get("file_id")
    return LocalFile(Path(path), name, size, kind, sha256, shape), file_id if isinstance(file_id, str) else ""


def unchanged(file: LocalFile) -> bool:
    """Whether the file's copy still has the content it was attached with (reads all of it: off the GUI thread)."""
    return file.path is not None and holds(file.path, file.sha256, file.size)


def gone(file: LocalFile) -> bool:
    """Whether the file's copy is no longer there to be read (deleted, or its folder unreadable): after `unchanged`
    said no, this tells a copy gone from one whose content changed."""
    try:
        return file.path is None or not file.path.is_file() or not os.access(file.path, os.R_OK)
    except OSError:
        return True
