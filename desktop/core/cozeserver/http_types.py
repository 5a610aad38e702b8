"""A received request and the three kinds of answer an endpoint can give."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.core.cozeserver.sse_writer import Framing, Item
from desktop.core.cozeserver.wire import JsonDict


@dataclass(frozen=True)
class Request(Mapping[str, Any]):
    """One request as received: header names are lower-case; `json` is None without a JSON body.

    Also readable as a mapping with the keys method, path, query, headers and body (= `json`), so
    tests can write `request.path` or `request["path"]`.
    """

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any
    logid: str = ""
    bad_json: bool = False  # a body was sent but it is not JSON
    raw_body: bytes = b""
    form: bytes = b""  # a multipart/form-data body, as received (cut at `form_limit`)
    form_truncated: bool = False  # the multipart body was longer than the server keeps

    def json_object(self) -> JsonDict:
        return self.json if isinstance(self.json, dict) else {}

    def __getitem__(self, key: str) -> Any:
        if key not in _MAPPING_KEYS:
            raise KeyError(key)
        return self.json if key == "body" else getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(_MAPPING_KEYS)

    def __len__(self) -> int:
        return len(_MAPPING_KEYS)


_MAPPING_KEYS = ("method", "path", "query", "headers", "body")


@dataclass(frozen=True)
class JsonResponse:
    """A JSON body; an envelope (a dict with "code") gets `detail.logid` added when sent."""

    body: JsonDict
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RawResponse:
    body: bytes
    content_type: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    header_pace: float = 0.0  # > 0: the status line and headers go out one byte every that many seconds


@dataclass(frozen=True)
class StreamResponse:
    """An SSE body. `items` is a list (compiled before sending) or an endless iterator."""

    items: Iterable[Item]
    framing: Framing
    pace: float
    on_close: Callable[[], None] = lambda: None


Response = JsonResponse | RawResponse | StreamResponse
