"""What Coze puts on the wire: ids, logids, compact JSON, envelopes, chat and message objects, error texts.

Everything here is a pure function of its arguments (apart from fresh ids and clocks), so the
server, the scenarios and the tests all build byte-identical objects.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
from typing import Any, NamedTuple

JsonDict = dict[str, Any]

# Coze's services are written in Go, whose encoder escapes these even inside strings.
_GO_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")

AUTH_DOCS = "https://www.coze.cn/docs/developer_guides/authentication"
ERROR_MESSAGES: dict[int, str] = {
    4000: "The request parameter is invalid. Please check the parameters and try again.",
    4008: "The daily request quota of your account has been used up. Try again tomorrow or upgrade your plan.",
    4009: "The number of requests per second (QPS) exceeds the limit. Reduce the frequency and try again later.",
    4010: "The prompt token number of the previous question exceeds the model limit.",
    4011: "Your account balance is insufficient. Please top up and try again.",
    4012: "Invalid model",
    4013: (
        "Model's request rate limit exceeded. Please reduce your request frequency or try again later. "
        "If you need higher limits, consider upgrading your plan or contacting Coze support for expansion options."
    ),
    4014: "The Bot cannot answer this question",
    4015: (
        "The bot_id {bot_id} has not been published to the channel Agent As API. "
        "Please publish the bot to the Agent As API channel and try again."
    ),
    4016: (
        "Conversation occupied: a chat in this conversation is still in progress. "
        "Wait for it to finish or cancel it, then try again."
    ),
    4019: "The account has an overdue payment, please recharge immediately.",
    4020: "The number of requests per minute (RPM) exceeds the limit. Please try again later.",
    4027: "Your account has an overdue payment, please recharge immediately.",
    4028: "The free quota of the model has been used up. Upgrade to a paid plan or top up and try again.",
    4100: (
        "The token you entered is incorrect. Please double-check and try again. "
        f"For more information, refer to {AUTH_DOCS}"
    ),
    4101: (
        "The token you entered does not have permission to perform this operation. "
        f"Please check the token's permissions and try again. For more information, refer to {AUTH_DOCS}"
    ),
    4102: "The content was rejected by the risk control system.",
    4104: "The chat is not in progress and cannot be canceled.",
    4200: "The requested resource does not exist. Please check the ID and try again.",
    5000: "The server encountered an internal error. Please try again later.",
    700012006: "The personal access token (PAT) is incorrect",
}


class ApiError(Exception):
    """A Coze error answer: JSON `{"code", "msg"}`, by default with HTTP status 200 like the real API."""

    def __init__(self, code: int, msg: str | None = None, status: int = 200) -> None:
        self.code = code
        self.msg = msg if msg is not None else error_message(code)
        self.status = status
        super().__init__(f"{code}: {self.msg}")


def invalid_parameter(detail: str) -> ApiError:
    return ApiError(4000, f"invalid parameter: {detail}")


def error_message(code: int, bot_id: str = "") -> str:
    template = ERROR_MESSAGES.get(code, "Unknown error.")
    return template.replace("{bot_id}", bot_id) if bot_id else template.replace(" {bot_id}", "")


def error_body(code: int, msg: str | None = None) -> JsonDict:
    return {"code": code, "msg": msg if msg is not None else error_message(code)}


def ok(data: Any) -> JsonDict:
    return {"code": 0, "msg": "", "data": data}


def dumps(obj: Any, indent: int | None = None) -> str:
    """JSON as Coze prints it: compact, UTF-8 (not \\u-escaped CJK), Go's HTML escapes."""
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(obj, ensure_ascii=False, separators=separators, indent=indent)
    for char, escape in _GO_ESCAPES:
        if char in text:  # str.replace runs in C; str.translate would crawl over a 10 MB event
            text = text.replace(char, escape)
    return text


