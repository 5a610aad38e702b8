"""What an answer shows, as Markdown, whatever Coze sent: text, `object_string` items, a card, or a
whole answer that is one link to a picture.

- object_string (by content type, or an answer whose text is exactly such a JSON array): text items
  as they are, `image` items as Markdown images, `file` items as a file line with Save as / Open
  (the `SAVE` and `OPEN` link schemes, which the chat view handles), unknown items as a note.
- card: the readable strings of the card (title, text, description…), never raw JSON.
- an answer that is one http(s) URL: shown as an image, unless loading it found it is not one
  (`not_image(url)` says so), then as the link.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from urllib.parse import quote

from desktop.core.coze.content import ContentItem, parse
from desktop.core.media import human_size
from desktop.core.workflow_cards import parse_card

SAVE = "coze-save:"
OPEN = "coze-open:"
_URL = re.compile(r"https?://[^\s<>()\[\]]+")
_CARD_KEYS = ("title", "header", "text", "content", "description", "desc", "label", "value", "name", "url")
# The words a file line and the fallbacks use; the window passes them translated.
ENGLISH = {
    "save": "Save as…",
    "open": "Open",
    "unsupported": "[{kind}: this kind of content is not shown here]",
    "card": "[A card that Coze Desktop cannot show]",
}


def answer_markdown(
    content: str,
    content_type: str = "text",
    not_image: Callable[[str], bool] | None = None,
    words: dict[str, str] = ENGLISH,
) -> str:
    if content_type == "card":
        return card_text(content, words)
    if content_type == "object_string" or _looks_like_items(content):
        items = parse(content)
        if items is not None:
            return items_markdown(items, words)
    stripped = content.strip()
    if _URL.fullmatch(stripped):
        if not_image is not None and not_image(stripped):
            return f"<{stripped}>"
        return f"![]({stripped})"
    return content


def held_for_terminal(content: str, content_type: str) -> bool:
    """Content a terminal cannot print as it streams (JSON items or a card): print it once complete."""
    head = content.lstrip()[:8]
    return (
        content_type in ("object_string", "card")
        or (head != "" and '[{"type"'.startswith(head))
        or (head == '[{"type"')
    )


def terminal_text(content: str, content_type: str = "text") -> str:
    """An answer for a terminal: text as it is; each picture or file as its URL on its own line."""
    if content_type == "card":
        return card_text(content).replace("\\", "")
    items = parse(content) if held_for_terminal(content, content_type) else None
    if items is None:
        return content
    lines: list[str] = []
    for item in items:
        if item.type == "text":
            lines.append(item.text)
        elif item.file_url:
            lines.append(item.file_url)
        else:
            lines.append(f"[{item.type or '?'}]")
    return "\n".join(lines)


def is_streaming_items(content: str) -> bool:
    """An answer that is becoming an object_string array: show nothing until it is complete."""
    return content.lstrip().startswith('[{"type"') and parse(content) is None


def _looks_like_items(content: str) -> bool:
    head = content.lstrip()[:40].replace(" ", "")
    return head.startswith('[{"type":"') and content.rstrip().endswith("]")


def items_markdown(items: list[ContentItem], words: dict[str, str] = ENGLISH) -> str:
    parts: list[str] = []
    for item in items:
        if item.type == "text":
            parts.append(item.text)
        elif item.type == "image" and item.file_url:
            parts.append(f"![]({_link(item.file_url)})")
        elif item.type == "file" and item.file_url:
            parts.append(file_line(item.name or _name_from(item.file_url), item.size, item.file_url, words))
        else:
            parts.append("*" + _escape(words["unsupported"].format(kind=item.type or "?")) + "*")
    return "\n\n".join(part for part in parts if part)


def file_line(name: str, size: int, url: str, words: dict[str, str] = ENGLISH) -> str:
    size_text = f" · {human_size(size)}" if size else ""
    target = _link(url)
    save, open_ = _escape(words["save"]), _escape(words["open"])
    return f"📄 **{_escape(name)}**{size_text} · [{save}]({SAVE}{target}) · [{open_}]({OPEN}{target})"


def card_text(content: str, words: dict[str, str] = ENGLISH) -> str:
    """The readable strings of a card, as paragraphs (at most 40), or a sentence saying it cannot show.
    A chatflow's question card is its title, an input card nothing: their options and fields are
    shown (or printed) by whoever can answer them."""
    card = parse_card(content)
    if card is not None:
        return _escape(card.title)
    try:
        data = json.loads(content)
    except (TypeError, ValueError, RecursionError):
        return content if content.strip() else "*" + _escape(words["card"]) + "*"
    found: list[str] = []
    _collect(data, found, 0)
    lines = list(dict.fromkeys(line for line in found if line.strip()))[:40]
    return "\n\n".join(_escape(line) for line in lines) if lines else "*" + _escape(words["card"]) + "*"


def _collect(value: object, found: list[str], depth: int) -> None:
    if depth > 12 or len(found) > 200:
        return
    if isinstance(value, dict):
        for key in _CARD_KEYS:
            text = value.get(key)
            if isinstance(text, str) and not text.lstrip().startswith(("{", "[")):
                found.append(text)
        for child in value.values():
            nested: object = child
            if isinstance(child, str) and child.lstrip().startswith(("{", "[")):
                try:
                    nested = json.loads(child)  # cards nest JSON in strings
                except (ValueError, RecursionError):
                    continue
            if isinstance(nested, dict | list):
                _collect(nested, found, depth + 1)
    elif isinstance(value, list):
        for child in value:
            _collect(child, found, depth + 1)


def _link(url: str) -> str:
    return quote(url, safe=":/?&=%#@!$'*+,;~._-")


def _name_from(url: str) -> str:
    tail = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return tail or url


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)
