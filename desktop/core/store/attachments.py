"""`store.attachments`: the files of each question, one row each (schema 9).

A question with files is stored as an `object_string` whose items name each file (`name`, `size`,
`sha256`: see desktop.core.attachments.copies); a trigger writes the rows from those items whenever such
a question is inserted (sent, imported or synced alike), and deleting the question deletes them. A row
adds what the content does not hold: the MIME type and Coze's `file_id` of the last upload, so sending
the question again reuses it while Coze still has the file (`file_ids`) and a new upload replaces it
(`set_file_ids`). The local copy of a file is `<profile>/attachments/<sha256>`.

A shortcut command's file inputs are items of the question's `shortcut` JSON (`file_items`: see
desktop.core.shortcut_use), not rows here; `set_file_ids` records their uploads there and `hashes` names
their local copies too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from desktop.core.store.base import Part

# The sha256 of each shortcut file input (`file_items` of a question's shortcut JSON).
_SHORTCUT_HASHES = """
    SELECT json_extract(j.value, '$.sha256')
    FROM (SELECT shortcut FROM messages WHERE shortcut LIKE '%"file_items"%' AND json_valid(shortcut)) AS m,
        json_each(m.shortcut, '$.file_items') AS j
    WHERE json_type(j.value, '$.sha256') = 'text'
"""


@dataclass(frozen=True, slots=True)
class AttachmentRecord:
    message_id: int
    position: int  # index of the item in the question's object_string
    kind: str  # "image" | "file"
    name: str
    size: int
    mime: str
    sha256: str
    file_id: str  # "" until uploaded


_COLUMNS = "message_id, position, kind, name, size, mime, sha256, file_id"


class Attachments(Part):
    def of(self, message_id: int) -> list[AttachmentRecord]:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM attachments WHERE message_id = ? ORDER BY position", (message_id,)
        )
        return [AttachmentRecord(*row) for row in rows]

    def file_ids(self, message_id: int) -> dict[str, str]:
        """sha256 → the file_id Coze gave the last upload of that file of this question."""
        return {a.sha256: a.file_id for a in self.of(message_id) if a.file_id}

    def set_file_ids(self, message_id: int, file_ids: Mapping[str, str]) -> None:
        if not file_ids:
            return
        with self._db.transaction():
            self._conn.executemany(
                "UPDATE attachments SET file_id = ? WHERE message_id = ? AND sha256 = ?",
                [(file_id, message_id, sha) for sha, file_id in file_ids.items()],
            )
            self._set_shortcut_file_ids(message_id, file_ids)

    def _set_shortcut_file_ids(self, message_id: int, file_ids: Mapping[str, str]) -> None:
        row = self._conn.execute("SELECT shortcut FROM messages WHERE id = ?", (message_id,)).fetchone()
        try:
            use = json.loads(row[0]) if row is not None and row[0] else None
        except ValueError:
            return
        items = use.get("file_items") if isinstance(use, dict) else None
        if not isinstance(items, dict):
            return
        changed = False
        for item in items.values():
            if isinstance(item, dict) and file_ids.get(str(item.get("sha256") or "")):
                item["file_id"] = file_ids[str(item["sha256"])]
                changed = True
        if changed:
            self._conn.execute(
                "UPDATE messages SET shortcut = ? WHERE id = ?", (json.dumps(use, ensure_ascii=False), message_id)
            )

    def hashes(self) -> set[str]:
        """The SHA-256 of every file a stored question refers to (their local copies are in use), a shortcut
        command's file inputs too."""
        found = {sha for (sha,) in self._conn.execute("SELECT DISTINCT sha256 FROM attachments")}
        return found | {sha for (sha,) in self._conn.execute(_SHORTCUT_HASHES)}

    def local_copy_of(self, file_id: str) -> tuple[str, str, int] | None:
        """(sha256, name, size) of the file this computer uploaded and Coze named `file_id`, if any: a
        question synced back from Coze finds its local copy through it."""
        if not file_id:
            return None
        row = self._conn.execute(
            "SELECT sha256, name, size FROM attachments WHERE file_id = ? LIMIT 1", (file_id,)
        ).fetchone()
        return (str(row[0]), str(row[1]), int(row[2])) if row is not None else None
