"""What an account can chat with: its workspaces, the bots published to the API channel in each, and who it is.

Calls as coze-py makes them: `GET /v1/workspaces?page_num&page_size` (data `{total_count,
workspaces}`), `GET /v1/bots?workspace_id&publish_status=published_online&connector_id=1024
&page_index&page_size` (data `{items, total}`), `GET /v1/users/me`. Paging follows coze-py's
NumberPaged: more pages while `total > page * size` (or, without a total, while pages are full).
A 4101 on a listing names the permission it needs (`listWorkspace`, `listBot`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from desktop.core.coze.client import CozeClient
from desktop.core.coze.errors import CozeError, ErrorKind

API_CONNECTOR = "1024"
PAGE_SIZE = 20
MAX_PAGES = 500  # a guard against a server that never stops saying "more"


@dataclass(frozen=True, slots=True)
class Workspace:
    id: str
    name: str
    icon_url: str = ""
    workspace_type: str = ""


@dataclass(frozen=True, slots=True)
class BotSummary:
    bot_id: str
    name: str
    description: str
    icon_url: str
    workspace_id: str

    def to_json(self) -> dict[str, str]:
        return {
            "bot_id": self.bot_id,
            "name": self.name,
            "description": self.description,
            "workspace_id": self.workspace_id,
            "icon_url": self.icon_url,
        }


@dataclass(frozen=True, slots=True)
class User:
    user_id: str
    user_name: str
    nick_name: str
    avatar_url: str

    @property
    def display_name(self) -> str:
        return self.nick_name or self.user_name or self.user_id


def _pages(fetch: Callable[[int], tuple[list[dict[str, Any]], int | None]]) -> Iterator[dict[str, Any]]:
    for number in range(1, MAX_PAGES + 1):
        items, total = fetch(number)
        yield from items
        more = total > number * PAGE_SIZE if total is not None else len(items) >= PAGE_SIZE
        if not more or not items:
            return


def _total(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else None


def _needs(permission: str, call: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    try:
        return call()
    except CozeError as exc:
        if exc.kind is ErrorKind.PERMISSION:
            exc.permission = permission
        raise


def workspaces(client: CozeClient) -> list[Workspace]:
    def fetch(number: int) -> tuple[list[dict[str, Any]], int | None]:
        params = {"page_num": number, "page_size": PAGE_SIZE}
        data = _needs("listWorkspace", lambda: client.data("GET", "/v1/workspaces", params=params))
        items = data.get("workspaces") or []
        return [w for w in items if isinstance(w, dict)], _total(data, "total_count")

    return [
        Workspace(
            str(w.get("id") or ""),
            str(w.get("name") or ""),
            str(w.get("icon_url") or ""),
            str(w.get("workspace_type") or ""),
        )
        for w in _pages(fetch)
        if w.get("id")
    ]


def published_bots(client: CozeClient, workspace_id: str) -> list[BotSummary]:
    """Every bot of a workspace published to the API channel, all pages."""

    def fetch(number: int) -> tuple[list[dict[str, Any]], int | None]:
        params = {
            "workspace_id": workspace_id,
            "publish_status": "published_online",
            "connector_id": API_CONNECTOR,
            "page_index": number,
            "page_size": PAGE_SIZE,
        }
        data = _needs("listBot", lambda: client.data("GET", "/v1/bots", params=params))
        items = data.get("items") or []
        return [b for b in items if isinstance(b, dict)], _total(data, "total")

    return [
        BotSummary(
            str(b.get("id") or b.get("bot_id") or ""),
            str(b.get("name") or b.get("bot_name") or ""),
            str(b.get("description") or ""),
            str(b.get("icon_url") or ""),
            workspace_id,
        )
        for b in _pages(fetch)
        if b.get("id") or b.get("bot_id")
    ]


def me(client: CozeClient) -> User:
    data = client.data("GET", "/v1/users/me")
    return User(
        str(data.get("user_id") or ""),
        str(data.get("user_name") or ""),
        str(data.get("nick_name") or ""),
        str(data.get("avatar_url") or ""),
    )


Catalog = list[tuple[Workspace, list[BotSummary]]]


def load_catalog(client: CozeClient, workspace_id: str | None = None) -> Catalog:
    """Every workspace (or just `workspace_id`) with its bots published to the API channel."""
    spaces = [Workspace(workspace_id, workspace_id)] if workspace_id else workspaces(client)
    return [(space, published_bots(client, space.id)) for space in spaces]
