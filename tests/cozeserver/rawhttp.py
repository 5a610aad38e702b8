"""A raw-socket HTTP/1.1 client for checking the server's bytes: chunks, truncation, framing."""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

from desktop.core.cozeserver import DEMO_BOT_ID, DEMO_TOKEN

LOGID = re.compile(r"^\d{14}[0-9A-F]{18,20}$")


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes = b""  # the de-chunked body
    chunks: list[bytes] = field(default_factory=list)  # chunk payloads as they were framed
    complete: bool = True  # False when the connection ended before the body did

    def json(self) -> Any:
        return json.loads(self.body)

    def events(self) -> list[tuple[str, str]]:
        return parse_sse(self.body)

    def event_json(self, name: str) -> list[Any]:
        return [json.loads(data) for event, data in self.events() if event == name]


def parse_sse(body: bytes) -> list[tuple[str, str]]:
    """A spec-following SSE parser (any line ending, comments, multi-line data, unknown fields)."""
    events: list[tuple[str, str]] = []
    name, data = "", []
    for line in re.split(r"\r\n|\r|\n", body.decode("utf-8", errors="replace")):
        if not line:
            if data:
                events.append((name or "message", "\n".join(data)))
            name, data = "", []
            continue
        key, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if key == "event":
            name = value
        elif key == "data":
            data.append(value)
    if data:  # an unterminated last event still counts here
        events.append((name or "message", "\n".join(data)))
    return events


def chat_body(question: str, *, stream: bool = True, bot_id: str = DEMO_BOT_ID, **extra: Any) -> dict[str, Any]:
    return {
        "bot_id": bot_id,
        "user_id": "user-1",
        "stream": stream,
        "auto_save_history": True,
        "additional_messages": [{"role": "user", "content": question, "content_type": "text"}],
        **extra,
    }


class RawConnection:
    """One keep-alive connection; `request()` sends and reads a whole response."""

    def __init__(self, port: int, timeout: float = 5.0) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.reader = self.sock.makefile("rb")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.reader.close()
        self.sock.close()

    def send(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = DEMO_TOKEN,
        headers: dict[str, str] | None = None,
    ) -> None:
        payload = b"" if body is None else body if isinstance(body, bytes) else json.dumps(body).encode()
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(payload)}"]
        if body is not None:
            lines.append("Content-Type: application/json")
        if token is not None:
            lines.append(f"Authorization: Bearer {token}")
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)

    def read_head(self) -> RawResponse:
        status_line = self.reader.readline()
        if not status_line:
            raise EOFError("connection closed before a response")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while (line := self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        return RawResponse(status, headers)

    def read_chunk(self) -> bytes | None:
        """The next chunk's payload; None after the terminating chunk; EOFError if cut off."""
        size_line = self.reader.readline()
        if not size_line.endswith(b"\r\n"):
            raise EOFError("connection closed inside the chunked body")
        size = int(size_line.strip(), 16)
        if size == 0:
            self.reader.readline()
            return None
        data = self.reader.read(size)
        if len(data) < size or self.reader.read(2) != b"\r\n":
            raise EOFError("connection closed inside a chunk")
        return data

    def read_response(self) -> RawResponse:
        response = self.read_head()
        if response.headers.get("transfer-encoding") == "chunked":
            try:
                while (chunk := self.read_chunk()) is not None:
                    response.chunks.append(chunk)
            except (EOFError, ConnectionResetError):
                response.complete = False
            response.body = b"".join(response.chunks)
        else:
            length = int(response.headers.get("content-length", "0"))
            response.body = self.reader.read(length)
            response.complete = len(response.body) == length
        return response

    def request(self, method: str, path: str, body: Any = None, token: str | None = DEMO_TOKEN) -> RawResponse:
        self.send(method, path, body, token)
        return self.read_response()

    def at_eof(self) -> bool:
        """True when the server has closed the connection."""
        return self.reader.read(1) == b""


def wait_until(predicate: Callable[[], bool], timeout: float = 3.0) -> None:
    """Poll `predicate` until it holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(0.005)
