"""Multimodal message content: Coze's `object_string`, a JSON-encoded string of items.

On the wire (cozepy `Message.build_user_question_objects`, coze-js `handleAdditionalMessages`):
`content_type: "object_string"` and `content` a *string* holding a JSON array such as
`[{"type":"text","text":"…"},{"type":"image","file_id":"…"}]`. cozepy writes `null` for the fields
an item does not use (pydantic `model_dump()`), coze-js leaves them out; we send without nulls and
read both. Answers may carry `{"type":"image","file_url":…}` and `{"type":"file","name","size","file_url"}`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop.core.object_string import items_of

OBJECT_STRING = "object_string"
TEXT = "text"
KNOWN_TYPES = frozenset({"text", "image", "file", "audio"})


@dataclass(frozen=True, slots=True)
class ContentItem:
    """One item of an object_string; `type` is as received (unknown types are kept, not dropped)."""

    type: str
    text: str = ""
    file_id: str = ""
    file_url: str = ""
    name: str = ""
    size: int = 0

    def to_wire(self) -> dict[str, Any]:
        obj: dict[str, Any] = {"type": self.type}
        for key in ("text", "file_id", "file_url", "name"):
            value = getattr(self, key)
            if value:
                obj[key] = value
        if self.size:
            obj["size"] = self.size
        return obj

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> ContentItem:
        size = data.get("size")
        return cls(
            type=_s(data.get("type")),
            text=_s(data.get("text")),
            file_id=_s(data.get("file_id")),
            file_url=_s(data.get("file_url")),
            name=_s(data.get("name")),
            size=size if isinstance(size, int) and not isinstance(size, bool) and size > 0 else 0,
        )


def _s(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def text_item(text: str) -> ContentItem:
    return ContentItem(TEXT, text=text)


def encode(items: Iterable[ContentItem]) -> str:
    """The `content` string: compact JSON (like JSON.stringify), no null or empty fields."""
    return json.dumps([item.to_wire() for item in items], ensure_ascii=False, separators=(",", ":"))


def parse(content: str) -> list[ContentItem] | None:
    """The items of an object_string `content`; None when it is not a JSON array (then show it as text)."""
    items = items_of(content)
    return None if items is None else [ContentItem.from_wire(item) for item in items]


def user_message(text: str, attachments: Iterable[ContentItem]) -> tuple[str, str]:
    """(content, content_type) of a user message: plain `text` without attachments (Coze requires
    it: an object_string of text alone is refused), else an object_string with at most one text item."""
    files = list(attachments)
    if not files:
        return text, TEXT
    items = [text_item(text)] if text.strip() else []
    return encode([*items, *files]), OBJECT_STRING
