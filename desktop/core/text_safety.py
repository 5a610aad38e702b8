"""Text from a server or a file, made safe to show: no control characters, no bidi overrides, bounded.

Remote text (bot names, titles, error messages, answers) is data. On a terminal a control character
is a command (ESC sequences retitle and clear it); in a label, a bidi override turns `exe.txt` into
`txt.exe`. Qt-free: the CLI and the widgets share it.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (U+009B is a one-character CSI).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Explicit bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). The
# implicit marks (LRM, RLM, ALM) only nudge neutral characters and stay: Arabic and Hebrew need them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\r\n\u2028\u2029\x0b\x0c\x85]+")
ELLIPSIS = "…"


def strip_controls(text: str) -> str:
    """`text` without control characters (tab and newline stay; CR LF becomes LF) or bidi controls."""
    return _BIDI_CONTROLS.sub("", _CONTROLS.sub("", text.replace("\r\n", "\n")))


def neutralise_bidi(text: str) -> str:
    """`text` without explicit bidi embeddings, overrides and isolates."""
    return _BIDI_CONTROLS.sub("", text)


def one_line(text: str, max_chars: int) -> str:
    """A single display line: line breaks become spaces, controls and bidi overrides go, and text
    longer than `max_chars` ends in an ellipsis."""
    flat = strip_controls(_LINE_BREAKS.sub(" ", text)).replace("\t", " ")
    return elide(flat, max_chars)


def elide(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    return text[: max(0, max_chars - 1)].rstrip() + ELLIPSIS
