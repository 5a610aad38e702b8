"""A long question's bubble shown folded: its first FOLD_CHARS characters (or FOLD_LINES lines) and "Show all".

A question pasted whole (a document, a log) made a bubble of millions of characters: its documents were
converted and laid out page by page while the answer streamed, and the bubble filled screens. Folded, the
bubble lays out at most FOLD_CHARS characters until "Show all" is clicked; the question itself (what is
stored, sent, copied and exported) is never cut. The delegate keeps which rows are open (`MessageDelegate.
toggle_fold`); an export on paper (`MessageDelegate.actions` False) shows every question whole.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QFontMetricsF

from desktop.core.attachments.copies import question_files
from desktop.core.coze.content import OBJECT_STRING
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.labels import Label
from desktop.ui.chat.style import ChatStyle

FOLD_CHARS = 800
FOLD_LINES = 12
SHOW_ALL = "action:show-all"


def is_long(text: str) -> bool:
    """Text too long to show whole at first in a question's bubble."""
    return len(text) > FOLD_CHARS or text.count("\n") >= FOLD_LINES


def folded(text: str) -> str:
    """The start of `text` shown in a folded bubble: up to FOLD_CHARS characters or FOLD_LINES lines, then "…"."""
    end = min(len(text), FOLD_CHARS)
    start = 0
    for _ in range(FOLD_LINES):
        start = text.find("\n", start, end) + 1
        if not start:
            break
    else:
        end = start - 1
    return text if end >= len(text) else text[:end].rstrip() + "…"


def fold_label(item: MessageItem, open_: bool, room: QRectF, style: ChatStyle) -> Label:
    """ "Show all (N characters)" under a folded question's bubble, "Show less" under an open one: a link in
    the accent colour at the left of `room`."""
    if open_:
        text = QCoreApplication.translate("ChatView", "Show less")
    else:
        whole = (
            question_files(item.content, item.content_type)[0] if item.content_type == OBJECT_STRING else item.content
        )
        text = QCoreApplication.translate("ChatView", "Show all ({count} characters)").format(count=f"{len(whole):,}")
    width = min(QFontMetricsF(style.small).horizontalAdvance(text) + 2, room.width())
    return Label(QRectF(room.x(), room.y(), width, room.height()), text, style.small, style.accent, SHOW_ALL)
