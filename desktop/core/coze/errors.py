"""One exception family for everything that can go wrong talking to Coze.

Every error carries what a person needs to report it: the HTTP status (if any), the Coze `code` and
`msg` (if any) and the `logid` (from the body's `detail.logid` or the `x-tt-logid` header), plus a
`kind` that says what the user should do about it (see `error_text.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum


class ErrorKind(StrEnum):
    INVALID_TOKEN = "invalid_token"
    PERMISSION = "permission"
    BOT_NOT_PUBLISHED = "bot_not_published"
    BOT_NOT_FOUND = "bot_not_found"
    CONVERSATION_BUSY = "conversation_busy"
    CONVERSATION_NOT_FOUND = "conversation_not_found"
    CHATFLOW_NOT_FOUND = "chatflow_not_found"  # 4200 from /v1/workflows/chat: unknown or never published
    MISSING_PARAMETERS = "missing_parameters"  # a chatflow's required input parameters were not given
    RATE_LIMITED = "rate_limited"
    QUOTA = "quota"  # 4008: the bot's daily limit
    BUSY = "busy"  # 4009: too many people using it right now (retried)
    PROMPT_TOO_LONG = "prompt_too_long"  # 4010
    BALANCE = "balance"  # 4011, 4028: no balance / credits used up
    INVALID_MODEL = "invalid_model"  # 4012
    MODEL_LIMIT = "model_limit"  # 4013: the model's rate or concurrency limit (retried)
    # 4009/4013/4020/429 in the stream after answer text was shown: not retried (the answer would double)
    BUSY_PARTWAY = "busy_partway"
    # 4100 in the stream after answer text was shown (not sent again), by what the credential was: a personal access
    # token (or COZE_API_TOKEN) that expired or was revoked; a signed-in account renewed (or to renew on the next
    # question), or whose refresh token is dead
    TOKEN_ENDED_PARTWAY = "token_ended_partway"
    SIGN_IN_EXPIRED_PARTWAY = "sign_in_expired_partway"
    SIGNED_OUT_PARTWAY = "signed_out_partway"
    CANNOT_ANSWER = "cannot_answer"  # 4014
    OVERDUE = "overdue"  # 4019, 4027: the paid plan's payment is overdue
    CONTENT_REJECTED = "content_rejected"  # 4102: risk control
    CHAT_NOT_RUNNING = "chat_not_running"  # 4104: cancelling a chat that already ended (silent)
    SIGN_IN_DENIED = "sign_in_denied"  # OAuth access_denied
    SIGN_IN_EXPIRED = "sign_in_expired"  # OAuth expired_token: the code was not confirmed in time
    SIGN_IN_FAILED = "sign_in_failed"  # another OAuth error (an unknown client id, say)
    SIGNED_OUT = "signed_out"  # the refresh token is dead: one "sign in again" state
    NO_TOKEN = "no_token"  # nothing to send: no token or sign-in configured (never asked Coze)
    TOKEN_GONE = "token_gone"  # the token was kept for one session only, and that session ended
    BAD_REQUEST = "bad_request"
    SERVER = "server"
    NETWORK = "network"
    TLS = "tls"
    TIMEOUT = "timeout"
    INTERRUPTED = "interrupted"
    QUIT = "quit"  # the app quit while the answer streamed (not the user's stop)
    CHAT_FAILED = "chat_failed"
    PROTOCOL = "protocol"
    INSECURE_URL = "insecure_url"
    REQUIRES_ACTION = "requires_action"
    FILE_REFUSED = "file_refused"  # 4300–4304: Coze did not take an uploaded file
    FILE_GONE = "file_gone"  # a file only Coze had (no local copy) is forgotten by Coze: nothing can send it
    DISK_FULL = "disk_full"  # not Coze's: the answer arrived whole but the history could not take it yet
    NO_ROOM_TO_ASK = "no_room_to_ask"  # not Coze's: a regenerate's moves could not be noted first (disk full)
    UNKNOWN = "unknown"


# Coze error codes mapped to what the user does next. Source: Coze's error-code page
# (https://www.coze.cn/docs/developer_guides/coze_error_codes) as coze-js lists it in
# packages/chat-sdk/src/libs/i18n/resource/simple/zh.ts.
_CODE_KINDS: dict[int, ErrorKind] = {
    4000: ErrorKind.BAD_REQUEST,
    4001: ErrorKind.BAD_REQUEST,
    4002: ErrorKind.CONVERSATION_NOT_FOUND,  # "invalid conversation" (a wrong id, or one Coze no longer has)
    4008: ErrorKind.QUOTA,
    4009: ErrorKind.BUSY,
    4010: ErrorKind.PROMPT_TOO_LONG,
    4011: ErrorKind.BALANCE,
    4012: ErrorKind.INVALID_MODEL,
    4013: ErrorKind.MODEL_LIMIT,
    4014: ErrorKind.CANNOT_ANSWER,
    4015: ErrorKind.BOT_NOT_PUBLISHED,
    4016: ErrorKind.CONVERSATION_BUSY,
    4019: ErrorKind.OVERDUE,
    4020: ErrorKind.RATE_LIMITED,
    4027: ErrorKind.OVERDUE,
    4028: ErrorKind.BALANCE,
    4100: ErrorKind.INVALID_TOKEN,
    4101: ErrorKind.PERMISSION,
    4102: ErrorKind.CONTENT_REJECTED,
    4104: ErrorKind.CHAT_NOT_RUNNING,
    4200: ErrorKind.BOT_NOT_FOUND,
    # Coze's file errors: neither official SDK (coze-dev/coze-py, coze-dev/coze-js) names these codes or
    # says what each means, so all five get one sentence (the code is in the details). Whether Coze still
    # has a file is asked of `/v1/files/retrieve` instead (desktop.core.attachments.upload.forgotten).
    **dict.fromkeys(range(4300, 4305), ErrorKind.FILE_REFUSED),
    700012006: ErrorKind.INVALID_TOKEN,
}

# Worth asking again after a pause: the service is busy or limiting the rate, nothing is wrong with the request.
RETRYABLE_KINDS = frozenset({ErrorKind.BUSY, ErrorKind.MODEL_LIMIT, ErrorKind.RATE_LIMITED})


def _says_conversation_is_gone(msg: str) -> bool:
    """A 4000 "invalid parameter" about the conversation id: Coze has no such conversation (any more)."""
    lowered = msg.lower()
    return "conversation" in lowered and any(words in lowered for words in ("not exist", "not found"))


def _says_parameters_are_missing(msg: str) -> bool:
    lowered = msg.lower()
    return "parameter" in lowered and any(word in lowered for word in ("missing", "required"))


def kind_for(status: int | None, code: int | None, msg: str = "") -> ErrorKind:
    if code == 4000 and _says_conversation_is_gone(msg):
        return ErrorKind.CONVERSATION_NOT_FOUND
    if code == 4000 and _says_parameters_are_missing(msg):
        return ErrorKind.MISSING_PARAMETERS
    if code is not None and code in _CODE_KINDS:
        return _CODE_KINDS[code]
    if status == 401:
        return ErrorKind.INVALID_TOKEN
    if status == 403:
        return ErrorKind.PERMISSION
    if status == 404:
        return ErrorKind.BOT_NOT_FOUND
    if status == 429:
        return ErrorKind.RATE_LIMITED
    if status == 408:  # the answer did not come in time (coze-js error.ts APIError.generate: TimeoutError)
        return ErrorKind.TIMEOUT
    if status is not None and status >= 500:
        return ErrorKind.SERVER
    if status is not None and status >= 400:
        return ErrorKind.BAD_REQUEST
    return ErrorKind.UNKNOWN


class CozeError(Exception):
    """Base of every Coze client error."""

    default_kind = ErrorKind.UNKNOWN

    def __init__(
        self,
        msg: str,
        *,
        status: int | None = None,
        code: int | None = None,
        logid: str | None = None,
        kind: ErrorKind | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(msg)
        self.msg = msg
        self.status = status
        self.code = code
        self.logid = logid or None
        self.retry_after = retry_after
        self.permission: str | None = None  # the permission a 4101 was about, when the caller knows it
        if kind is None:
            kind = kind_for(status, code, msg)
            if kind is ErrorKind.UNKNOWN:
                kind = self.default_kind
        self.kind = kind

    @property
    def retryable(self) -> bool:
        """Busy or rate-limited (4009, 4013, 4020, HTTP 429): the same request may succeed after a pause."""
        return self.kind in RETRYABLE_KINDS

    def summary(self) -> str:
        """One line naming the Coze code (or the HTTP status), the message and the logid."""
        if self.code is not None:
            head = f"Coze code {self.code}"
        elif self.status is not None:
            head = f"HTTP {self.status}"
        else:
            head = self.kind.value
        tail = f" (logid {self.logid})" if self.logid else ""
        return f"{head}: {self.msg}{tail}" if self.msg else f"{head}{tail}"

    def __str__(self) -> str:
        return self.summary()


@contextmanager
def not_found_is(kind: ErrorKind) -> Iterator[None]:
    """Coze's 4200 says "the requested resource does not exist"; which resource is the endpoint's to say:
    the bot for /v3/chat, the chatflow for /v1/workflows/chat, the conversation (or a message in it) for
    the conversation and message endpoints, which never name a bot. Inside, a 4200 (or a bare HTTP 404)
    is of `kind`: a rating refused for a chatflow's conversation must not send the user to the bot ID."""
    try:
        yield
    except CozeError as exc:
        if exc.code == 4200 or (exc.code is None and exc.status == 404):
            exc.kind = kind
        raise


