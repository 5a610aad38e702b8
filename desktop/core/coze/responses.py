"""Turning HTTP responses and `requests` exceptions into Coze results or Coze errors."""

from __future__ import annotations

import html
import json
import re
import socket
from typing import Any

import requests

from desktop.core.coze.errors import (
    CozeAPIError,
    CozeConnectionError,
    CozeError,
    CozeHTTPError,
    CozeProtocolError,
    ErrorKind,
)

LOGID_HEADER = "x-tt-logid"
# A non-streaming answer larger than this is refused (read a piece at a time, never whole into memory): the
# biggest real one is a page of 50 messages, and a single streamed event may hold at most 64 MiB (sse.py).
MAX_RESPONSE_BYTES = 128 << 20
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def header_logid(response: requests.Response) -> str | None:
    return response.headers.get(LOGID_HEADER) or None


def body_logid(body: dict[str, Any]) -> str | None:
    detail = body.get("detail")
    if isinstance(detail, dict):
        logid = detail.get("logid")
        if isinstance(logid, str) and logid:
            return logid
    return None


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


def error_from_envelope(body: dict[str, Any], response: requests.Response) -> CozeAPIError:
    raw_code = body.get("code")
    try:
        code: int | None = int(raw_code) if raw_code is not None else None
    except (TypeError, ValueError):
        code = None
    msg = body.get("msg") or body.get("message") or body.get("error_message") or ""
    return CozeAPIError(
        str(msg) or f"HTTP {response.status_code}",
        status=response.status_code,
        code=code,
        logid=body_logid(body) or header_logid(response),
        retry_after=_retry_after(response),
    )


def is_error(body: dict[str, Any], response: requests.Response) -> bool:
    """A Coze error answer: an error envelope (below) or an HTTP error status."""
    return is_error_envelope(body) or response.status_code >= 400


def is_error_envelope(body: dict[str, Any]) -> bool:
    """A Coze error envelope: a non-zero `code`, or, with no code, a non-empty `error_message` (coze-py
    raises that as a CozeAPIError: cozepy/request.py _format_requests_code_msg)."""
    if body.get("code") not in (0, "0", None):
        return True
    message = body.get("error_message")
    return isinstance(message, str) and message != ""


def short_text(content: bytes, limit: int = 160) -> str:
    """A readable one-line excerpt of a non-JSON body: an HTML page's title, else its text."""
    match = _TITLE.search(content[:65536])
    text = match.group(1).decode("utf-8", "replace") if match else content[:4096].decode("utf-8", "replace")
    text = " ".join(html.unescape(_TAGS.sub(" ", text)).split())
    return text[:limit] + ("…" if len(text) > limit else "")


def json_body(response: requests.Response, content: bytes) -> dict[str, Any] | None:
    content_type = response.headers.get("Content-Type", "")
    if "json" not in content_type and content.lstrip()[:1] != b"{":
        return None
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes (garbage)
        return None
    return body if isinstance(body, dict) else None


def bounded_content(response: requests.Response, limit: int | None = None) -> bytes:
    """The body of a response requested with `stream=True`, read a piece at a time (decompressed, so a
    small gzip bomb counts at its real size); more than `limit` (MAX_RESPONSE_BYTES) raises CozeProtocolError."""
    limit = MAX_RESPONSE_BYTES if limit is None else limit
    declared = response.headers.get("Content-Length", "")
    size = int(declared) if declared.isdigit() else 0
    pieces: list[bytes] = []
    if size <= limit:
        size = 0
        try:
            for piece in response.iter_content(1 << 20):
                size += len(piece)
                if size > limit:
                    break
                pieces.append(piece)
        except requests.RequestException as exc:
            raise connection_error(exc) from exc
    if size > limit:
        raise CozeProtocolError(
            f"the service's answer is larger than {limit >> 20} MiB, more than any Coze answer: refused",
            status=response.status_code,
            logid=header_logid(response),
        )
    return b"".join(pieces)


def check_envelope(response: requests.Response) -> dict[str, Any]:
    """The JSON envelope of a non-streaming call (requested with `stream=True`: read bounded), or the Coze
    error it carries."""
    content = bounded_content(response)
    body = json_body(response, content)
    if body is None:
        if response.status_code >= 400 or 300 <= response.status_code < 400:
            raise http_error(response, content)
        raise CozeProtocolError(
            f"expected JSON, got {response.headers.get('Content-Type', 'no content type')}: {short_text(content)}",
            status=response.status_code,
            logid=header_logid(response),
        )
    if is_error(body, response):
        raise error_from_envelope(body, response)
    return body


def check_stream_start(response: requests.Response) -> None:
    """A chat's response is an event stream; else the Coze error (or the wrong answer) it is, raised."""
    content_type = response.headers.get("Content-Type", "")
    if response.status_code == 200 and "text/event-stream" in content_type:
        return
    content = bounded_content(response)  # an error body, not a stream
    body = json_body(response, content)
    if body is not None and is_error(body, response):
        raise error_from_envelope(body, response)
    if response.status_code != 200:
        raise http_error(response, content)
    raise CozeProtocolError(
        f"expected an event stream, got {content_type or 'no content type'}: {short_text(content)}",
        status=response.status_code,
        logid=header_logid(response),
    )


def http_error(response: requests.Response, content: bytes) -> CozeHTTPError:
    if 300 <= response.status_code < 400:
        where = response.headers.get("Location", "?")
        msg = f"unexpected redirect to {where}; redirects are not followed so the token stays put"
        return CozeHTTPError(msg, status=response.status_code, logid=header_logid(response), kind=ErrorKind.PROTOCOL)
    reason = short_text(content) or response.reason or "error"
    return CozeHTTPError(
        reason,
        status=response.status_code,
        logid=header_logid(response),
        retry_after=_retry_after(response),
    )


def connection_error(exc: requests.RequestException) -> CozeError:
    """Map a requests exception raised before any response into a CozeConnectionError."""
    text = str(exc)
    if isinstance(exc, requests.exceptions.SSLError):
        return CozeConnectionError(f"TLS failed: {text}", kind=ErrorKind.TLS)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return CozeConnectionError(f"connect timed out: {text}", kind=ErrorKind.TIMEOUT)
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return CozeConnectionError(f"no answer in time: {text}", kind=ErrorKind.TIMEOUT)
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return CozeConnectionError(f"invalid API address: {text}", kind=ErrorKind.BAD_REQUEST)
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return CozeConnectionError(f"cannot resolve host: {cause}", kind=ErrorKind.NETWORK)
        cause = cause.__cause__ or cause.__context__
    return CozeConnectionError(f"cannot connect: {text}", kind=ErrorKind.NETWORK)
