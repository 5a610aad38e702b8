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
    msg = body.get("msg") or body.get("message") or ""
    return CozeAPIError(
        str(msg) or f"HTTP {response.status_code}",
        status=response.status_code,
        code=code,
        logid=body_logid(body) or header_logid(response),
        retry_after=_retry_after(response),
    )


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


def check_envelope(response: requests.Response) -> dict[str, Any]:
    """The JSON envelope of a non-streaming call, or the Coze error it carries."""
    content = response.content
    body = json_body(response, content)
    if body is None:
        if response.status_code >= 400 or 300 <= response.status_code < 400:
            raise http_error(response, content)
        raise CozeProtocolError(
            f"expected JSON, got {response.headers.get('Content-Type', 'no content type')}: {short_text(content)}",
            status=response.status_code,
            logid=header_logid(response),
        )
    code = body.get("code", 0)
    if code not in (0, "0", None) or response.status_code >= 400:
        raise error_from_envelope(body, response)
    return body


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
