"""The attachments of an export: in Markdown, a question shows its text and its files, pictures as
images; with `AttachmentAssets` the local copies are written next to the `.md` (in `<name>_files/`)
and linked relatively, so the folder reads offline anywhere. In JSON, a question lists its files by
SHA-256 (`attachments`), the name of the local copy (`<profile>/attachments/<sha256>`).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from desktop.core.media import human_size
from desktop.core.object_string import items_of, text_of
from desktop.core.store.attachments import AttachmentRecord
from desktop.core.store.models import Message

if TYPE_CHECKING:
    from desktop.core.store.store import Store

_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


class AttachmentAssets:
    """Copies the attached files an export names into `folder`, each once, and gives the link to use
    from the exported file (`prefix` + file name, URL-quoted)."""

    def __init__(self, copies: Path, folder: Path) -> None:
        self.copies = copies
        self.folder = folder
        self.written: dict[str, str] = {}  # sha256 → file name in `folder`

    @classmethod
    def beside(cls, copies: Path, exported: Path) -> AttachmentAssets:
        """The assets folder of an export file: `report.md` → `report_files/`."""
        return cls(copies, exported.with_name(exported.stem + "_files"))

    def link(self, sha256: str, name: str) -> str | None:
        """The relative link to this file's copy next to the export; None when its local copy is gone."""
        if sha256 not in self.written:
            source = self.copies / sha256
            if len(sha256) != 64 or not source.is_file():
                return None
            safe = _UNSAFE.sub("_", name).strip("._") or "file"
            target = f"{sha256[:12]}-{safe}"
            self.folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, self.folder / target)
            self.written[sha256] = target
        return quote(f"{self.folder.name}/{self.written[sha256]}")


def question_markdown(store: Store, message: Message, assets: AttachmentAssets | None) -> str:
    """A question's text, then a line per attached file (`store.attachments`): a picture as a Markdown
    image (when its copy is written next to the export), a file as a link, else name and size."""
    text = _question_text(message.content)
    lines = [text] if text.strip() else []
    for record in store.attachments.of(message.id):
        sha256, name, size, is_image = record.sha256, record.name, record.size, record.kind == "image"
        link = assets.link(sha256, name) if assets is not None else None
        label = name.replace("[", "(").replace("]", ")")
        if link is not None and is_image:
            lines.append(f"![{label}]({link})")
        elif link is not None:
            lines.append(f"📄 [{label}]({link}) · {human_size(size)}")
        else:
            lines.append(f"{'🖼' if is_image else '📄'} {label} · {human_size(size)}")
    return "\n\n".join(lines)


def question_text(content: str, content_type: str) -> str:
    """A question's text (its files left out)."""
    return _question_text(content) if content_type == "object_string" else content


def _question_text(content: str) -> str:
    """The text item of a question's object_string ("" for a picture alone)."""
    items = items_of(content)
    return content if items is None else text_of(items)


def attachments_json(store: Store, message: Message) -> list[dict[str, Any]]:
    """A question's files for the JSON export, referenced by hash (the Coze file_id stays home: it
    belongs to the account that uploaded it)."""
    return [_record_json(a) for a in store.attachments.of(message.id)]


def _record_json(record: AttachmentRecord) -> dict[str, Any]:
    return {"kind": record.kind, "name": record.name, "size": record.size, "mime": record.mime, "sha256": record.sha256}
