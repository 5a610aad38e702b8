"""The step before a chat starts: upload each checked attachment, then build the message content."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from desktop.core.attachments.local import LocalFile
from desktop.core.attachments.text import upload_error_text
from desktop.core.coze.client import CozeClient
from desktop.core.coze.content import ContentItem, user_message
from desktop.core.coze.errors import CozeError
from desktop.core.coze.files import MultipartBody

FileProgress = Callable[[int, int, int], None]  # (index of the file, bytes sent, total)


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
    return ContentItem("image" if attachment.is_image else "file", file_id=info.id)


def upload_all(
    client: CozeClient,
    text: str,
    attachments: Sequence[LocalFile],
    *,
    progress: FileProgress | None = None,
    cancelled: threading.Event | None = None,
) -> tuple[str, str]:
    """(content, content_type) of the user message, every attachment uploaded first, in order."""
    items = []
    for index, attachment in enumerate(attachments):
        report = (lambda sent, total, i=index: progress(i, sent, total)) if progress is not None else None
        items.append(upload_one(client, attachment, progress=report, cancelled=cancelled))
    return user_message(text, items)


def upload_failure(exc: CozeError) -> str | None:
    """The sentence for one of Coze's file errors (4300–4304), else None."""
    return upload_error_text(exc.code)
