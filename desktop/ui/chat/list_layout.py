"""How lists in answers are laid out by Qt: the space below a list, the room a number needs, the space
between a bullet and its text.

Qt's HTML import gets three things wrong for a chat answer:

- It gives a list's bottom margin to its last item's own line (the first block of that item), even when
  the item goes on with a nested list; and it gives a nested list's margin to the nested list's last
  item. So under a nested list the next item came a paragraph's gap down, not an item's, and under the
  last item of a list holding a nested list there were two paragraph gaps. `shape_lists` sets, on each
  list of the markdown's tokens, the margin that makes the rhythm of a flat list: an item's gap where
  the next item follows, a paragraph's where the whole list ends (a loose list's items: a paragraph's).
- It draws a number right-aligned one space left of its item's text, whatever its width: with the indent
  of one level (1.5 em), "100." began left of the page, into the bubble's edge. `shape_lists` widens
  the indent of a numbered list whose widest number needs it.
- It draws a bullet one space of its block's font left of the text, too close (`space_bullets`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markdown_it.token import Token
from PySide6.QtGui import QFontMetricsF, QTextCharFormat, QTextCursor, QTextDocument, QTextListFormat

from desktop.ui.chat.style import NUMBER_SUFFIX, ChatStyle

BULLETS = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare)
_OPEN = ("bullet_list_open", "ordered_list_open")
_CLOSE = ("bullet_list_close", "ordered_list_close")


@dataclass
class _List:
    """A list of the tokens: how many items, whether loose, and where it stands in the list around it."""

    open: Token
    parent: _List | None  # the list whose item holds this one directly
    item: int  # which item of `parent` holds it
    items: int = 0
    loose: bool = False  # its items are paragraphs (blank lines between them): a paragraph's gap apart
    ends_item: bool = False  # the last thing in its item
    ends_last_item: bool = False  # its last item ends with a nested list (whose last line gets the margin)
    below: float = 0.0  # the space wanted under its last line


def shape_lists(tokens: list[Token], style: ChatStyle) -> None:
    """Set the bottom margin of each list and the left margin a numbered list needs (see the module)."""
    lists: list[_List] = []
    opened: list[_List] = []
    items: list[Token] = []  # the list items open around the current token
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in _OPEN:
            holder = opened[-1] if opened and items and token.level == items[-1].level + 1 else None
            lists.append(_List(token, holder, holder.items - 1 if holder is not None else 0))
            opened.append(lists[-1])
        elif kind in _CLOSE and opened:
            opened.pop()
        elif kind == "list_item_open" and opened:
            opened[-1].items += 1
            items.append(token)
        elif kind == "list_item_close" and items:
            items.pop()
            before = tokens[index - 1].type
            if before in _CLOSE:
                nested = next(found for found in reversed(lists) if found.open.level == tokens[index - 1].level)
                nested.ends_item = True
        elif kind == "paragraph_open" and not token.hidden and opened and items:  # tight lists hide theirs
            opened[-1].loose |= token.level == items[-1].level + 1 == opened[-1].open.level + 2
    item_gap, gap = style.item_gap, style.gap
    metrics = QFontMetricsF(style.font)
    for found in lists:
        parent = found.parent
        if parent is None or not found.ends_item:
            found.below = gap  # a whole list ends, or a paragraph follows in its item
        elif found.item == parent.items - 1:
            found.below = parent.below  # the end of its parent's last item: its parent's end
            parent.ends_last_item = True
        else:
            found.below = gap if parent.loose else item_gap  # the next item of its parent follows
    for found in lists:
        below = item_gap if found.ends_last_item else found.below
        rules = [f"margin-bottom:{below}px"] if below != gap else []  # the style sheet's: a paragraph's gap
        if found.open.type == "ordered_list_open":
            widest = int(found.open.attrGet("start") or 1) + max(0, found.items - 1)
            room = metrics.horizontalAdvance(f"{widest}{NUMBER_SUFFIX}") + metrics.horizontalAdvance(" ")
            lacking = math.ceil(room - style.list_indent)  # Qt draws the number one space left of the text
            if lacking > 0:
                rules.append(f"margin-left:{lacking}px")  # Qt adds it to every block inside the list
        if rules:
            found.open.attrSet("style", ";".join(rules))


def space_bullets(doc: QTextDocument, style: ChatStyle) -> None:
    """Move the bullets of `doc`'s lists away from their text (`ChatStyle.bullet_stretch`).

    Qt draws a bullet one space of its block's font left of the text. That font (the block's, not its
    text's) is stretched: only the space it measures widens, the bullet keeps its size and the text its
    look. Numbered lists get their room from the style sheet (a no-break space after the number)."""
    if style.bullet_stretch == 100:
        return
    block = doc.begin()
    while block.isValid():
        items = block.textList()
        if items is not None and items.format().style() in BULLETS:
            char_format = block.charFormat()
            font = char_format.font()
            font.setStretch(style.bullet_stretch)
            char_format.setFont(font, QTextCharFormat.FontPropertiesInheritanceBehavior.FontPropertiesSpecifiedOnly)
            QTextCursor(block).setBlockCharFormat(char_format)
            if block.position() == 0:
                # Qt clears the first block's layout on this change without laying it out again.
                doc.markContentsDirty(0, block.length())
        block = block.next()
