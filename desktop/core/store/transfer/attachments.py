"""The attachments of an export: in Markdown, a question shows its text and its files, pictures as
images; with `AttachmentAssets` the local copies are written next to the `.md` (in `<name>_files/`)
and linked relatively, so the folder reads offline anywhere; so are the pictures and files of answers,
given a `Fetch` (see answer_media.py). In JSON, a question lists its files by
SHA-256 (`attachments`), the name of the local copy (`<profile>/attachments/<sha256>`).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from desktop.core.media import human_size
from desktop.core.object_string import items_of, text_of
from desktop.core.store.attachments import AttachmentRecord
from desktop.core.store.models import Message
from desktop.core.store.transfer.answer_media import Fetch, Unfetched, answer_media, file_name
from desktop.core.store.transfer.markdown_words import ENGLISH, MarkdownWords

if TYPE_CHECKING:
    from desktop.core.store.store import Store

_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


class AttachmentAssets:
    """Copies the attached files an export names into `folder`, each once, and gives the link to use
    from the exported file (`prefix` + file name, URL-quoted)."""

    def __init__(self, copies: Path, folder: Path, fetch: Fetch | None = None) -> None:
        self.copies = copies
        self.folder = folder
        self.fetch = fetch  # how the pictures and files of answers are fetched (None: they stay links)
        self.written: dict[str, str] = {}  # sha256 → file name in `folder`
        self.fetched: dict[str, str | Unfetched] = {}  # an answer's web address → file name, or why not

    @classmethod
    def beside(cls, copies: Path, exported: Path, fetch: Fetch | None = None) -> AttachmentAssets:
        """The assets folder of an export file: `report.md` → `report_files/`."""
        return cls(copies, exported.with_name(exported.stem + "_files"), fetch)

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

    def answer(self, content: str, content_type: str, words: MarkdownWords = ENGLISH) -> tuple[str, str]:
        """An answer's Markdown with the pictures and files it showed from the web saved in `folder` and
        linked relatively, and a note naming those that could not be fetched ("" when none), in `words`'
        language."""
        markdown, media = answer_media(content, content_type)
        missing = []
        for url, picture in media:
            saved = self._fetched(url, picture)
            if isinstance(saved, Unfetched):
                missing.append(words.unsaved_file.format(name=file_name(url), reason=words.reason(str(saved))))
            else:
                markdown = markdown.replace(f"]({url}", f"]({quote(f'{self.folder.name}/{saved}')}")
        if not missing:
            return markdown, ""
        return markdown, words.not_saved.format(files=words.comma.join(missing))

    def _fetched(self, url: str, picture: bool) -> str | Unfetched:
        if url not in self.fetched:
            if self.fetch is None:
                return Unfetched("not fetched")
            try:
                data = self.fetch(url, picture)
            except Unfetched as exc:
                self.fetched[url] = exc
            else:
                safe = _UNSAFE.sub("_", file_name(url)).strip("._") or "file"
                target = f"{hashlib.sha256(url.encode()).hexdigest()[:12]}-{safe}"
                self.folder.mkdir(parents=True, exist_ok=True)
                (self.folder / target).write_bytes(data)
                self.fetched[url] = target
        return self.fetched[url]


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
