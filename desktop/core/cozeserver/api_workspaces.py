"""Workspaces and the bots in them: `GET /v1/workspaces` and `GET /v1/bots` (list), plus `/v1/users/me`'s peers.

Shapes from coze-py (`cozepy/workspaces/__init__.py`, `cozepy/bots/__init__.py` `_list_v2`):
`/v1/workspaces?page_num&page_size` -> `data: {total_count, workspaces: [{id, name, icon_url,
role_type, workspace_type, enterprise_id}]}`; `/v1/bots?workspace_id&publish_status&connector_id
&page_index&page_size` -> `data: {items: [{id, name, description, icon_url, is_published,
updated_at, owner_user_id, folder_id, published_at}], total}`. A token without the permission
gets 4101, as Coze answers; `denied_permissions` scripts that.
"""

from __future__ import annotations

from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.http_types import JsonResponse, Request, Response
from desktop.core.cozeserver.wire import ApiError, invalid_parameter, now, ok

Params = dict[str, str]
API_CONNECTOR = "1024"  # the "API" channel (coze-py publishes to connector 1024 by default)
MAX_PAGE_SIZE = 50


def _page(req: Request, number_key: str, max_size: int = MAX_PAGE_SIZE) -> tuple[int, int]:
    try:
        number = int(req.query.get(number_key) or 1)
        size = int(req.query.get("page_size") or 20)
    except ValueError:
        raise invalid_parameter(f"{number_key} and page_size must be integers") from None
    if number < 1 or not 1 <= size <= max_size:
        raise invalid_parameter(f"{number_key} must be >= 1 and page_size between 1 and {max_size}")
    return number, size


def _check(ctx: ServerContext, permission: str) -> None:
    if permission in ctx.workspaces.denied_permissions:
        raise ApiError(4101)


def _icon(req: Request) -> str:
    return f"http://{req.headers.get('host', '127.0.0.1')}/_local/bot-icon.png"


def list_workspaces(ctx: ServerContext, req: Request, _: Params) -> Response:
    _check(ctx, "listWorkspace")
    number, size = _page(req, "page_num")
    records = ctx.workspaces.snapshot()
    page = records[(number - 1) * size : number * size]
    return JsonResponse(ok({"total_count": len(records), "workspaces": [r.to_wire(_icon(req)) for r in page]}))


def list_bots(ctx: ServerContext, req: Request, _: Params) -> Response:
    _check(ctx, "listBot")
    workspace_id = req.query.get("workspace_id", "")
    if not workspace_id:
        raise invalid_parameter("workspace_id is required")
    number, size = _page(req, "page_index")
    record = next((r for r in ctx.workspaces.snapshot() if r.workspace_id == workspace_id), None)
    if record is None:
        raise ApiError(4101)  # not a workspace of this account: no permission, as Coze answers
    only_online = req.query.get("publish_status") == "published_online"
    connector = req.query.get("connector_id")
    items = []
    for bot_id in record.bot_ids:
        try:
            info, published = ctx.state.bot_wire(bot_id, _icon(req))
        except ApiError:
            continue  # removed since
        if (only_online or connector == API_CONNECTOR) and not published:
            continue
        stamp = int(info.get("update_time") or info.get("create_time") or now())
        items.append(
            {
                "id": bot_id,
                "name": info.get("name", ""),
                "description": info.get("description", ""),
                "icon_url": info.get("icon_url", ""),
                "is_published": published,
                "updated_at": stamp,
                "owner_user_id": info.get("owner_user_id", ""),
                "folder_id": "",
                "published_at": stamp if published else 0,
            }
        )
    page = items[(number - 1) * size : number * size]
    return JsonResponse(ok({"items": page, "total": len(items)}))
