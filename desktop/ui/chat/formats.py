"""How a laid-out line looks beyond its text: the formats of the fragments on it, as one number.

A streaming frame repaints from the first line that paints differently (`line_changes.first_difference`).
A line can keep its text and place and still change its look: the highlighter colours a code block as a
whole, so the closing `\"\"\"` of a docstring turns the lines above it from a string's colour to a
docstring's italics, and a wrapped line whose text did not change kept its old colours on screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock, QTextCharFormat

Span = tuple[int, int, int]  # start and end in the block, and the look of that fragment's format


def block_formats(block: QTextBlock, looks: dict[int, int]) -> list[Span]:
    """The fragments of `block` (positions within the block) with the look of each one's format; `looks`
    caches the look of the document's formats by index (a block has about one fragment a word)."""
    spans: list[Span] = []
    base = block.position()
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        index = fragment.charFormatIndex()
        look = looks.get(index)
        if look is None:
            look = looks[index] = _look(block.document().allFormats()[index].toCharFormat())
        start = fragment.position() - base
        spans.append((start, start + fragment.length(), look))
        it += 1
    return spans


def line_look(spans: list[Span], start: int, end: int) -> int:
    """The look of the text from `start` to `end` of a block whose fragments are `spans`."""
    return hash(tuple((max(a, start), min(b, end), look) for a, b, look in spans if a < end and b > start))


def _look(fmt: QTextCharFormat) -> int:
    background = fmt.background()
    return hash(
        (
            fmt.foreground().color().rgba(),
            background.color().rgba() if background.style() != Qt.BrushStyle.NoBrush else None,
            fmt.fontItalic(),
            fmt.fontWeight(),
            fmt.fontUnderline(),
            fmt.fontStrikeOut(),
            fmt.fontPointSize(),
            tuple(fmt.fontFamilies() or ()),
            fmt.anchorHref(),
            fmt.verticalAlignment(),
            fmt.isImageFormat(),
        )
    )
