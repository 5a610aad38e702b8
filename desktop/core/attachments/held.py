"""A file waiting in an unsent draft (attached, not sent yet), as drafts.json keeps it: where its copy in
the profile is, what it is, and the Coze file_id if it went to Coze already (sending it again then does
not upload it twice). A file whose copy is gone, or whose content is no longer what it was attached with
(checked by its SHA-256, not its size: a file edited in place may keep its size), is not brought back."""

from __future__ import annotations

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
    """The file as it was kept, or None when it cannot be sent any more (its copy is gone or changed) or the
    entry is not one."""
    if not isinstance(entry, dict):
        return None
    path, name, size, sha256 = entry.get("path"), entry.get("name"), entry.get("size"), entry.get("sha256")
    if not (isinstance(path, str) and path and isinstance(name, str) and isinstance(size, int)):
        return None
    if not isinstance(sha256, str) or not is_sha256(sha256) or not holds(Path(path), sha256, size):
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
