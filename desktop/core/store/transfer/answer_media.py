"""The pictures and files of answers in a Markdown export: what the chat showed from a web address (a
Markdown image, a link to a file, an object_string `image` or `file` item, an answer that is one
address) is saved next to the `.md` and linked relatively, so the export still reads when Coze's
links have expired. What cannot be fetched keeps its address, with a note saying so under the answer.

The store knows nothing of the network: the export is handed a `Fetch` (the app's disk cache of
pictures first, then a bounded download: `desktop.core.answer_downloads`) that raises `Unfetched`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from desktop.core.media import human_size
from desktop.core.object_string import items_of

_WEB = ("http://", "https://")
# A link to a page, not a file: kept as it is.
_PAGES = frozenset({"", "html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp", "cgi"})
_URL = re.compile(r"https?://[^\s<>()\[\]]+")


class Unfetched(Exception):
    """A picture or file of an answer that could not be fetched; the message says why, in a few words."""


# (address, is a picture) → its bytes; raises Unfetched.
Fetch = Callable[[str, bool], bytes]


def is_file_link(url: str) -> bool:
    """A web address whose last path segment names a file (`…/report.pdf`), not a page."""
    path = PurePosixPath(unquote(urlsplit(url).path))
    return url.lower().startswith(_WEB) and "." in path.name and path.suffix[1:].lower() not in _PAGES


def file_name(url: str) -> str:
    """The name a saved copy is called after: the address's last path segment."""
    return PurePosixPath(unquote(urlsplit(url).path)).name or "file"


def media_of(content: str) -> list[tuple[str, bool]]:
    """The web addresses of an answer's Markdown pictures and file links (not those in code), in order,
    each with whether it is a picture."""
    from desktop.core.markdown.parser import make_parser  # markdown-it on first use: `ask` never exports

    found: dict[str, bool] = {}
    stack = list(make_parser().parse(content))
    while stack:
        token = stack.pop(0)
        if token.children:
            stack[:0] = token.children
        if token.type == "image":
            src = str(token.attrGet("src") or "")
            if src.lower().startswith(_WEB):
                found[src] = True
        elif token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if is_file_link(href):
                found.setdefault(href, False)
    return list(found.items())


def answer_media(content: str, content_type: str) -> tuple[str, list[tuple[str, bool]]]:
    """An answer as the Markdown to export (an object_string's pictures and files as Markdown, an answer
    that is one address as a picture) and the web addresses of what the chat showed from the web, in
    order, each with whether it is a picture."""
    items = items_of(content) if content_type == "object_string" or content.lstrip().startswith('[{"type"') else None
    if items is not None and any(item.get("type") in ("image", "file") for item in items):
        return _items_markdown(items)
    stripped = content.strip()
    if _URL.fullmatch(stripped):
        return f"![]({stripped})", [(stripped, True)]
    return content, media_of(content)


def _items_markdown(items: list[dict[str, object]]) -> tuple[str, list[tuple[str, bool]]]:
    parts, media = [], []
    for item in items:
        kind, url = item.get("type"), str(item.get("file_url") or "")
        if kind == "text":
            parts.append(str(item.get("text") or ""))
        elif kind == "image" and url.lower().startswith(_WEB):
            parts.append(f"![]({url})")
            media.append((url, True))
        elif kind == "file" and url.lower().startswith(_WEB):
            name = (str(item.get("name") or "") or file_name(url)).replace("[", "(").replace("]", ")")
            size = item.get("size")
            sized = f" · {human_size(size)}" if isinstance(size, int) and size > 0 else ""
            parts.append(f"📄 [{name}]({url}){sized}")
            media.append((url, False))
    return "\n\n".join(part for part in parts if part), media
