"""What a chat talks to, as one string the settings, the header's chooser and connections can carry.

A bot is its bot id. A chatflow is `chatflow:<workflow id>@app:<app id>` or `chatflow:<workflow id>@bot:<bot id>`
(Coze ids are digits, so the key cannot be mistaken for a bot id). A chatflow conversation stores the
workflow id as its `bot_id` (what its name and avatar are cached under) plus the app or host bot.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode

from desktop.core.coze.workflows import ChatflowTarget
from desktop.core.store.models import Conversation

PREFIX = "chatflow:"


def chatflow_key(workflow_id: str, app_id: str = "", bot_id: str = "") -> str:
    host = f"app:{app_id}" if app_id else f"bot:{bot_id}"
    return f"{PREFIX}{workflow_id}@{host}"


def parse_key(key: str, parameters: Mapping[str, str] | None = None) -> ChatflowTarget | None:
    """The chatflow a key names; None for a bot id (or a malformed key)."""
    if not key.startswith(PREFIX):
        return None
    workflow_id, _, host = key[len(PREFIX) :].partition("@")
    kind, _, host_id = host.partition(":")
    if not workflow_id or not host_id or kind not in ("app", "bot"):
        return None
    app_id, bot_id = (host_id, "") if kind == "app" else ("", host_id)
    return ChatflowTarget(workflow_id, app_id, bot_id, dict(parameters or {}))


def info_id(key: str) -> str:
    """Where a target's name, avatar and prologue are cached: a bot's id, a chatflow's workflow id."""
    flow = parse_key(key)
    return flow.workflow_id if flow is not None else key


def key_of(conversation: Conversation) -> str:
    """The target a stored conversation talks to."""
    if not conversation.is_chatflow:
        return conversation.bot_id
    return chatflow_key(conversation.bot_id, conversation.app_id or "", conversation.host_bot_id or "")


def saved_parameters(entries: list[str]) -> dict[str, dict[str, str]]:
    """The chatflow parameters remembered in the settings (`key?k=v&…` entries, URL-encoded), by target key."""
    found: dict[str, dict[str, str]] = {}
    for entry in entries:
        key, _, query = entry.partition("?")
        if parse_key(key) is not None:
            found[key] = dict(parse_qsl(query, keep_blank_values=True))
    return found


def parameter_entries(parameters: Mapping[str, Mapping[str, str]]) -> list[str]:
    """What `saved_parameters` reads back (a target without parameters is left out)."""
    return [f"{key}?{urlencode(dict(values))}" for key, values in parameters.items() if values]
