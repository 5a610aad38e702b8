"""What a selection across messages copies: plain text (Ctrl+C) or Markdown (Ctrl+Shift+C).

A part selected whole copies its message's text: as plain text (Markdown markers taken out) or as the
Markdown itself. A part selected in part copies what the screen shows there, as plain text in both
modes (a stretch of a rendered table or list has no Markdown of its own). Parts of one message and
messages are separated by a blank line.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.markdown.plain import plain_text
from desktop.ui.chat import selection as selections
from desktop.ui.chat.delegate import MessageDelegate
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.selection import REASONING, Selection, Spot
from desktop.ui.chat.span import START
from desktop.ui.chat.streaming import StreamingDocument

FULL_BUDGET = 1 << 30  # characters: build a document at once (an end of a selection is not in view)


def _covers(doc: StreamingDocument, selection: Selection) -> bool:
    start, end = selection.span()
    last = doc.page(doc.page_count() - 1) if doc.page_count() else None
    if last is None:
        return start <= START
    return start <= START and end >= Spot(doc.page_count() - 1, last.doc.characterCount() - 1)


def _source(delegate: MessageDelegate, item: MessageItem, part: str) -> str:
    return item.reasoning if part == REASONING else delegate.whole_text(item)


def copied_text(
    delegate: MessageDelegate,
    find: Callable[[int], MessageItem | None],
    parts: list[Selection],
    *,
    markdown: bool = False,
) -> str:
    pieces: list[tuple[int, str]] = []
    for selection in parts:
        item = find(selection.message_id)
        if item is None:
            continue
        rendered = delegate.cached(item.id)
        doc = None if rendered is None else rendered.reasoning if selection.part == REASONING else rendered.content
        whole = selection.span()[1].page >= 1 << 30 and selection.span()[0] <= START
        if not whole and doc is None:  # an end far from the view: build its documents now
            delegate.sync(item, FULL_BUDGET)
            rendered = delegate.cached(item.id)
            assert rendered is not None
            doc = rendered.reasoning if selection.part == REASONING else rendered.content
        if whole or (doc is not None and _covers(doc, selection)):
            source = _source(delegate, item, selection.part)
            text = source if markdown or item.is_user else plain_text(source)
        else:
            assert doc is not None
            text = selections.selected_text(doc, selection)
        pieces.append((item.id, text.strip("\n")))
    return "\n\n".join(text for _id, text in pieces if text)
