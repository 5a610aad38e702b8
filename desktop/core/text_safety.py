"""Text from a server or a file, made safe to show: no control characters, no bidi overrides, bounded.

Remote text (bot names, titles, error messages, answers) is data. On a terminal a control character
is a command (ESC sequences retitle and clear it); in a label, a bidi override turns `exe.txt` into
`txt.exe`. Qt-free: the CLI and the widgets share it.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline, DEL, and C1 controls (U+009B is a one-character CSI).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Explicit bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). The
# implicit marks (LRM, RLM, ALM) only nudge neutral characters and stay: Arabic and Hebrew need them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\r\n\u2028\u2029\x0b\x0c\x85]+")
ELLIPSIS = "…"
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"
LEFT_TO_RIGHT_MARK, RIGHT_TO_LEFT_MARK = "\u200e", "\u200f"
_RIGHT_TO_LEFT = frozenset(("R", "AL", "AN"))  # Hebrew, Arabic (and its digits), Syriac, Thaana…


def strip_controls(text: str) -> str:
    """`text` without control characters (tab and newline stay; CR LF becomes LF) or bidi controls."""
    return _BIDI_CONTROLS.sub("", _CONTROLS.sub("", text.replace("\r\n", "\n")))


def neutralise_bidi(text: str) -> str:
    """`text` without explicit bidi embeddings, overrides and isolates."""
    return _BIDI_CONTROLS.sub("", text)


def isolate(text: str, lead: str = "") -> str:
    """`text` to set among other words ("{title} — Coze Desktop"), so its direction stays inside it: bidi
    controls stripped and, when it holds a right-to-left character, wrapped in FIRST STRONG ISOLATE …
    POP DIRECTIONAL ISOLATE. Otherwise a Hebrew or Arabic title takes the line's direction and shows as
    "Coze Desktop — <title>", and its digits or punctuation pull the words around them into its order.
    `lead` (a direction mark, LRM or RLM) goes before an isolated text that starts the line: a window
    manager's title bar (openbox's, through Pango) takes the line's direction from the first strong letter
    it finds, inside an isolate too."""
    text = neutralise_bidi(text)
    if any(unicodedata.bidirectional(char) in _RIGHT_TO_LEFT for char in text):
        return f"{lead}{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text


def one_line(text: str, max_chars: int) -> str:
    """A single display line: line breaks become spaces, controls and bidi overrides go, and text
    longer than `max_chars` ends in an ellipsis."""
    flat = strip_controls(_LINE_BREAKS.sub(" ", text)).replace("\t", " ")
    return elide(flat, max_chars)


def elide(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    return text[: max(0, max_chars - 1)].rstrip() + ELLIPSIS
