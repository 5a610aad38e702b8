"""Conversation and message endpoints (/v1/conversation*, /v1/conversations*)."""

from __future__ import annotations

from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.http_types import JsonResponse, Request, Response
from desktop.core.cozeserver.state import MAX_PAGE
from desktop.core.cozeserver.wire import JsonDict, invalid_parameter, ok

Params = dict[str, str]


def create(ctx: ServerContext, req: Request, _: Params) -> Response:
    body = req.json_object()
    bot_id = str(body.get("bot_id") or "")
    if bot_id:
        ctx.state.bot_wire(bot_id, "")  # 4200 for an unknown bot
    meta = body.get("meta_data") or {}
    messages = body.get("messages") or []
    name = body.get("name") or ""
    if not isinstance(meta, dict) or not isinstance(messages, list) or not isinstance(name, str):
        raise invalid_parameter("meta_data must be an object, messages an array, name a string")
    conversation = ctx.state.create_conversation(bot_id, {str(k): str(v) for k, v in meta.items()}, name[:100])
    if messages:
        ctx.state.add_messages(conversation["id"], messages)
    return JsonResponse(ok(conversation))


def retrieve(ctx: ServerContext, req: Request, _: Params) -> Response:
    return JsonResponse(ok(ctx.state.conversation(_query_id(req))))


def list_conversations(ctx: ServerContext, req: Request, _: Params) -> Response:
    bot_id = req.query.get("bot_id", "")
    if not bot_id:
        raise invalid_parameter("bot_id is required")
    page_num = _int(req.query.get("page_num"), 1, "page_num")
    page_size = min(_int(req.query.get("page_size"), MAX_PAGE, "page_size"), MAX_PAGE)
    desc = req.query.get("sort_order", "desc").lower() != "asc"
    conversations, has_more = ctx.state.list_conversations(bot_id, page_num, page_size, desc)
    return JsonResponse(ok({"conversations": conversations, "has_more": has_more}))


def update(ctx: ServerContext, req: Request, params: Params) -> Response:
    name = req.json_object().get("name")
    if not isinstance(name, str) or not name or len(name) > 100:
        raise invalid_parameter("name must be a string of 1 to 100 characters")
    return JsonResponse(ok(ctx.state.rename_conversation(params["id"], name)))


def delete(ctx: ServerContext, req: Request, params: Params) -> Response:
    ctx.state.delete_conversation(params["id"])
    return JsonResponse({"code": 0, "msg": ""})


def clear(ctx: ServerContext, req: Request, params: Params) -> Response:
    return JsonResponse(ok(ctx.state.clear_conversation(params["id"])))


def list_messages(ctx: ServerContext, req: Request, _: Params) -> Response:
    body = req.json_object()
    order = str(body.get("order") or "desc").lower()
    if order not in ("desc", "asc"):
        raise invalid_parameter("order must be desc or asc")
    before_id, after_id = _cursor(body, "before_id"), _cursor(body, "after_id")
    if before_id and after_id:
        raise invalid_parameter("before_id and after_id cannot be used together")
    limit = _int(body.get("limit"), MAX_PAGE, "limit")
    messages, first_id, last_id, has_more = ctx.state.list_messages(
        _query_id(req),
        desc=order == "desc",
        before_id=before_id,
        after_id=after_id,
        limit=min(limit, MAX_PAGE),
        chat_id=str(body.get("chat_id") or ""),
    )
    return JsonResponse(
        {"code": 0, "msg": "", "data": messages, "first_id": first_id, "last_id": last_id, "has_more": has_more}
    )


def _query_id(req: Request) -> str:
    conversation_id = req.query.get("conversation_id", "")
    if not conversation_id:
        raise invalid_parameter("conversation_id is required")
    return conversation_id


def _cursor(body: JsonDict, key: str) -> str:
    value = body.get(key)
    return "" if value in (None, "", "0", 0) else str(value)


def _int(value: object, default: int, name: str) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(str(value))
    except ValueError:
        raise invalid_parameter(f"{name} must be an integer") from None
    if number < 1:
        raise invalid_parameter(f"{name} must be at least 1")
    return number
