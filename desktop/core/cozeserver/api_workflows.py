"""Apps and chatflows: `GET /v1/apps`, `GET /v1/workflows`, `GET /v1/workflows/{id}`, `POST /v1/workflows/chat`.

Shapes from coze-py (`cozepy/apps`, `cozepy/workflows`, `cozepy/workflows/chat`): the apps list takes
`workspace_id, page_index, page_size, publish_status, connector_id`; the workflows list
`workspace_id, workflow_mode, app_id, publish_status, page_num, page_size`. The chat body is
`{workflow_id, additional_messages, parameters, app_id, bot_id, conversation_id, ext}` (the chat
SDK adds `ext.enable_card = "true"`, coze-js `chatflow/helper/chat-service.ts`) and the answer is the
same `conversation.*` event stream as `/v3/chat`. Its `done` event carries `{"debug_url": ...}`
(Coze's workflow-chat documentation, quoted in cozepy's docstring); `/v3/chat`'s says `"[DONE]"`.
"""

from __future__ import annotations

import random

from desktop.core.cozeserver import demo_chatflow
from desktop.core.cozeserver.answer_stream import AnswerStream, input_tokens
from desktop.core.cozeserver.api_workspaces import _check, _icon, _page
from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.deltas import split_deltas
from desktop.core.cozeserver.demo_bot import question_text
from desktop.core.cozeserver.http_types import JsonResponse, Request, Response, StreamResponse
from desktop.core.cozeserver.object_string import check_messages
from desktop.core.cozeserver.sse_writer import Event, Framing, Item
from desktop.core.cozeserver.wire import ApiError, JsonDict, dumps, invalid_parameter, new_id, ok

Params = dict[str, str]
WORKFLOWS_PAGE_MAX = 100  # coze-py asks for pages of 100 workflows
DEBUG_URL = "https://www.coze.cn/work_flow?execute_id={execute}&space_id={space}&workflow_id={workflow}"


def list_apps(ctx: ServerContext, req: Request, _: Params) -> Response:
    _check(ctx, "listApp")
    workspace_id = req.query.get("workspace_id", "")
    if not workspace_id:
        raise invalid_parameter("workspace_id is required")
    number, size = _page(req, "page_index")
    apps = ctx.chatflows.apps(workspace_id)
    if req.query.get("publish_status") == "published_online":
        apps = [a for a in apps if a.published]
    page = apps[(number - 1) * size : number * size]
    return JsonResponse(ok({"items": [a.to_wire(_icon(req)) for a in page], "total": len(apps)}))


def list_workflows(ctx: ServerContext, req: Request, _: Params) -> Response:
    workspace_id = req.query.get("workspace_id", "")
    if not workspace_id:
        raise invalid_parameter("workspace_id is required")
    mode = req.query.get("workflow_mode", "")
    if mode not in ("", "workflow", "chatflow"):
        raise invalid_parameter("workflow_mode must be workflow or chatflow")
    number, size = _page(req, "page_num", WORKFLOWS_PAGE_MAX)
    found = ctx.chatflows.workflows(workspace_id, req.query.get("app_id", ""), mode)
    if req.query.get("publish_status") == "published_online":
        found = [w for w in found if w.published]
    page = found[(number - 1) * size : number * size]
    return JsonResponse(ok({"items": [w.basic(_icon(req)) for w in page], "has_more": number * size < len(found)}))


def retrieve_workflow(ctx: ServerContext, req: Request, params: Params) -> Response:
    return JsonResponse(ok(ctx.chatflows.workflow(params["workflow_id"]).to_wire(_icon(req))))


def workflow_chat(ctx: ServerContext, req: Request, _: Params) -> Response:
    body = req.json_object()
    workflow_id = str(body.get("workflow_id") or "")
    if not workflow_id:
        raise invalid_parameter("workflow_id is required")
    app_id, bot_id = str(body.get("app_id") or ""), str(body.get("bot_id") or "")
    if bool(app_id) == bool(bot_id):
        raise invalid_parameter("give exactly one of app_id and bot_id")
    workflow = ctx.chatflows.workflow(workflow_id)
    if not workflow.published or workflow.mode != "chatflow":
        raise ApiError(4200)  # never published (or not a chatflow): Coze says "not found"
    if app_id:
        ctx.chatflows.app(app_id)
        if workflow.app_id and workflow.app_id != app_id:
            raise ApiError(4200)
    else:
        ctx.state.check_bot(bot_id)
    additional = body.get("additional_messages")
    if not isinstance(additional, list) or not additional:
        raise invalid_parameter("additional_messages is required")
    parameters = body.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise invalid_parameter("parameters must be an object")
    missing = [name for name in workflow.required if parameters.get(name) in (None, "")]
    if missing:
        raise invalid_parameter("missing required parameters: " + ", ".join(missing))
    ext = body.get("ext") or {}
    if not isinstance(ext, dict) or not all(isinstance(v, str) for v in ext.values()):
        raise invalid_parameter("ext must be an object of strings")
    check_messages(additional, ctx.files)
    started = ctx.state.start_chat(
        bot_id=bot_id or app_id,
        conversation_id=str(body.get("conversation_id") or "") or None,
        additional=additional,
        meta_data=None,
        save=True,
    )
    question = question_text(started.question)
    values = {str(k): v if isinstance(v, str) else dumps(v) for k, v in parameters.items()}
    reply = demo_chatflow.step(started.history, question, values, ctx.language)
    answer = AnswerStream(started.handle, ctx.state, ctx.pace, input_tokens(question, started.history))
    debug_url = DEBUG_URL.format(execute=new_id(), space=workflow.workspace_id, workflow=workflow_id)
    items = _items(answer, reply, random.Random(started.handle.chat_id), debug_url)
    return StreamResponse(items, Framing(), ctx.pace, on_close=lambda: ctx.state.end_stream(started.handle))


def _items(answer: AnswerStream, reply: demo_chatflow.FlowReply, rng: random.Random, debug_url: str) -> list[Item]:
    msg_id = new_id()
    if reply.card:
        message = answer.message("answer", reply.card, msg_id=msg_id)
        message["content_type"] = "card"
        deltas = []
    else:
        message = answer.message("answer", reply.answer, msg_id=msg_id)
        deltas = answer.deltas(split_deltas(reply.answer, rng), msg_id=msg_id)
    tail = answer.finished([message], answer.usage(reply.card or reply.answer), len(deltas))
    done: JsonDict = {"debug_url": debug_url}
    return [*answer.start(), *deltas, *tail[:-1], Event("done", dumps(done))]