class CozeAPIError(CozeError):
    """The service answered with a Coze error envelope (`code != 0`), whatever the HTTP status."""


class CozeHTTPError(CozeError):
    """An HTTP error whose body is not a Coze envelope (an HTML gateway page, say)."""

    default_kind = ErrorKind.SERVER


class CozeProtocolError(CozeError):
    """The service answered, but not in the Coze wire format (a 200 HTML page, a garbage stream)."""

    default_kind = ErrorKind.PROTOCOL


class CozeConnectionError(CozeError):
    """No answer at all: refused, DNS, TLS, connect timeout."""

    default_kind = ErrorKind.NETWORK


class CozeStreamInterrupted(CozeError):
    """The stream stopped before `done`: dropped connection or read timeout. What arrived is kept."""

    default_kind = ErrorKind.INTERRUPTED


class CozeChatFailed(CozeError):
    """`conversation.chat.failed` (with its `last_error`) or an `error` event in the stream."""

    default_kind = ErrorKind.CHAT_FAILED


class InsecureBaseURLError(CozeError):
    """Plain http anywhere but this machine would send the token in clear text."""

    default_kind = ErrorKind.INSECURE_URL


def check_token_text(token: str | None) -> None:
    """Refuse, as Coze would (4100, INVALID_TOKEN), a token with a character no Coze token has: they are printable
    ASCII. Sent, it could not even be put in a header (requests: UnicodeEncodeError for a Chinese character,
    InvalidHeader for a control one) or went as Latin-1 bytes."""
    if token is not None and not (token.isascii() and token.isprintable()):
        raise CozeError("the token has a character no Coze token has", kind=ErrorKind.INVALID_TOKEN)
