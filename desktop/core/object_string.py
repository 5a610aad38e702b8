"""Reading Coze's `object_string` content leniently: a JSON array of items (`text`, `image`, `file`,
`audio`), as a stored or synced question holds it. The one reader for the store (titles), the exports,
the attachments, the Coze client's display and the local server's demo bot; the server's strict checks
of what a client sends, with Coze's errors, are desktop.core.cozeserver.object_string."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from desktop.core import safe_json


def items_of(content: str) -> list[dict[str, Any]] | None:
    """The items (the JSON objects) of an object_string `content`; None when it is not a JSON array (too
    deep counts as not JSON): then it is shown as the text it is."""
    try:
        data = safe_json.loads(content)
    except (TypeError, ValueError):
        return None
    if not isinstance(data, list):
        return None
    return [item for item in data if isinstance(item, dict)]


def text_of(items: Iterable[Mapping[str, Any]]) -> str:
    """The text of the text item ("" when there is none: a picture alone). Coze takes at most one."""
    return next((str(item.get("text") or "") for item in items if item.get("type") == "text"), "")
