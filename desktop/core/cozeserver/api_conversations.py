"""Conversation and message endpoints (/v1/conversation*, /v1/conversations*)."""

from __future__ import annotations

import time

from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.http_types import JsonResponse, Request, Response
from desktop.core.cozeserver.scenarios import listing_error
from desktop.core.cozeserver.state import API_CONNECTOR, CONNECTORS, MAX_PAGE
from desktop.core.cozeserver.wire import ApiError, JsonDict, invalid_parameter, ok

Params = dict[str, str]


def create(ctx: ServerContext, req: Request, _: Params) -> Response:
    body = req.json_object()
    if body.get("app_id"):
        return JsonResponse(ok(app_conversation(ctx, body)))
    bot_id = str(body.get("bot_id") or "")
    if bot_id:
        ctx.state.bot_wire(bot_id, "")  # 4200 for an unknown bot
    meta = body.get("meta_data") or {}
    messages = body.get("messages") or []
    name = body.get("name") or ""
    if not isinstance(meta, dict) or not isinstance(messages, list) or not isinstance(name, str):
        raise invalid_parameter("meta_data must be an object, messages an array, name a string")
    connector_id = _connector(body.get("connector_id"))
    meta_data = {str(k): str(v) for k, v in meta.items()}
    conversation = ctx.state.create_conversation(bot_id, meta_data, name[:100], connector_id)
    if messages:
        ctx.state.add_messages(conversation["id"], messages)
    held = ctx.next_create_scenario("create_held")
    if held is not None:  # `create_held`: Coze has it; its answer comes back once a sync has read it
        ctx.wait_messages_listed(str(conversation["id"]), float(held.params["seconds"]))
    return JsonResponse(ok(conversation))


def app_conversation(ctx: ServerContext, body: JsonDict) -> JsonDict:
    """An app's conversation, as the chat SDK creates it: `{app_id, conversation_name, get_or_create,
    workflow_id}` (coze-js `chatflow/helper/chat-service.ts`); with `get_or_create` a known name
    gives back its conversation."""
    app_id = str(body["app_id"])
    ctx.chatflows.app(app_id)  # 4200 for an unknown app
    name = body.get("conversation_name") or ""
    if not isinstance(name, str):
        raise invalid_parameter("conversation_name must be a string")
    known = ctx.chatflows.named_conversation(app_id, name) if name and body.get("get_or_create") else None
    if known is not None:
        try:
            return ctx.state.conversation(known)
        except ApiError:
            pass  # deleted since: make a new one
    conversation = ctx.state.create_conversation(app_id, {}, name[:100])
    if name:
        ctx.chatflows.name_conversation(app_id, name, conversation["id"])
    return conversation


def retrieve(ctx: ServerContext, req: Request, _: Params) -> Response:
    return JsonResponse(ok(ctx.state.conversation(_query_id(req))))


def list_conversations(ctx: ServerContext, req: Request, _: Params) -> Response:
    fault = ctx.next_list_scenario()
    stuck = fault is not None and fault.name == "list_stuck"
    if fault is not None and not stuck:
        return listing_error(fault)
    bot_id = req.query.get("bot_id", "")
    if not bot_id:
        raise invalid_parameter("bot_id is required")
    page_num = _int(req.query.get("page_num"), 1, "page_num")
    page_size = min(_int(req.query.get("page_size"), MAX_PAGE, "page_size"), MAX_PAGE)
    desc = req.query.get("sort_order", "desc").lower() != "asc"
    connector_id = _connector(req.query.get("connector_id"))
    if stuck:
        page_num = 1
    conversations, has_more = ctx.state.list_conversations(bot_id, page_num, page_size, desc, connector_id)
    return JsonResponse(ok({"conversations": conversations, "has_more": has_more or stuck}))


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
    fault = ctx.next_list_scenario()
    stuck = fault is not None and fault.name == "list_stuck"
    if fault is not None and fault.name == "list_endless":
        return _endless_page(req)
    if fault is not None and not stuck:
        return listing_error(fault)
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
        before_id="" if stuck else before_id,
        after_id="" if stuck else after_id,
        limit=min(limit, MAX_PAGE),
        chat_id=str(body.get("chat_id") or ""),
    )
    ctx.messages_listed(_query_id(req))
    return JsonResponse(
        {
            "code": 0,
            "msg": "",
            "data": messages,
            "first_id": first_id,
            "last_id": last_id,
            "has_more": has_more or stuck,
        }
    )


ENDLESS_FIRST_ID = 9_000_000_000_000_000_000  # ids of `list_endless` messages: none of the state's


