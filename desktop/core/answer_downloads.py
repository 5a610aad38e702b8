"""How a Markdown export fetches the pictures and files of answers (a `Fetch`, see
desktop.core.store.transfer.answer_media): the app's disk cache of pictures first, the one the window
and the PDF export read, so what the chat showed is saved even when its link has expired since; else
the bounded, credential-free download the chat's pictures and file cards use."""

from __future__ import annotations

from pathlib import Path

from desktop.core.coze.assets import fetch_bounded
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.images.cache import ImageCache
from desktop.core.store.transfer.answer_media import Fetch, Unfetched

MAX_PICTURE_BYTES = 20 * 1024 * 1024  # as the chat's pictures (desktop.services.images)
MAX_FILE_BYTES = 512 * 1024 * 1024  # as a file card's Save as (desktop.ui.chat.media_actions)
PICTURE_DEADLINE = 30.0
FILE_DEADLINE = 600.0


def export_fetch(picture_cache: Path | None) -> Fetch:
    """A `Fetch` reading `picture_cache` (a folder of `ImageCache`; None: download everything)."""
    cache = ImageCache(picture_cache) if picture_cache is not None else None

    def fetch(url: str, picture: bool) -> bytes:
        data = cache.get(url) if cache is not None else None
        if data is not None:
            return data
        try:
            if picture:
                return fetch_bounded(url, max_bytes=MAX_PICTURE_BYTES, deadline=PICTURE_DEADLINE, what="picture")
            return fetch_bounded(url, max_bytes=MAX_FILE_BYTES, deadline=FILE_DEADLINE, what="file")
        except CozeError as exc:
            raise Unfetched(_reason(exc)) from exc

    return fetch


def _reason(exc: CozeError) -> str:
    if exc.status is not None:
        return f"HTTP {exc.status}"
    if exc.kind is ErrorKind.TIMEOUT:
        return "timed out"
    if exc.kind is ErrorKind.INSECURE_URL:
        return "address refused"
    if "larger than" in exc.msg:
        return "too large"
    return "not reachable"
