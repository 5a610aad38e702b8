"""Endpoints under /_local/ that are NOT part of Coze: test control and the demo bot's avatar.

`POST /_local/scenario` with `{"name": ..., **params}` queues a `Scenario` (for tests that run the
app as a subprocess); it answers `{"code":0,"msg":"","data":{"queued": name, "pending": n}}`.
"""

from __future__ import annotations

import struct
import zlib
from functools import cache

from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.http_types import JsonResponse, RawResponse, Request, Response
from desktop.core.cozeserver.scenarios import Scenario
from desktop.core.cozeserver.wire import ApiError, ok

Params = dict[str, str]
ICON_SIZE = 64
ICON_RGB = (0x4D, 0x53, 0xE8)  # Coze's blue


def queue_scenario(ctx: ServerContext, req: Request, _: Params) -> Response:
    params = dict(req.json_object())
    name = params.pop("name", None)
    if not isinstance(name, str):
        raise ApiError(4000, "invalid parameter: name is required", status=400)
    try:
        scenario = Scenario(name, **params)
    except (TypeError, ValueError) as exc:
        raise ApiError(4000, f"invalid parameter: {exc}", status=400) from None
    pending = ctx.queue(scenario)
    return JsonResponse(ok({"queued": name, "pending": pending}))


def icon(ctx: ServerContext, req: Request, _: Params) -> Response:
    return RawResponse(icon_png(), "image/png", headers={"Cache-Control": "max-age=86400"})


@cache
def icon_png() -> bytes:
    """A round blue avatar with a white dot in the middle, drawn without any image library."""
    half = ICON_SIZE / 2
    rows = bytearray()
    for y in range(ICON_SIZE):
        rows.append(0)  # filter type: none
        for x in range(ICON_SIZE):
            distance = ((x + 0.5 - half) ** 2 + (y + 0.5 - half) ** 2) ** 0.5
            if distance < half * 0.28:
                rows += bytes((255, 255, 255, 255))
            elif distance < half:
                rows += bytes((*ICON_RGB, 255))
            else:
                rows += bytes(4)
    header = struct.pack(">IIBBBBB", ICON_SIZE, ICON_SIZE, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(bytes(rows)))
        + png_chunk(b"IEND", b"")
    )


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
