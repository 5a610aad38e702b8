"""Which endpoint answers which method and path, and the token check in front of them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.cozeserver import (
    api_bots,
    api_chat,
    api_conversations,
    api_files,
    api_local,
    api_media,
    api_oauth,
    api_workflows,
    api_workspaces,
)
from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.http_types import JsonResponse, Request, Response
from desktop.core.cozeserver.wire import ApiError, error_body, invalid_parameter

Endpoint = Callable[[ServerContext, Request, dict[str, str]], Response]


@dataclass(frozen=True)
class Route:
    methods: frozenset[str]
    pattern: re.Pattern[str]
    endpoint: Endpoint
    public: bool = False  # no token needed (OAuth and the local, non-Coze endpoints)


def _route(methods: str, path: str, endpoint: Endpoint, public: bool = False) -> Route:
    return Route(frozenset(methods.split("|")), re.compile(path), endpoint, public)


ROUTES = (
    _route("POST", r"/v1/conversation/create", api_conversations.create),
    _route("GET", r"/v1/conversation/retrieve", api_conversations.retrieve),
    _route("GET", r"/v1/conversations", api_conversations.list_conversations),
    _route("PUT", r"/v1/conversations/(?P<id>[^/]+)", api_conversations.update),
    _route("DELETE", r"/v1/conversations/(?P<id>[^/]+)", api_conversations.delete),
    _route("POST", r"/v1/conversations/(?P<id>[^/]+)/clear", api_conversations.clear),
    _route(
        "POST|DELETE",
        r"/v1/conversations/(?P<id>[^/]+)/messages/(?P<message_id>[^/]+)/feedback",
        api_conversations.feedback,
    ),
    _route("POST|GET", r"/v1/conversation/message/list", api_conversations.list_messages),
    _route("POST", r"/v1/conversation/message/delete", api_conversations.delete_message),
    _route("POST", r"/v1/conversation/message/create", api_conversations.create_message),
    _route("POST", r"/v3/chat", api_chat.create_chat),
    _route("POST", r"/v3/chat/cancel", api_chat.cancel_chat),
    _route("POST|GET", r"/v3/chat/retrieve", api_chat.retrieve_chat),
    _route("POST|GET", r"/v3/chat/message/list", api_chat.chat_messages),
    _route("POST", r"/v3/chat/submit_tool_outputs", api_chat.submit_tool_outputs),
    _route("GET", r"/v1/bots/(?P<bot_id>[^/]+)", api_bots.retrieve),
    _route("POST", r"/v1/files/upload", api_files.upload),
    _route("GET", r"/v1/files/retrieve", api_files.retrieve),
    _route("GET", r"/v1/bot/get_online_info", api_bots.online_info),
    _route("GET", r"/v1/users/me", api_oauth.users_me),
    _route("GET", r"/v1/workspaces", api_workspaces.list_workspaces),
    _route("GET", r"/v1/bots", api_workspaces.list_bots),
    _route("GET", r"/v1/apps", api_workflows.list_apps),
    _route("GET", r"/v1/workflows", api_workflows.list_workflows),
    _route("POST", r"/v1/workflows/chat", api_workflows.workflow_chat),
    _route("GET", r"/v1/workflows/(?P<workflow_id>[^/]+)", api_workflows.retrieve_workflow),
    _route("POST", r"/api/permission/oauth2/device/code", api_oauth.device_code, public=True),
    _route("POST", r"/api/permission/oauth2/token", api_oauth.token, public=True),
    _route("GET|POST", re.escape(api_oauth.VERIFY_PATH), api_oauth.verify_page, public=True),
    _route("POST", r"/_local/oauth", api_oauth.configure, public=True),
    _route("POST", r"/_local/scenario", api_local.queue_scenario, public=True),
    _route("GET", r"/_local/draw/(?P<seed>\d{1,9})\.png", api_media.draw, public=True),
    _route("GET", r"/_local/media/(?P<name>[\w.-]+)", api_media.media, public=True),
    _route("GET", re.escape(api_bots.ICON_PATH), api_local.icon, public=True),
)


def dispatch(ctx: ServerContext, req: Request) -> Response:
    """The response for `req`; Coze errors become their JSON bodies."""
    try:
        for route in ROUTES:
            match = route.pattern.fullmatch(req.path)
            if match is not None and req.method in route.methods:
                if not route.public:
                    authorize(ctx, req)
                if req.bad_json and not route.public:
                    raise invalid_parameter("the request body is not valid JSON")
                return route.endpoint(ctx, req, match.groupdict())
        msg = f"The requested API does not exist: {req.method} {req.path}"
        return JsonResponse(error_body(4000, msg), status=404)
    except ApiError as exc:
        return JsonResponse(error_body(exc.code, exc.msg), status=exc.status)


def authorize(ctx: ServerContext, req: Request) -> None:
    scheme, _, token = req.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or (token not in ctx.tokens and not ctx.oauth.access_valid(token)):
        raise ApiError(4100, status=401)
