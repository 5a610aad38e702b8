"""The CommonMark CJK-friendly amendment for emphasis (`*`, `**`, `_`, `__`, `~~`) in markdown-it-py.

CommonMark's flanking rule fails on the most common shape of Chinese LLM output: in
`**先检查：**输入内容` the closing `**` follows full-width punctuation and precedes a CJK character,
so it can neither close nor open and the asterisks show. The amendment (the `markdown-cjk-friendly`
specification, proposed as commonmark-spec issue 650) counts CJK characters differently:

- a run is left-flanking if (1) it is not followed by whitespace and (2a) not followed by a non-CJK
  punctuation character, or (2b) followed by one and preceded by whitespace, punctuation, a CJK
  character (optionally with a variation selector) or an ideographic variation selector;
- a run is right-flanking if (1) it is not preceded by whitespace and (2a) not preceded by a non-CJK
  punctuation character, or (2b) preceded by one and followed by whitespace, non-CJK punctuation or a
  CJK character;
- `_` may open when left-flanking and (not right-flanking, or preceded by punctuation) — unchanged
  except that a variation selector after the punctuation is looked through.

Without a CJK character on either side this is exactly CommonMark. The amendment is applied by
wrapping markdown-it's own `emphasis` and `strikethrough` tokenizers and correcting the open/close
flags of the delimiters they add, only on the parser it is installed on (no global patching).

Why not the `mdit-py-cjk-friendly` package: it requires markdown-it-py < 4 (we run 4), it
monkey-patches `StateInline.scanDelims` for the whole process at import time, and it lets `_` open
after any CJK character, which the specification does not (`变量_名_称` stays literal here).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline import emphasis, strikethrough
from markdown_it.rules_inline.state_inline import StateInline

InlineRule = Callable[[StateInline, bool], bool]

# Wide characters below U+2E80 are emoji (default emoji presentation) except these two angle brackets.
_WIDE_NON_EMOJI_BELOW_CJK = (0x2329, 0x232A)
# Squared ideographs (U+1F200 block) are CJK unless they have an emoji presentation by default.
_SQUARED_EMOJI = frozenset(
    [0x1F201, 0x1F21A, 0x1F22F, *range(0x1F232, 0x1F237), *range(0x1F238, 0x1F23B), 0x1F250, 0x1F251]
)
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xFFA0, 0xFFDC))


def is_cjk(char: str) -> bool:
    """East Asian Width W, F or H and not an emoji by default, or Hangul (the specification's "CJK character")."""
    code = ord(char)
    if code < 0x1100:
        return False
    if any(low <= code <= high for low, high in _HANGUL):
        return True
    if unicodedata.east_asian_width(char) not in ("W", "F", "H"):
        return False
    if code < 0x2E80:
        return code in _WIDE_NON_EMOJI_BELOW_CJK
    if 0x1F000 <= code <= 0x1FAFF:
        return 0x1F200 <= code <= 0x1F2FF and code not in _SQUARED_EMOJI
    return True


def _is_variation_selector(char: str) -> bool:
    """A non-emoji general-use variation selector (U+FE00-U+FE0E; U+FE0F asks for an emoji)."""
    return "\ufe00" <= char <= "\ufe0e"


def _is_ideographic_variation_selector(char: str) -> bool:
    return "\U000e0100" <= char <= "\U000e01ef"


def _is_punct(char: str) -> bool:
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


def flanking(src: str, start: int, end: int, limit: int) -> tuple[bool, bool]:
    """Whether the delimiter run `src[start:end]` can open and can close (`limit`: where the inline ends)."""
    marker = src[start]
    before = src[start - 1] if start > 0 else " "
    ivs_before = _is_ideographic_variation_selector(before)
    if _is_variation_selector(before) and start > 1:
        before = src[start - 2]  # a CJK or punctuation sequence: judge the base character
    after = src[end] if end < limit else " "

    space_before, space_after = isWhiteSpace(ord(before)), isWhiteSpace(ord(after))
    punct_before, punct_after = _is_punct(before), _is_punct(after)
    cjk_before, cjk_after = is_cjk(before) or ivs_before, is_cjk(after)
    other_punct_before = punct_before and not cjk_before
    other_punct_after = punct_after and not cjk_after

    left = not space_after and (not other_punct_after or space_before or punct_before or cjk_before)
    right = not space_before and (not other_punct_before or space_after or other_punct_after or cjk_after)
    if marker != "_":
        return left, right
    return left and (not right or punct_before), right and (not left or punct_after)


def _amended(tokenize: InlineRule) -> InlineRule:
    def rule(state: StateInline, silent: bool) -> bool:
        start, first = state.pos, len(state.delimiters)
        if not tokenize(state, silent):
            return False
        added = state.delimiters[first:]
        if added:
            can_open, can_close = flanking(state.src, start, state.pos, state.posMax)
            for delimiter in added:
                delimiter.open, delimiter.close = can_open, can_close
        return True

    return rule


def cjk_friendly_emphasis(md: MarkdownIt) -> None:
    """markdown-it-py plugin: `md.use(cjk_friendly_emphasis)` (keeps which rules are enabled)."""
    md.inline.ruler.at("emphasis", _amended(emphasis.tokenize))
    md.inline.ruler.at("strikethrough", _amended(strikethrough.tokenize))
