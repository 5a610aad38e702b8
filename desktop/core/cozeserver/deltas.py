"""Cutting an answer into stream deltas the way Coze's models emit them."""

from __future__ import annotations

import itertools
import random
import re

# A unit is optional leading whitespace plus one word, or one other character (CJK, punctuation);
# whitespace at the very end is its own unit. Units concatenate back to the text exactly.
_UNIT = re.compile(r"\s*(?:[A-Za-z0-9_']+|[^\sA-Za-z0-9_'])|\s+\Z")
_WORD = re.compile(r"\s*[A-Za-z0-9_']")
_WORD_GROUPS = (1, 1, 1, 1, 1, 1, 2, 2, 3)  # English: mostly one word per delta
_CJK_GROUPS = (1, 1, 1, 2, 2, 2, 2, 3, 4)  # Chinese: mostly one or two characters


def split_deltas(text: str, rng: random.Random) -> list[str]:
    """Pieces of 1-4 characters or words; `"".join(result) == text`."""
    units = _UNIT.findall(text)
    pieces: list[str] = []
    i = 0
    while i < len(units):
        groups = _WORD_GROUPS if _WORD.match(units[i]) else _CJK_GROUPS
        take = rng.choice(groups)
        pieces.append("".join(units[i : i + take]))
        i += take
    return pieces


def split_even(text: str, count: int) -> list[str]:
    """`count` pieces of (nearly) equal length, fewer only if the text is shorter (benchmark streams)."""
    count = max(1, min(count, len(text)))
    bounds = [len(text) * i // count for i in range(count + 1)]
    return [text[start:end] for start, end in itertools.pairwise(bounds)] if text else []
