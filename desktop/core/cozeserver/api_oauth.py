"""OAuth endpoints (device code, token, refresh), `/v1/users/me`, and the local verification page.

The token endpoint's shapes are described in `oauth_state`. `GET|POST /_local/oauth/device` is NOT
Coze: it is this server's stand-in for the page at `verification_uri` where a person approves or
denies a code, so the demo and end-to-end tests can sign in without a browser session at coze.cn.
"""

from __future__ import annotations

import html
from urllib.parse import parse_qsl

from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.http_types import JsonResponse, RawResponse, Request, Response
from desktop.core.cozeserver.oauth_state import ERROR_STYLES, LOCAL_USER, OUTCOMES, OAuthWireError
from desktop.core.cozeserver.wire import ApiError, ok

Params = dict[str, str]
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
VERIFY_PATH = "/_local/oauth/device"


def device_code(ctx: ServerContext, req: Request, _: Params) -> Response:
    body = req.json_object()
    host = req.headers.get("host", "127.0.0.1")
    try:
        return JsonResponse(ctx.oauth.start(str(body.get("client_id") or ""), f"http://{host}{VERIFY_PATH}"))
    except OAuthWireError as exc:
        return _oauth_error(ctx, exc)


def token(ctx: ServerContext, req: Request, _: Params) -> Response:
    body = req.json_object()
    client_id = str(body.get("client_id") or "")
    grant = body.get("grant_type")
    try:
        if grant == DEVICE_GRANT:
            return JsonResponse(ctx.oauth.poll(client_id, str(body.get("device_code") or "")))
        if grant == "refresh_token":
            return JsonResponse(ctx.oauth.refresh(client_id, str(body.get("refresh_token") or "")))
        raise OAuthWireError("unsupported_grant_type", f"grant_type {grant!r} is not supported")
    except OAuthWireError as exc:
        return _oauth_error(ctx, exc)


def _oauth_error(ctx: ServerContext, exc: OAuthWireError) -> Response:
    if ctx.oauth.error_style == "http":  # coze-js reads `error` from the body of a non-2xx reply
        return JsonResponse({"error": exc.name, "error_description": exc.message}, status=400)
    return JsonResponse({"error_code": exc.name, "error_message": exc.message})  # coze-py reads `error_code`


def users_me(ctx: ServerContext, req: Request, _: Params) -> Response:
    host = req.headers.get("host", "127.0.0.1")
    return JsonResponse(ok({**LOCAL_USER, "avatar_url": f"http://{host}/_local/bot-icon.png"}))


def verify_page(ctx: ServerContext, req: Request, _: Params) -> Response:
    """A bare approval page: GET shows the code with Authorize/Deny, POST records the decision."""
    form = dict(parse_qsl(req.raw_body.decode("utf-8", "replace"))) if req.method == "POST" else {}
    user_code = form.get("user_code") or req.query.get("user_code", "")
    note = ""
    if req.method == "POST":
        approve = form.get("decision") == "approve"
        found = ctx.oauth.decide(user_code, approve)
        note = ("Authorized. 已授权。" if approve else "Denied. 已拒绝。") if found else "Unknown code. 无效的代码。"
    code = html.escape(user_code)
    page = f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>Coze (local) · 授权设备</title></head>
<body style="font-family:sans-serif;max-width:32em;margin:4em auto">
<h1>授权设备 · Authorize a device</h1><p>{html.escape(note)}</p>
<form method="post"><input name="user_code" value="{code}" style="font-size:2em;letter-spacing:.2em">
<p><button name="decision" value="approve">授权 Authorize</button> <button name="decision" value="deny">拒绝 Deny</button></p>
</form></body></html>"""
    return RawResponse(page.encode(), "text/html; charset=utf-8")


def configure(ctx: ServerContext, req: Request, _: Params) -> Response:
    """`POST /_local/oauth {script?, error_style?, access_ttl?, interval?, expire_access?}` (test control)."""
    body = req.json_object()
    state = ctx.oauth
    script = body.get("script")
    if script is not None:
        if not isinstance(script, list) or any(step not in OUTCOMES for step in script):
            raise ApiError(4000, f"invalid parameter: script steps are {', '.join(OUTCOMES)}", status=400)
        state.script = list(script)
    style = body.get("error_style")
    if style is not None:
        if style not in ERROR_STYLES:
            raise ApiError(4000, "invalid parameter: error_style is body or http", status=400)
        state.error_style = style
    for key in ("access_ttl", "interval"):
        if isinstance(body.get(key), int):
            setattr(state, key, body[key])
    if body.get("expire_access"):
        state.expire_access_tokens()
    return JsonResponse(ok({"refreshes": state.refreshes, "polls": state.polls}))
