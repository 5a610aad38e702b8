"""Code highlighting with Pygments, one HTML fragment per line with inline styles QTextDocument understands.

Lines (not one `<pre>`) because the view paints the code block's box itself and finds its lines by
their block state; a token that spans lines (a docstring) is split at each newline.
"""

from __future__ import annotations

import html
from functools import lru_cache

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.styles import get_style_by_name
from pygments.token import Token, _TokenType
from pygments.util import ClassNotFound

LIGHT_STYLE = "default"
DARK_STYLE = "github-dark"
#: Longer code is shown without colors: some lexers backtrack badly, and nobody reads 100 KB of colors.
MAX_HIGHLIGHT = 60_000


@lru_cache(maxsize=64)
def _lexer(lang: str) -> Lexer | None:
    if not lang:
        return None
    try:
        return get_lexer_by_name(lang.lower(), stripnl=False, ensurenl=False, stripall=False)
    except ClassNotFound:
        return None


@lru_cache(maxsize=4)
def _styles(style_name: str) -> dict[_TokenType, str]:
    style = get_style_by_name(style_name)
    result: dict[_TokenType, str] = {}
    for token_type, info in style:
        css = []
        if info["color"]:
            css.append(f"color:#{info['color']}")
        if info["bold"]:
            css.append("font-weight:bold")
        if info["italic"]:
            css.append("font-style:italic")
        result[token_type] = ";".join(css)
    return result


def _css_for(styles: dict[_TokenType, str], token_type: _TokenType) -> str:
    while token_type not in styles and token_type.parent is not None:
        token_type = token_type.parent
    return styles.get(token_type, "")


def highlight_lines(code: str, lang: str, dark: bool) -> list[str]:
    """Escaped HTML for each line of `code` (no trailing empty line), colored when `lang` is known."""
    if code.endswith("\n"):
        code = code[:-1]
    lexer = _lexer(lang) if len(code) <= MAX_HIGHLIGHT else None
    if lexer is None:
        return [html.escape(line, quote=False) for line in code.split("\n")]
    styles = _styles(DARK_STYLE if dark else LIGHT_STYLE)
    lines: list[str] = []
    current: list[str] = []
    for token_type, value in lexer.get_tokens(code):
        css = _css_for(styles, token_type) if token_type is not Token.Text else ""
        pieces = value.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                lines.append("".join(current))
                current = []
            if piece:
                escaped = html.escape(piece, quote=False)
                plain = not css or piece.isspace()
                current.append(escaped if plain else f'<span style="{css}">{escaped}</span>')
    lines.append("".join(current))
    if len(lines) > 1 and lines[-1] == "" and not code.endswith("\n"):
        # Some lexers add a final newline token of their own.
        lines.pop()
    return lines


def style_background(dark: bool) -> str:
    """The background color the Pygments style was designed for (hex)."""
    return str(get_style_by_name(DARK_STYLE if dark else LIGHT_STYLE).background_color)
