"""Where `import FILE` reads its export from, a piece at a time (desktop.core.store.transfer.json_stream).

A regular file is read whatever its size: its end is known, and a real export may be hundreds of MiB.
stdin (`-`) and any other file that is not a regular one (a pipe, `<(…)`, /dev/stdin, a device) may never
end, so past MAX_STREAMED_BYTES it is refused with a usage error that says to save it to a file; that bound
is far above real exports (the whole parsed export is held in memory before it is merged, so a stream that
large would take several GiB anyway), and below what an endless pipe would cost before anything is said.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.commands.speech import say
from desktop.commands.terminal import StdinProblem, stdin_binary
from desktop.core.store.transfer.format import NotJson
from desktop.core.store.transfer.json_stream import InputTooLarge, load_export_stream

MAX_STREAMED_BYTES = 1 << 30  # 1 GiB


def read_export(name: str, limit: int = MAX_STREAMED_BYTES) -> Any:
    """The parsed export named on the command line ("-": stdin). Raises StdinProblem for a stream that goes
    on past `limit` (or a closed stdin), InvalidExportFile, or OSError when the file cannot be read."""
    if name == "-":
        return _bounded(lambda: load_export_stream(stdin_binary(limit), limit=limit), "stdin", limit)
    with Path(name).open("rb") as stream:
        info = os.fstat(stream.fileno())
        if stat.S_ISREG(info.st_mode):
            return load_export_stream(stream, total=info.st_size)
        return _bounded(lambda: load_export_stream(stream, limit=limit), Path(name).name, limit)


def _bounded(load: Callable[[], Any], what: str, limit: int) -> Any:
    try:
        return load()
    except InputTooLarge:
        raise StdinProblem(
            f"{what} goes on past {limit >> 20} MiB without ending the export: if it really is one, save it to a"
            " file and import that file (a file is read whatever its size)"
        ) from None


def not_json_sentence(exc: NotJson) -> str:
    """What `import` says of a file that is not JSON: where, when the parser knows, and what to do; the
    parser's own English words stay out of it (the window shows them under Details)."""
    if exc.line is not None:
        return say(
            "invalid import file: not valid JSON at line {line}, column {column} (the file is damaged, or not an"
            " export); choose a JSON file made by `coze-desktop export`",
            line=exc.line,
            column=exc.column,
        )
    if exc.byte is not None:
        return say(
            "invalid import file: not UTF-8 text at byte {byte} (the file is damaged, or not an export); choose a"
            " JSON file made by `coze-desktop export`",
            byte=exc.byte,
        )
    return say(
        "invalid import file: not valid JSON (the file is damaged, or not an export); choose a JSON file made by"
        " `coze-desktop export`"
    )
