"""A token as Coze wants it, from text a person copied: a field, the clipboard or COZE_API_TOKEN."""

from __future__ import annotations

import re

_BEARER = re.compile(r"(?:authorization\s*:\s*)?bearer(?:\s+|$)", re.IGNORECASE)  # "Bearer" alone: no token


def clean_token(text: str) -> str:
    """A copied token as Coze wants it: without a leading "Bearer " (or "Authorization: Bearer "), any case, copied
    from a request or a curl line, and without any whitespace (a token has none; a copy may wrap or end a line)."""
    text = text.strip()
    if (bearer := _BEARER.match(text)) is not None:
        text = text[bearer.end() :]
    return "".join(text.split())
