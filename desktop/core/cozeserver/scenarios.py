"""Scripted misbehaviour: a `Scenario` replaces the bot's normal answer for one `/v3/chat` call.

HTTP-level scenarios (`HTTP_LEVEL`) answer right after the token check, before any validation,
as a gateway or the API front would. A chat scenario with `code` 4100 also ends the OAuth access token
it was sent with, as an expired one: the same token is refused from then on, a renewed one is not. The others run after the usual validation and shape the
answer stream (see `scenario_streams`). Every stream scenario accepts `pace`, `text` (the answer to
stream instead of the demo bot's) and the framing options of `Framing`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from http import HTTPStatus
from typing import Any

from desktop.core.cozeserver.http_types import JsonResponse, RawResponse, Response
from desktop.core.cozeserver.sse_writer import Event, Framing, encode_event
from desktop.core.cozeserver.wire import dumps, error_body, error_message

_FRAMING_DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(Framing)}
_STREAM_DEFAULTS: dict[str, Any] = {"pace": None, "text": None, **_FRAMING_DEFAULTS}

HTTP_LEVEL = frozenset(
    {
        "http_error_json",
        "http_error_html",
        "json_error",
        "stream_json_error",
        "error_event_first",
        "rate_limited",
        "html_200",
        "slow_headers",
    }
)

# name -> parameters with their defaults
SCENARIOS: dict[str, dict[str, Any]] = {
    # HTTP-level: the whole answer
    "http_error_json": {"status": 500, "code": 5000, "msg": None},  # JSON error with that HTTP status
    "http_error_html": {"status": 502},  # nginx's HTML error page
    "json_error": {"code": 4100, "msg": None, "status": 200},  # Coze error JSON instead of a stream
    # the same JSON under `Content-Type: text/event-stream`, no event lines, no line end: coze-js reads such
    # an unterminated body as an `error` event (fetcher.ts "If the stream ends without a newline, it means
    # an error occurred"), coze-py raises CozeInvalidEventError on its line (model.py Stream._extra_field_data)
    "stream_json_error": {"code": 4101, "msg": None},
    # an event stream whose first and only event is `event:error` with `{"code","msg"}` (coze-js chat.ts
    # ChatEventType.ERROR's data), before any chat is created: the request was refused after the stream began
    "error_event_first": {"code": 4100, "msg": None},
    "rate_limited": {"retry_after": 2, "code": 4009, "msg": None},  # 429 with Retry-After
    "html_200": {},  # a captive portal's HTML page with status 200
    "slow_headers": {"every": 1.0, "code": 5000},  # a gateway trickling its head one byte per `every` s
    # stream-level: the demo answer (or `text`), reshaped
    "chat_failed": {**_STREAM_DEFAULTS, "after_deltas": 3, "code": 5000, "msg": None},  # then chat.failed, done
    # a question whose file Coze no longer has is taken, then fails mid-stream: chat.created, in_progress,
    # then `conversation.chat.failed` with the file error in last_error (a normal answer if every file is known)
    "file_failed": {**_STREAM_DEFAULTS},
    # then `event:error`, end; `data` sent as the event's data instead of {"code","msg"} (cozepy's test data has `{}`)
    "error_event": {**_STREAM_DEFAULTS, "after_deltas": 3, "code": 5000, "msg": None, "data": None},
    # then a bare Coze error envelope with no line end, and the body ends: coze-js reads such an unterminated
    # last line as an `error` event wherever it comes (fetcher.ts stream(): "If the stream ends without a
    # newline, it means an error occurred"), not only as the whole body (`stream_json_error`)
    "trailing_json_error": {**_STREAM_DEFAULTS, "after_deltas": 3, "code": 5000, "msg": None, "data": None},
    "drop": {**_STREAM_DEFAULTS, "after_deltas": 5, "reset": False},  # then close without the last chunk
    "stall": {**_STREAM_DEFAULTS, "after_deltas": 3, "seconds": 60.0},  # then silence, then the rest
    "pings": {**_STREAM_DEFAULTS, "after_deltas": 3, "count": 600, "every": 0.1},  # then only `: ping` comments
    "endless": {**_STREAM_DEFAULTS},  # deltas until the client leaves
    "garbage": {**_STREAM_DEFAULTS, "every": 4, "seed": 7},  # junk lines every N deltas, one broken delta
    "broken_json": {**_STREAM_DEFAULTS, "count": 3},  # N extra deltas with truncated JSON
    "unknown_events": {**_STREAM_DEFAULTS, "every": 3},  # an unknown event every N deltas
    # the normal answer with fields Coze may add later in every event object (one holding a nested "content"
    # before the real one) and a new event carrying an answer-shaped message: the answer must be unchanged
    "future_fields": {**_STREAM_DEFAULTS},
    "interleaved": {**_STREAM_DEFAULTS, "second_text": None},  # two answer messages, deltas alternating
    "long_answer": {**_STREAM_DEFAULTS, "size_bytes": 1_000_000, "deltas": 30_000},  # benchmark stream
    "huge_event": {**_STREAM_DEFAULTS, "size_bytes": 10_000_000},  # one delta that big
    "requires_action": {**_STREAM_DEFAULTS, "function": "get_weather", "arguments": None},  # a tool call
    "framing": {**_STREAM_DEFAULTS},  # the normal answer; use with the framing options
    "slow": {**_STREAM_DEFAULTS, "pace": 0.2},  # the normal answer, slowly
    # inconsistent streams: what the client prints and stores must still agree
    "rewritten": {**_STREAM_DEFAULTS, "final": "The corrected final answer."},  # completed differs from deltas
    "stray_deltas": {**_STREAM_DEFAULTS, "stray": " STRAY"},  # deltas and a 2nd completed after completion
    "function_call_same_id": {**_STREAM_DEFAULTS, "arguments": '{"city": "Beijing"}'},  # reuses the answer's id
    # uploads (`/v1/files/upload`, their own queue): the next upload answers with this Coze error
    "upload_error": {"code": 4304, "msg": None, "status": 200},
    # listings (`/v1/conversations`, `/v1/conversation/message/list`, their own queue): after `skip`
    # listings that answer normally, one answers with this error: a Coze code (HTTP 200, or 429 with
    # `retry_after`), or with `code` None an nginx error page with `status` (a gateway dropping the sync)
    "list_error": {"skip": 0, "status": 502, "code": None, "msg": None, "retry_after": None},
    # a listing stuck on its first page: `times` listings (after `skip`) ignore page_num / after_id and
    # say has_more, so a client that trusts has_more asks forever
    "list_stuck": {"skip": 0, "times": 10_000},
    # a message listing that never ends: `times` listings (after `skip`) each answer a full page of messages
    # never seen before (ids counting on from the cursor) and say has_more, as a conversation of endless size
    "list_endless": {"skip": 0, "times": 10_000},
    # a listing answered with this raw body (status 200, JSON content type): garbage a broken gateway sends
    "list_body": {"skip": 0, "body": ""},
    # `/v1/conversation/create` (its own queue): Coze creates the conversation, then its answer is held until
    # a listing of the new conversation's messages has been answered (a sync found it), at most `seconds`:
    # the answer is slow on the way back, and a sync in that gap sees the conversation before its creator
    "create_held": {"seconds": 30.0},
    # `/v1/conversation/message/create`: the message is made, then the answer is held `seconds` (or until the
    # server stops): a client killed, or cut off, before it learns the new message's id
    "message_create_held": {"seconds": 30.0},
}
UPLOAD_LEVEL = frozenset({"upload_error"})
LIST_LEVEL = frozenset({"list_error", "list_stuck", "list_endless", "list_body"})
REPEATING = frozenset({"list_stuck", "list_endless"})  # listing scenarios that answer `times` listings
CREATE_LEVEL = frozenset({"create_held", "message_create_held"})


@dataclass(frozen=True, init=False)
class Scenario:
    """`Scenario("drop", after_deltas=5)`: a name from `SCENARIOS` and some of its parameters."""

    name: str
    params: dict[str, Any]

    def __init__(self, name: str, **params: Any) -> None:
        if name not in SCENARIOS:
            raise ValueError(f"unknown scenario {name!r}; known: {', '.join(sorted(SCENARIOS))}")
        unknown = set(params) - set(SCENARIOS[name])
        if unknown:
            raise ValueError(f"scenario {name!r} takes no parameter(s) {', '.join(sorted(unknown))}")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "params", {**SCENARIOS[name], **params})
        if name not in HTTP_LEVEL | UPLOAD_LEVEL | LIST_LEVEL | CREATE_LEVEL:
            self.framing()  # validate early, in the caller's thread

    @property
    def for_upload(self) -> bool:
        return self.name in UPLOAD_LEVEL

    @property
    def for_listing(self) -> bool:
        return self.name in LIST_LEVEL

    @property
    def for_create(self) -> bool:
        return self.name in CREATE_LEVEL

    @property
    def http_level(self) -> bool:
        return self.name in HTTP_LEVEL

    def framing(self) -> Framing:
        return Framing(**{key: self.params[key] for key in _FRAMING_DEFAULTS})


def http_response(scenario: Scenario, bot_id: str) -> Response:
    """The whole answer of an HTTP-level scenario."""
    p = scenario.params
    if scenario.name == "http_error_json":
        return JsonResponse(error_body(p["code"], p["msg"]), status=p["status"])
    if scenario.name == "http_error_html":
        return RawResponse(nginx_error_page(p["status"]), "text/html", status=p["status"])
    if scenario.name == "json_error":
        msg = p["msg"] if p["msg"] is not None else error_message(p["code"], bot_id)
        return JsonResponse(error_body(p["code"], msg), status=p["status"])
    if scenario.name == "stream_json_error":
        msg = p["msg"] if p["msg"] is not None else error_message(p["code"], bot_id)
        return RawResponse(dumps(error_body(p["code"], msg)).encode(), "text/event-stream; charset=utf-8")
    if scenario.name == "error_event_first":
        msg = p["msg"] if p["msg"] is not None else error_message(p["code"], bot_id)
        event = Event("error", dumps(error_body(p["code"], msg)))
        return RawResponse(encode_event(event, Framing(), 1), "text/event-stream; charset=utf-8")
    if scenario.name == "rate_limited":
        headers = {"Retry-After": str(p["retry_after"])}
        return JsonResponse(error_body(p["code"], p["msg"]), status=429, headers=headers)
    if scenario.name == "slow_headers":
        body = dumps(error_body(p["code"], None)).encode()
        return RawResponse(body, "application/json; charset=utf-8", status=502, header_pace=float(p["every"]))
    return RawResponse(CAPTIVE_PORTAL.encode(), "text/html; charset=utf-8")


def listing_error(scenario: Scenario) -> Response:
    """What a `list_error` scenario answers instead of the listing."""
    p = scenario.params
    if scenario.name == "list_body":
        return RawResponse(str(p["body"]).encode(), "application/json; charset=utf-8")
    if p["code"] is None:
        return RawResponse(nginx_error_page(p["status"]), "text/html", status=p["status"])
    if p["retry_after"] is not None:
        headers = {"Retry-After": str(p["retry_after"])}
        return JsonResponse(error_body(p["code"], p["msg"]), status=429, headers=headers)
    return JsonResponse(error_body(p["code"], p["msg"]), status=200)


def nginx_error_page(status: int) -> bytes:
    title = f"{status} {HTTPStatus(status).phrase}"
    lines = [
        "<html>",
        f"<head><title>{title}</title></head>",
        "<body>",
        f"<center><h1>{title}</h1></center>",
        "<hr><center>nginx</center>",
        "</body>",
        "</html>",
        "",
    ]
    return "\r\n".join(lines).encode()


CAPTIVE_PORTAL = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Guest Wi-Fi - Sign in</title>
</head>
<body>
<h1>Welcome to Guest Wi-Fi</h1>
<p>Please accept the terms of use to connect to the internet.</p>
<form method="post" action="/login"><button type="submit">Accept and connect</button></form>
</body>
</html>
"""
