"""Chatflows as chat targets: the target itself, and the apps and chatflows an account can pick from.

Calls as coze-py makes them: `GET /v1/apps?workspace_id&page_index&page_size` (data `{items, total}`,
`cozepy/apps`), `GET /v1/workflows?workspace_id&workflow_mode=chatflow&app_id&page_num&page_size`
(data `{items, has_more}`) and `GET /v1/workflows/{id}` (data `{workflow_detail}`, `cozepy/workflows`);
the name, avatar and prologue come from that call's `role`, as the chat SDK reads them (coze-js
`chatflow/helper/chat-service.ts`), else from `workflow_detail`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from desktop.core.coze.catalog import PAGE_SIZE, _needs, _pages, _total
from desktop.core.coze.client import CozeClient
from desktop.core.coze.errors import CozeError, ErrorKind

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ChatflowTarget:
    """A chatflow to chat with: its workflow id and exactly one of the app or the bot it runs in."""

    workflow_id: str
    app_id: str = ""
    bot_id: str = ""
    parameters: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.workflow_id:
            raise ValueError("a chatflow needs its workflow id")
        if bool(self.app_id) == bool(self.bot_id):
            raise ValueError("a chatflow runs in exactly one of an app or a bot")


@dataclass(frozen=True, slots=True)
class App:
    app_id: str
    name: str
    description: str
    icon_url: str
    workspace_id: str


@dataclass(frozen=True, slots=True)
class ChatflowSummary:
    workflow_id: str
    name: str
    description: str
    icon_url: str
    app_id: str


@dataclass(frozen=True, slots=True)
class ChatflowInfo:
    workflow_id: str
    name: str
    icon_url: str = ""
    prologue: str = ""
    description: str = ""
    app_id: str = ""
    suggested_questions: tuple[str, ...] = ()


def apps(client: CozeClient, workspace_id: str) -> list[App]:
    """Every published app of a workspace, all pages."""

    def fetch(number: int) -> tuple[list[dict[str, Any]], int | None]:
        params = {"workspace_id": workspace_id, "publish_status": "published_online", "page_index": number}
        params["page_size"] = PAGE_SIZE
        data = _needs("listApp", lambda: client.data("GET", "/v1/apps", params=params))
        items = data.get("items") or []
        return [a for a in items if isinstance(a, dict)], _total(data, "total")

    return [
        App(_s(a, "id"), _s(a, "name"), _s(a, "description"), _s(a, "icon_url"), workspace_id)
        for a in _pages(fetch)
        if a.get("id")
    ]


def chatflows(client: CozeClient, workspace_id: str, app_id: str = "") -> list[ChatflowSummary]:
    """The chatflows of a workspace (of one app, with `app_id`), all pages."""

    def fetch(number: int) -> tuple[list[dict[str, Any]], int | None]:
        params: dict[str, Any] = {"workspace_id": workspace_id, "workflow_mode": "chatflow"}
        if app_id:
            params["app_id"] = app_id
        params.update(page_num=number, page_size=PAGE_SIZE)
        data = client.data("GET", "/v1/workflows", params=params)
        items = [w for w in data.get("items") or [] if isinstance(w, dict)]
        return items, None if data.get("has_more") else number * PAGE_SIZE

    return [
        ChatflowSummary(
            _s(w, "workflow_id"), _s(w, "workflow_name"), _s(w, "description"), _s(w, "icon_url"), _s(w, "app_id")
        )
        for w in _pages(fetch)
        if w.get("workflow_id")
    ]


def chatflow_info(client: CozeClient, workflow_id: str) -> ChatflowInfo:
    data = client.data("GET", f"/v1/workflows/{quote(workflow_id, safe='')}")
    detail = data.get("workflow_detail") if isinstance(data.get("workflow_detail"), dict) else {}
    role = data.get("role") if isinstance(data.get("role"), dict) else {}
    assert isinstance(detail, dict) and isinstance(role, dict)
    avatar = role.get("avatar") if isinstance(role.get("avatar"), dict) else {}
    onboarding = role.get("onboarding_info") if isinstance(role.get("onboarding_info"), dict) else {}
    assert isinstance(avatar, dict) and isinstance(onboarding, dict)
    questions = onboarding.get("suggested_questions")
    return ChatflowInfo(
        workflow_id,
        _s(role, "name") or _s(detail, "workflow_name"),
        _s(avatar, "image_url") or _s(detail, "icon_url"),
        _s(onboarding, "prologue"),
        _s(role, "description") or _s(detail, "description"),
        _s(detail, "app_id"),
        tuple(q for q in questions if isinstance(q, str) and q) if isinstance(questions, list) else (),
    )


def _s(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else "" if value is None else str(value)


def load_chatflows(client: CozeClient, workspace_ids: list[str]) -> list[tuple[App, ChatflowSummary]]:
    """Every published app of these workspaces with its chatflows (an app the token may not list is skipped)."""
    found: list[tuple[App, ChatflowSummary]] = []
    for workspace_id in workspace_ids:
        try:
            listed = apps(client, workspace_id)
        except CozeError as exc:
            if exc.kind is not ErrorKind.PERMISSION:
                raise
            log.info("apps of workspace %s not listed: %s", workspace_id, exc.summary())
            continue
        for app in listed:
            found.extend((app, flow) for flow in chatflows(client, workspace_id, app.app_id))
    return found
