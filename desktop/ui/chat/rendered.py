"""A message row's cached documents and row layout, and what tells the delegate they must be built again.

`Rendered` is what `MessageDelegate` keeps per message; `item_key` is the part of a message its row's layout
depends on (besides the documents, the row's state and the width); `changed_from` says from which y a row's
painting changed when only its documents grew.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.rows import RowLayout
from desktop.ui.chat.streaming import StreamingDocument

INF = float("inf")


@dataclass
class Rendered:
    content: StreamingDocument
    reasoning: StreamingDocument
    generation: int = 0  # bumped whenever the documents change
    layout: RowLayout | None = None
    layout_key: tuple[object, ...] = ()
    changed: tuple[float, float] = (INF, INF)  # document y from which content, reasoning changed since `layout`
    dirty: float = 0.0  # row y from which the painting changed since `take_dirty` (0: all of it)
    caret: float = INF  # row y of the streaming caret as last painted (INF: none): where a repaint must erase it


def item_key(item: MessageItem) -> tuple[object, ...]:
    return (
        item.status,
        item.error_sentence,
        item.error_action,
        item.error_details,
        item.error_settings,
        item.input_tokens,
        item.output_tokens,
        item.created_at,
        item.duration,
        item.sender_name,
        bool(item.content),
        bool(item.reasoning),
        item.feedback,
        item.can_rework,
        item.version,
        item.versions,
        item.steps,
        item.shortcut,
    )


def changed_from(old: RowLayout, new: RowLayout, changed: tuple[float, float]) -> float:
    """Where (row y) the painting of a row changed when only its documents grew since `old`."""
    content, reasoning = changed
    dirty = INF
    if reasoning < INF:
        if new.reasoning is None or old.reasoning != new.reasoning:
            return 0.0
        dirty = new.reasoning.y() + reasoning
    if old.content != new.content:
        dirty = min(dirty, old.content.y(), new.content.y())
    elif content < INF:
        dirty = min(dirty, new.content.y() + content)
    return dirty
