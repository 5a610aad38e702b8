"""The per-row view state (hover, selection, open details and reasoning, chips, "Copied") and its one
owner: every change goes through `RowStates`, which repaints the row or lays it out again."""

from __future__ import annotations

from collections.abc import Callable

from desktop.ui.chat.card_rows import CardState
from desktop.ui.chat.rows import RowState
from desktop.ui.chat.selection import Selection
from desktop.ui.chat.span import Span


class RowStates:
    def __init__(self, repaint: Callable[[int], None], relayout: Callable[[int], None]) -> None:
        self._states: dict[int, RowState] = {}
        self._repaint = repaint  # painting changes only (hover, selection)
        self._relayout = relayout  # the row's height may change
        self._hover: tuple[int, str] = (-1, "")
        self._focus: tuple[int, str] = (-1, "")
        self._marked = -1
        self.selection: Selection | None = None  # the selection when it stays inside one part of one row
        self.span: Span | None = None  # the selection, wherever it runs
        self.parts: list[Selection] = []  # what it selects: one range per part of each row, in reading order

    def get(self, message_id: int) -> RowState:
        """A row's state, to paint or hit-test it (read it; change it through the methods below)."""
        state = self._states.get(message_id)
        if state is None:
            state = self._states[message_id] = RowState()
        return state

    def keep(self, shown: Callable[[int], bool]) -> None:
        """Forget the rows that are no longer shown."""
        self._states = {k: v for k, v in self._states.items() if shown(k)}

    # -- painting only ------------------------------------------------------------------------------

    def hover(self, message_id: int, href: str) -> None:
        """The mouse is over `href` of a row (-1: over no row)."""
        self._hover = self._ring(self._hover, message_id, href, "hover")

    def focus(self, message_id: int, href: str) -> None:
        """The keyboard's ring is on `href` of a row (-1: on no row)."""
        self._focus = self._ring(self._focus, message_id, href, "focus")

    def mark(self, message_id: int) -> None:
        """The keyboard is on a row as a whole (-1: on none): a ring round the message."""
        if message_id != self._marked:
            for row in {self._marked, message_id} - {-1}:
                self.get(row).marked = row == message_id
                self._repaint(row)
            self._marked = message_id

    def _ring(self, previous: tuple[int, str], message_id: int, href: str, part: str) -> tuple[int, str]:
        """Move a painted mark (`part`: hover or focus) from where it was to `href` of a row."""
        if (message_id, href) != previous:
            for row in {previous[0], message_id} - {-1}:
                setattr(self.get(row), part, href if row == message_id else "")
                self._repaint(row)
        return (message_id, href)

    def select(self, selection: Selection | None) -> None:
        """Show a text selection inside one row (None: none); the view has at most one selection."""
        if selection is None:
            self.select_span(None, [])
        else:
            self.select_span(Span.of(selection), [selection])

    def select_span(self, span: Span | None, parts: list[Selection]) -> None:
        """Show a selection that may run across rows, cut into `parts` (see span.segments)."""
        before = {part.message_id for part in self.parts}
        self.span, self.parts = span, list(parts) if span is not None else []
        self.selection = self.parts[0] if len(self.parts) == 1 else None
        mine: dict[int, list[Selection]] = {}
        for part in self.parts:
            mine.setdefault(part.message_id, []).append(part)
        for message_id in sorted(before | set(mine)):
            state = self.get(message_id)
            found = mine.get(message_id, [])
            state.selection = found[0] if found else None
            state.more = found[1] if len(found) > 1 else None
            self._repaint(message_id)

    # -- changes that lay the row out again ---------------------------------------------------------

    def toggle_details(self, message_id: int) -> None:
        self.toggle(message_id)

    def toggle(self, message_id: int, step: int | None = None) -> None:
        """Open or close an error's details (`step` None) or one of the bot's steps under the answer."""
        state = self.get(message_id)
        if step is None:
            state.details = not state.details
        elif step >= 0:
            state.steps = state.steps - {step} if step in state.steps else state.steps | {step}
        self._relayout(message_id)

    def set_thinking(self, message_id: int, shown: bool) -> None:
        self.get(message_id).thinking = shown
        self._relayout(message_id)

    def set_chips(self, message_id: int, chips: tuple[str, ...]) -> None:
        self.get(message_id).chips = chips
        self._relayout(message_id)

    def set_card(self, message_id: int, card: CardState | None) -> None:
        state = self.get(message_id)
        if state.card != card:
            state.card = card
            self._relayout(message_id)

    def set_copied(self, message_id: int, href: str) -> None:
        self.get(message_id).copied = href
        self._relayout(message_id)
