"""Where the reader is in a chat, to come back to when the chat is shown again (a sync re-reads it): the
message at the top of the view and how far down it sits, and the selection (a search hit's words).
A view at the bottom has no place: it follows the newest message, which is where it goes back to."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.ui.chat.list_view import MessageListView
from desktop.ui.chat.selection import Selection
from desktop.ui.chat.span import Span


@dataclass(frozen=True)
class Place:
    message_id: int  # the message at the top of the view
    top: int  # its top, relative to the view's top
    span: Span | None  # the selection, and the parts of rows it selects
    parts: tuple[Selection, ...]


def place_of(view: MessageListView) -> Place | None:
    """The reader's place in `view`; None when it follows the bottom (or shows nothing)."""
    anchor = view.anchor()
    if view.following or anchor is None:
        return None
    return Place(anchor[0], anchor[1], view.rows.span, tuple(view.rows.parts))


def go_back(view: MessageListView, place: Place, shown: set[int]) -> None:
    """Put `view` back at `place`, as far as its messages are `shown` (the selection only if all of it is)."""
    if place.message_id in shown:
        view.scroll_to(place.message_id, place.top)
    if place.span is not None and all(part.message_id in shown for part in place.parts):
        view.rows.select_span(place.span, list(place.parts))
