"""Bot endpoints: `/v1/bots/{bot_id}` and the older `/v1/bot/get_online_info`."""

from __future__ import annotations

from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.http_types import JsonResponse, Request, Response
from desktop.core.cozeserver.wire import ApiError, error_message, invalid_parameter, ok

Params = dict[str, str]
ICON_PATH = "/_local/bot-icon.png"


def retrieve(ctx: ServerContext, req: Request, params: Params) -> Response:
    info, _ = ctx.state.bot_wire(params["bot_id"], _icon_url(req))
    return JsonResponse(ok(info))


def online_info(ctx: ServerContext, req: Request, _: Params) -> Response:
    bot_id = req.query.get("bot_id", "")
    if not bot_id:
        raise invalid_parameter("bot_id is required")
    info, published = ctx.state.bot_wire(bot_id, _icon_url(req))
    if not published:
        raise ApiError(4015, error_message(4015, bot_id))
    return JsonResponse(ok(info))


def _icon_url(req: Request) -> str:
    """Bots without an avatar get one served by this server, so the app shows one offline too."""
    host = req.headers.get("host", "127.0.0.1")
    return f"http://{host}{ICON_PATH}"
