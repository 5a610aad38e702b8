"""Pictures and files the demo bot sends, served by the local server (not Coze endpoints).

`GET /_local/draw/<seed>.png` is a picture drawn for the seed (the demo bot's "drawing");
`/_local/media/<name>` serves the scripted cases tests and the demo need: `report.pdf` and
`tool.sh` (files to download), `broken.png` (not an image), `huge.png` (a PNG claiming
40000 × 40000 pixels), `big.png` (bytes past any sane size cap), `slow.png?seconds=N`, `slow_headers.png?every=S` (the
status line and headers one byte every S seconds).
"""

from __future__ import annotations

import math
import struct
import zlib
from functools import lru_cache

from desktop.core.cozeserver.api_local import png_chunk
from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.http_types import RawResponse, Request, Response
from desktop.core.cozeserver.wire import ApiError

Params = dict[str, str]
DRAW_SIZE = (480, 320)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
SCRIPT = b"#!/bin/sh\necho 'a script a bot sent'\n"


def png(width: int, height: int, pixel: object) -> bytes:
    """An RGB PNG whose pixels come from `pixel(x, y) -> (r, g, b)`."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows += bytes(pixel(x, y))  # type: ignore[operator]
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(bytes(rows), 6))
        + png_chunk(b"IEND", b"")
    )


@lru_cache(maxsize=128)  # 3 KB each
def drawing(seed: int) -> bytes:
    """A sunset over hills, its colours shifted by `seed`."""
    width, height = DRAW_SIZE
    hue = seed % 97 / 97

    def pixel(x: int, y: int) -> tuple[int, int, int]:
        hill = height * (0.62 + 0.08 * math.sin(x / 53 + hue * 6) + 0.05 * math.sin(x / 17))
        sun = (x - width * (0.3 + 0.4 * hue)) ** 2 + (y - height * 0.42) ** 2 < (height * 0.12) ** 2
        if y > hill:
            return (40, int(110 + 60 * hue), 70)
        if sun:
            return (255, 214, 90)
        t = y / height
        return (int(60 + 190 * t), int(80 + 90 * t * (1 - hue)), int(200 - 80 * t))

    return png(width, height, pixel)


def draw(ctx: ServerContext, req: Request, params: Params) -> Response:
    try:
        seed = int(params["seed"])
    except ValueError:
        raise ApiError(4000, "invalid parameter: seed", status=404) from None
    return RawResponse(drawing(seed), "image/png", headers={"Cache-Control": "max-age=86400"})


def media(ctx: ServerContext, req: Request, params: Params) -> Response:
    name = params["name"]
    if name == "report.pdf":
        return RawResponse(PDF, "application/pdf")
    if name == "tool.sh":
        return RawResponse(SCRIPT, "text/x-shellscript")
    if name == "broken.png":
        return RawResponse(b"this is not a picture at all", "image/png")
    if name == "huge.png":
        header = struct.pack(">IIBBBBB", 40_000, 40_000, 8, 2, 0, 0, 0)
        body = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", zlib.compress(bytes(1000)))
        return RawResponse(body + png_chunk(b"IEND", b""), "image/png")
    if name == "big.png":
        return RawResponse(drawing(1) + bytes(30 * 1024 * 1024), "image/png")
    if name == "slow_headers.png":  # the head trickles in, a byte every `every` seconds
        return RawResponse(drawing(3), "image/png", header_pace=float(req.query.get("every", "1")))
    if name == "slow.png":
        ctx.stopping.wait(float(req.query.get("seconds", "3")))
        return RawResponse(drawing(2), "image/png")
    if name == "page.html":
        return RawResponse(b"<html><title>a page</title></html>", "text/html; charset=utf-8")
    raise ApiError(4200, status=404)
