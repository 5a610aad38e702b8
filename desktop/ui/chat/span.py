"""A selection that may run across messages: from an anchor to a focus, each a text position in a part
(answer or reasoning) of a message. It is cut into one `Selection` per part of every row it covers,
which is what the rows paint and what is copied.

Parts in reading order: a row's reasoning (when it is open) comes before its answer. Everything between
the two ends is selected whole; a closed reasoning is skipped unless an end is in it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desktop.ui.chat.selection import CONTENT, REASONING, Selection, Spot

START = Spot(0, 0)
END = Spot(1 << 30, 1 << 30)  # past the last character of any part (page_range clamps it)


@dataclass(frozen=True)
class End:
    """One end of a selection: a text position in a part of a message."""

    message_id: int
    part: str
    spot: Spot


@dataclass(frozen=True)
class Span:
    anchor: End
    focus: End

    @classmethod
    def of(cls, selection: Selection) -> Span:
        return cls(
            End(selection.message_id, selection.part, selection.anchor),
            End(selection.message_id, selection.part, selection.focus),
        )

    @property
    def empty(self) -> bool:
        return self.anchor == self.focus

    def to(self, focus: End) -> Span:
        return Span(self.anchor, focus)


def _key(end: End, row_of: Callable[[int], int]) -> tuple[int, int, Spot]:
    return (row_of(end.message_id), 0 if end.part == REASONING else 1, end.spot)


def ordered(span: Span, row_of: Callable[[int], int]) -> tuple[End, End]:
    """The ends in reading order."""
    if _key(span.anchor, row_of) <= _key(span.focus, row_of):
        return span.anchor, span.focus
    return span.focus, span.anchor


def segments(
    span: Span,
    row_of: Callable[[int], int],
    message_at: Callable[[int], int],
    reasoning_shown: Callable[[int], bool],
) -> list[Selection]:
    """The selected range of every part the span covers, in reading order ([] if an end is not shown)."""
    start, end = ordered(span, row_of)
    first, last = row_of(start.message_id), row_of(end.message_id)
    if first < 0 or last < 0:
        return []
    found: list[Selection] = []
    for row in range(first, last + 1):
        message_id = message_at(row)
        for part in (REASONING, CONTENT):
            at_start = row == first and part == start.part
            at_end = row == last and part == end.part
            before = row == first and part == REASONING and start.part == CONTENT
            after = row == last and part == CONTENT and end.part == REASONING
            if before or after:
                continue
            if part == REASONING and not (at_start or at_end or reasoning_shown(message_id)):
                continue
            found.append(Selection(message_id, part, start.spot if at_start else START, end.spot if at_end else END))
    return [s for s in found if not s.empty]


def is_whole(selection: Selection) -> bool:
    """Does it cover its part from the first character to the last?"""
    return selection.span() == (START, END)