def verbose_finish_content() -> str:
    """The `content` of the verbose message that says all answers are complete."""
    data = dumps({"finish_reason": 0, "FinData": ""})
    return dumps({"msg_type": "generate_answer_finish", "data": data, "from_module": None, "from_unit": None})


class _IdSource:
    """19-digit, increasing, time-based ids shaped like Coze's snowflake ids."""

    _BASE = 7_440_000_000_000_000_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = 0

    def next(self) -> str:
        with self._lock:
            candidate = self._BASE + time.time_ns() // 1000 * 100 + secrets.randbelow(100)
            self._last = max(candidate, self._last + 1 + secrets.randbelow(97))
            return str(self._last)


_ids = _IdSource()


def new_id() -> str:
    return _ids.next()


def new_logid() -> str:
    """Like Coze's `x-tt-logid`: a 14-digit UTC timestamp and 20 uppercase hex digits."""
    return time.strftime("%Y%m%d%H%M%S", time.gmtime()) + secrets.token_hex(10).upper()


def now() -> int:
    return int(time.time())


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def estimate_tokens(text: str) -> int:
    """Roughly what a tokenizer would count: about one token per CJK character, four Latin letters."""
    if not text:
        return 0
    # Counted a slice at a time: one findall over a 4 MB question held the GIL ~90 ms (the window's thread
    # waits for it while the demo server runs in the app's process).
    cjk = sum(len(_CJK.findall(text, start, start + 50_000)) for start in range(0, len(text), 50_000))
    return max(1, round(cjk * 0.8 + (len(text) - cjk) / 4))


class Usage(NamedTuple):
    input_count: int = 0
    output_count: int = 0

    def to_wire(self) -> JsonDict:
        return {
            "token_count": self.input_count + self.output_count,
            "output_count": self.output_count,
            "input_count": self.input_count,
        }


NO_USAGE = Usage()


def chat_object(
    *,
    chat_id: str,
    conversation_id: str,
    bot_id: str,
    created_at: int,
    section_id: str,
    status: str,
    usage: Usage = NO_USAGE,
    completed_at: int | None = None,
    failed_at: int | None = None,
    last_error: tuple[int, str] = (0, ""),
    meta_data: dict[str, str] | None = None,
    required_action: JsonDict | None = None,
) -> JsonDict:
    """The Chat object, with its keys in the order the real service sends them."""
    obj: JsonDict = {"id": chat_id, "conversation_id": conversation_id, "bot_id": bot_id, "created_at": created_at}
    if completed_at is not None:
        obj["completed_at"] = completed_at
    if failed_at is not None:
        obj["failed_at"] = failed_at
    if meta_data:
        obj["meta_data"] = meta_data
    obj["last_error"] = {"code": last_error[0], "msg": last_error[1]}
    obj["status"] = status
    if required_action is not None:
        obj["required_action"] = required_action
    obj["usage"] = usage.to_wire()
    obj["section_id"] = section_id
    return obj


def message_object(
    *,
    msg_id: str,
    conversation_id: str,
    bot_id: str,
    chat_id: str,
    section_id: str,
    role: str,
    msg_type: str,
    content: str,
    created_at: int,
    content_type: str = "text",
    reasoning_content: str = "",
) -> JsonDict:
    """The Message object as it appears in stream events."""
    return {
        "id": msg_id,
        "conversation_id": conversation_id,
        "bot_id": bot_id,
        "role": role,
        "type": msg_type,
        "content": content,
        "content_type": content_type,
        "chat_id": chat_id,
        "section_id": section_id,
        "reasoning_content": reasoning_content,
        "created_at": created_at,
    }


_MARK = "\x00coze-local-field\x00"


def field_template(obj: JsonDict, field: str) -> tuple[str, str]:
    """Split `dumps(obj)` around one string field, so many deltas serialize with one `dumps` each."""
    text = dumps({**obj, field: _MARK})
    head, tail = text.split(dumps(_MARK))
    return head, tail