def _endless_page(req: Request) -> Response:
    """A full page of messages never listed before, after the cursor, and "has_more" (`list_endless`)."""
    cid = _query_id(req)
    after = _cursor(req.json_object(), "after_id")
    start = int(after) + 1 if after.isdigit() and int(after) >= ENDLESS_FIRST_ID else ENDLESS_FIRST_ID
    page = [
        {
            "id": str(number),
            "conversation_id": cid,
            "bot_id": "",
            "chat_id": str(number - number % 2),
            "role": "user" if number % 2 == 0 else "assistant",
            "type": "question" if number % 2 == 0 else "answer",
            "content": f"message {number - ENDLESS_FIRST_ID}",
            "content_type": "text",
            "created_at": int(time.time()),
            "updated_at": int(time.time()),
            "section_id": "",
        }
        for number in range(start, start + MAX_PAGE)
    ]
    body = {"code": 0, "msg": "", "data": page, "first_id": page[0]["id"], "last_id": page[-1]["id"], "has_more": True}
    return JsonResponse(body)


MAX_REASONS = 10
MAX_REASON_CHARS = 30
MAX_COMMENT_CHARS = 250


def feedback(ctx: ServerContext, req: Request, params: Params) -> Response:
    """`POST`: rate an answer (like/unlike, reason tags, a comment); `DELETE`: take the rating back."""
    if req.method == "DELETE":
        ctx.state.set_feedback(params["id"], params["message_id"], None)
        return JsonResponse(ok({}))
    body = req.json_object()
    kind = body.get("feedback_type")
    if kind not in ("like", "unlike"):
        raise invalid_parameter("feedback_type must be like or unlike")
    reasons = body.get("reason_types") or []
    if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
        raise invalid_parameter("reason_types must be an array of strings")
    if len(reasons) > MAX_REASONS or any(len(r) > MAX_REASON_CHARS for r in reasons):
        raise invalid_parameter(f"at most {MAX_REASONS} reason_types of at most {MAX_REASON_CHARS} characters")
    comment = body.get("comment") or ""
    if not isinstance(comment, str) or len(comment) > MAX_COMMENT_CHARS:
        raise invalid_parameter(f"comment must be a string of at most {MAX_COMMENT_CHARS} characters")
    record: JsonDict = {"feedback_type": kind, "reason_types": list(reasons), "comment": comment}
    ctx.state.set_feedback(params["id"], params["message_id"], record)
    return JsonResponse(ok({}))


def _connector(value: object) -> str:
    connector = str(value or API_CONNECTOR)
    if connector not in CONNECTORS:
        raise invalid_parameter("connector_id must be 1024 (API) or 999 (chat SDK)")
    return connector


def delete_message(ctx: ServerContext, req: Request, _: Params) -> Response:
    """`POST /v1/conversation/message/delete?conversation_id=…&message_id=…` (both in the query, no
    body, as coze-py's `messages.delete` sends them); `data` is the deleted message."""
    message_id = req.query.get("message_id", "")
    if not message_id:
        raise invalid_parameter("message_id is required")
    return JsonResponse(ok(ctx.state.delete_message(_query_id(req), message_id)))


def create_message(ctx: ServerContext, req: Request, _: Params) -> Response:
    """`POST /v1/conversation/message/create?conversation_id=…` with `{role, content, content_type,
    meta_data}` (coze-py `messages.create`, coze-js `CreateMessageReq`): `role` user (a question) or
    assistant (an answer); the message goes last, in the current section (the bot's context), in no
    chat. `data` is the message."""
    body = req.json_object()
    for key in ("role", "content", "content_type"):
        if key not in body:
            raise invalid_parameter(f"{key} is required")
    meta = body.get("meta_data")
    if meta is not None and (
        not isinstance(meta, dict)
        or len(meta) > MAX_META
        or any(not 1 <= len(str(k)) <= 64 or len(str(v)) > 512 for k, v in meta.items())
    ):
        raise invalid_parameter(f"meta_data: at most {MAX_META} pairs, keys of 1 to 64 characters, values up to 512")
    message: JsonDict = {key: body[key] for key in ("role", "content", "content_type", "meta_data") if key in body}
    created = ctx.state.create_message(_query_id(req), message)
    held = ctx.next_create_scenario("message_create_held")
    if held is not None:  # made on Coze; its answer is late
        ctx.stopping.wait(float(held.params["seconds"]))
    return JsonResponse(ok(created))


MAX_META = 16  # coze-py's Message.meta_data: "a length of 16 key-value pairs"


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
