"""Reading a `multipart/form-data` body (RFC 7578) the way Coze's upload endpoint needs: named parts,
each with its filename and bytes. Standard library only; filenames as browsers and httpx send them
(UTF-8, `"` as %22), or RFC 5987 `filename*=UTF-8''…` when given."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

_BOUNDARY = re.compile(r'boundary=(?:"([^"]+)"|([^;\s]+))', re.IGNORECASE)
_PARAM = re.compile(r'(\w+\*?)=(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))')


@dataclass(frozen=True)
class Part:
    name: str
    filename: str | None
    content_type: str
    data: bytes


def boundary_of(content_type: str) -> str | None:
    match = _BOUNDARY.search(content_type)
    return (match.group(1) or match.group(2)) if match else None


def parse(body: bytes, content_type: str) -> list[Part]:
    """The parts of `body`; raises ValueError when it is not a well-formed multipart body."""
    boundary = boundary_of(content_type)
    if not boundary:
        raise ValueError("no multipart boundary")
    delimiter = b"--" + boundary.encode("latin-1")
    sections = body.split(delimiter)
    if len(sections) < 3:
        raise ValueError("no parts, or the closing boundary is missing")
    parts = []
    for section in sections[1:-1]:
        if not section.startswith(b"\r\n") or not section.endswith(b"\r\n"):
            raise ValueError("malformed part")
        head, sep, data = section[2:-2].partition(b"\r\n\r\n")
        if not sep:
            raise ValueError("a part has no header end")
        parts.append(_part(head.decode("utf-8", "replace"), data))
    if not sections[-1].startswith(b"--"):
        raise ValueError("the closing boundary is missing")
    return parts


def _part(head: str, data: bytes) -> Part:
    disposition, content_type = "", "application/octet-stream"
    for line in head.split("\r\n"):
        key, _, value = line.partition(":")
        if key.strip().lower() == "content-disposition":
            disposition = value
        elif key.strip().lower() == "content-type":
            content_type = value.strip()
    params = {
        m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3) for m in _PARAM.finditer(disposition)
    }
    filename = params.get("filename")
    if filename is not None:
        filename = filename.replace("%22", '"').replace("%0D", "\r").replace("%0A", "\n")
    extended = params.get("filename*")
    if extended and "''" in extended:
        charset, _, encoded = extended.partition("''")
        filename = unquote(encoded, encoding=charset or "utf-8", errors="replace")
    return Part(params.get("name", ""), filename, content_type, data)
