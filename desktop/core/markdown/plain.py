"""Markdown as one line of plain text, for search snippets and sidebar previews: no `##`, `**`, `>`,
`|` or fences, just the words, with the app's own dialect (CJK-friendly emphasis included).

Written here rather than taken from `mdit-plain` (1.0.1): that renderer glues table cells together
("NameAge"), keeps a space at CJK line breaks, builds its output by repeated string concatenation and
has no type hints. This is a walk over markdown-it's tokens with the same result shape.

Search snippets are fragments (they start and end mid-block): a table row without its delimiter row
is not a table to the parser, so leftover row pipes are turned into separators afterwards.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from desktop.core.markdown.parser import make_parser

_PARSER = make_parser()
_SPACES = re.compile(r"\s+")
_DELIMITER_ROW = re.compile(r"^[\s|:-]*-[\s|:-]*$")
_CELL_PIPE = re.compile(r"\s*(?<!\\)\|\s*")
# Markers left in fragments (a heading or emphasis whose other half is outside the snippet).
_STRAY = re.compile(r"(?<!\S)(?:#{1,6}|>)(?=\s)|(?<!\S)(?:\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|~~)(?!\S)")
_LINE_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)")
_BLOCK_BREAKS = frozenset(
    {"paragraph_close", "heading_close", "list_item_close", "tr_close", "fence", "code_block", "hr", "blockquote_close"}
)


def plain_text(markdown: str, picture: str = "") -> str:
    """`markdown` as plain words on one line (blocks and table cells separated, whitespace collapsed).

    A picture is its alt text, after `picture` (a mark such as "🖼") when one is given."""
    if not markdown.strip():
        return ""
    parts: list[str] = []
    for token in _PARSER.parse(markdown):
        if token.type == "inline":
            parts.append(_inline(token.children or [], picture))
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
        elif token.type in ("th_close", "td_close"):
            parts.append(" · ")
        if token.type in _BLOCK_BREAKS:
            parts.append("\n")
    return _SPACES.sub(" ", " ".join(_plain_line(line) for line in "".join(parts).split("\n"))).strip()


def _plain_line(line: str) -> str:
    line = _LINE_MARKS.sub("", line).strip()
    if _DELIMITER_ROW.match(line):
        return ""
    if line.startswith("|") or line.endswith("|"):  # a table row the fragment did not show as a table
        line = _CELL_PIPE.sub(" · ", line.strip("|").strip())
    return _STRAY.sub("", line).strip().strip("·").strip()


def _inline(children: list[Token], picture: str = "") -> str:
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            alt = _inline(child.children or [])
            out.append(f" {picture} {alt} " if picture else alt)  # spaces collapse later
    return "".join(out)
