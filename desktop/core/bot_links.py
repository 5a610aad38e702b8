"""A bot's ID out of what people paste: the ID itself, or the address of the bot's page on Coze.

Coze's help says the bot ID is the number after `/bot/` in the bot editor's address
(`https://www.coze.cn/space/<space>/bot/<id>`); people copy the whole address. A store page
(`https://www.coze.cn/store/agent/<id>`) names the bot the same way after `/agent/`.
"""

from __future__ import annotations

import re

_IN_ADDRESS = re.compile(r"/(?:bot|agent)/(\d+)(?:[/?#]|$)")


def bot_id_from(text: str) -> str | None:
    """The bot ID in `text` (an ID or a bot page's address), or None if it has none (empty, or spaces)."""
    text = text.strip()
    if "/" in text:
        found = _IN_ADDRESS.search(text)
        if found is not None:
            return found.group(1)
    return text if text and not any(ch.isspace() for ch in text) else None
