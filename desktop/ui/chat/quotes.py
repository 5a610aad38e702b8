"""Curly quotes in Latin text drawn by a Latin font.

The chat's font list puts the CJK fonts right after the UI font, and where the UI font is only a
fontconfig alias ("Sans Serif") Qt's document takes the CJK font for everything. A CJK font draws
“ ” ‘ ’ full-width, the way Chinese sets them: right inside Chinese, wide gaps in English ("the
“short” version" looked like "the “ short ” version"). So a quote with no CJK character next to it
is wrapped in `<span class="latin">`, which the chat's style sheet gives Latin fonts (style.py);
quotes touching Chinese keep the CJK look. The text itself is unchanged (copying, search, selection).

Pure Python, no Qt.
"""

from __future__ import annotations

import re

CLASS = "latin"
_QUOTES = "“”‘’"
_QUOTE = re.compile(f"[{_QUOTES}]")


def is_cjk(char: str) -> bool:
    """A CJK ideograph, kana or full-width form (text set without spaces, in a CJK font)."""
    return bool(char) and ("\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\uff00" <= char <= "\uffef")


def latin_quotes(escaped: str) -> str:
    """`escaped` (HTML-escaped text, no tags) with its Latin-context curly quotes in a span."""
    if not _QUOTE.search(escaped):
        return escaped

    def wrap(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        before = escaped[start - 1] if start > 0 else ""
        after = escaped[end] if end < len(escaped) else ""
        if is_cjk(before) or is_cjk(after):
            return match.group()
        return f'<span class="{CLASS}">{match.group()}</span>'

    return _QUOTE.sub(wrap, escaped)
