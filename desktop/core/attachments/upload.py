"""The step before a chat starts: upload each checked attachment, then build the message content.

A file Coze already has (its `file_id` is known from an earlier upload) is not sent again; Coze keeps
uploads for about three months, so a chat refused while reusing ids asks `forgotten()` which of them
Coze no longer knows (`GET /v1/files/retrieve`, cozepy `files.retrieve`, coze-js `files.retrieve`: an
API error for an unknown id), and only those are uploaded again from the local copy.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence

from desktop.core.attachments.local import LocalFile
from desktop.core.coze.client import CozeClient
from desktop.core.coze.content import ContentItem, user_message
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.coze.files import MultipartBody, UploadCancelled

FileProgress = Callable[[int, int, int], None]  # (index of the file, bytes sent, total)
Uploaded = Callable[[int, str], None]  # (index of the file, its new file_id)


def upload_one(
    client: CozeClient,
    attachment: LocalFile,
    data: bytes | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: threading.Event | None = None,
) -> ContentItem:
    """Upload one file (from its path, or `data` when it has none) as an image or file item."""
    source = data if data is not None else attachment.path
    if source is None:
        raise ValueError("an attachment without a path needs its data")
    body = MultipartBody(attachment.name, source, attachment.kind.mime, progress=progress, cancelled=cancelled)
    info = client.upload_file(body)
    return item_for(attachment, info.id)


def item_for(attachment: LocalFile, file_id: str) -> ContentItem:
    return ContentItem("image" if attachment.is_image else "file", file_id=file_id)


def upload_each(
    client: CozeClient,
    attachments: Sequence[LocalFile],
    *,
    known: Mapping[str, str] | None = None,
    progress: FileProgress | None = None,
    uploaded: Uploaded | None = None,
    cancelled: threading.Event | None = None,
    skipped: Sequence[threading.Event] = (),
) -> list[str | None]:
    """The file_id of each attachment, in order: `known[sha256]` when there is one, else uploaded now.

    `skipped[i]` cancels the i-th file alone (its id is None; the others go on); `cancelled` stops
    them all (`UploadCancelled`). A Coze error stops at the failing file and propagates."""
    ids: list[str | None] = []
    known = known or {}
    for index, attachment in enumerate(attachments):
        skip = skipped[index] if index < len(skipped) else None
        if (skip is not None and skip.is_set()) or (cancelled is not None and cancelled.is_set()):
            if cancelled is not None and cancelled.is_set():
                raise UploadCancelled()
            ids.append(None)
            continue
        if attachment.coze_only:  # no local copy: Coze's id is all there is
            ids.append(attachment.coze_file_id)
            continue
        if known.get(attachment.sha256):
            ids.append(known[attachment.sha256])
            continue
        report = (lambda sent, total, i=index: progress(i, sent, total)) if progress is not None else None
        try:
            item = upload_one(client, attachment, progress=report, cancelled=_either(cancelled, skip))
        except UploadCancelled:
            if cancelled is not None and cancelled.is_set():
                raise
            ids.append(None)
            continue
        ids.append(item.file_id)
        if uploaded is not None:
            uploaded(index, item.file_id)
    return ids


def content_with(text: str, attachments: Sequence[LocalFile], ids: Sequence[str | None]) -> tuple[str, str]:
    """(content, content_type) of the user message with the files whose id is known."""
    items = [item_for(a, file_id) for a, file_id in zip(attachments, ids, strict=True) if file_id]
    return user_message(text, items)


def upload_all(
    client: CozeClient,
    text: str,
    attachments: Sequence[LocalFile],
    *,
    known: Mapping[str, str] | None = None,
    progress: FileProgress | None = None,
    uploaded: Uploaded | None = None,
    cancelled: threading.Event | None = None,
) -> tuple[str, str]:
    """(content, content_type) of the user message, every attachment Coze lacks uploaded first, in order."""
    ids = upload_each(client, attachments, known=known, progress=progress, uploaded=uploaded, cancelled=cancelled)
    return content_with(text, attachments, ids)


def forgotten(client: CozeClient, file_ids: Sequence[str]) -> set[str]:
    """Which of `file_ids` Coze no longer has: retrieve answers an API error (a Coze code) for them.
    A network or server failure proves nothing, so those ids count as still known."""
    gone = set()
    for file_id in file_ids:
        try:
            client.retrieve_file(file_id)
        except CozeError as exc:
            if exc.code is not None and exc.code != 0:
                gone.add(file_id)
    return gone


class FilesGone(CozeError):
    """Coze forgot files of the question that only Coze had (no local copy): nothing can send them."""

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__(
            "Coze no longer has " + ", ".join(names) + " and there is no local copy to upload again",
            kind=ErrorKind.FILE_GONE,
        )
        self.names = tuple(names)


def _either(a: threading.Event | None, b: threading.Event | None) -> threading.Event | None:
    """An event that is set when `a` or `b` is (MultipartBody checks one event between blocks)."""
    if a is None or b is None:
        return a or b
    return _AnyEvent(a, b)


class _AnyEvent(threading.Event):
    """Set when any of its events is; only `is_set()` is asked of it (by MultipartBody.read)."""

    def __init__(self, *events: threading.Event) -> None:
        super().__init__()
        self._events = events

    def is_set(self) -> bool:
        return any(event.is_set() for event in self._events)
