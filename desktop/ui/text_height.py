"""How tall a plain-text box must be to show its text without a scroll bar, from the laid-out blocks.

Counting lines and multiplying by the widget font's line spacing undercounts as soon as a line falls
back to another font: one line of Chinese in a Latin UI font is taller (Noto Sans CJK: 18 px against
14 px for DejaVu Sans at the same size) and showed a scroll bar with arrows in a one-line message box.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QPlainTextEdit

from desktop.ui.chat.style import CJK_SANS


def line_height(font: QFont) -> float:
    """The taller of the font's own line and a Chinese line in the same size (the fallback font's)."""
    cjk = QFont(font)
    cjk.setFamilies(CJK_SANS)
    # Laid-out lines are whole pixels tall: round up as the layout does.
    return float(math.ceil(max(QFontMetricsF(font).lineSpacing(), QFontMetricsF(cjk).lineSpacing())))


def fitted_height(edit: QPlainTextEdit, min_lines: int, max_lines: int) -> tuple[int, bool]:
    """The outer height that shows `edit`'s text whole: at least `min_lines`, at most `max_lines` lines,
    and whether the text is taller than that (then the box scrolls). Blocks are summed only up to the
    limit, so a pasted novel costs no more than ten lines."""
    line = line_height(edit.font())
    limit = max_lines * line
    margin = edit.document().documentMargin()
    content = 0.0
    block = edit.document().firstBlock()
    while block.isValid() and content <= limit:
        content += edit.blockBoundingRect(block).height()
        block = block.next()
    if not block.isValid():
        content -= margin  # the last block's rectangle includes the bottom margin
    scrolls = content > limit
    content = min(max(content, min_lines * line), limit)
    margins = edit.contentsMargins()
    # + 1: QPlainTextEdit counts a line as visible when it ends above the viewport's height - margin - 1.
    return math.ceil(content + 2 * margin) + 1 + margins.top() + margins.bottom(), scrolls
