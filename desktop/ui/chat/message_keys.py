"""The keyboard's way to what the mouse does on a message. Shift+Tab from the message box (or Tab from
above) puts a ring round the latest message; Up and Down go from message to message (a message taller
than the view scrolls first), Home and End to the first and the latest; Enter or Ctrl+C copies it, the
Menu key or Shift+F10 opens its menu (the one a right click opens); Tab rings its buttons one by one
(Copy, Like, Regenerate… and the suggested questions under the last answer), Enter or Space presses the
ringed one, Esc goes back to the message box. The keys are the `message_*` commands of commands.py,
listed in Help ▸ Keyboard shortcuts. The rows are painted, not widgets: the list carries the ringed
message's (or button's) name and description for screen readers, as card_keys.py does for a card.

A live chatflow card has the keyboard first (card_keys.py): while its ring is on, these keys are its.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QContextMenuEvent, QFocusEvent, QKeyEvent, QKeySequence

from desktop.core.markdown.plain import plain_text
from desktop.ui.chat.actions import Act, RowAction, parse_href
from desktop.ui.chat.card_rows import readable
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.list_view import MessageListView
from desktop.ui.chat.model import ChatModel
from desktop.ui.chat.row_buttons import Button, row_buttons
from desktop.ui.chat.waiting import WAITING_ID

ENTERING = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason, Qt.FocusReason.ShortcutFocusReason)
RETURNING = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)
MAX_SPOKEN = 2_000  # characters of a message a screen reader is given as its name


def _is(event: QKeyEvent, *keys: str) -> bool:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeySequence(modifiers.value | event.key()) in [QKeySequence(key) for key in keys]


class MessageKeys(QObject):
    """Installed on the message list (before CardKeys, so a card's ring is served first). `back` gives the
    message box the focus, `card_ring` says whether a card has the keyboard; whoever owns both sets them."""

    def __init__(self, view: MessageListView, model: ChatModel) -> None:
        super().__init__(view)
        self._view, self._model = view, model
        self.back: Callable[[], object] = lambda: None
        self.card_ring: Callable[[], bool] = lambda: False
        self._at = -1  # the message with the ring (-1: none)
        self._href = ""  # the button of it with the ring ("": the message as a whole)
        self._own_name: tuple[str, str] | None = None  # the list's own words, given back when the ring goes
        view.installEventFilter(self)
        model.modelReset.connect(self._forget_gone)
        model.rowsRemoved.connect(self._forget_gone)

    @property
    def current(self) -> tuple[int, str]:
        """(message id, href of its ringed button or "") where the keyboard is; (-1, "") when nowhere."""
        return self._at, self._href

    def go(self, message_id: int, href: str = "", *, downwards: bool = True, scroll: bool = True) -> None:
        """Ring a message (and one of its buttons), scroll it (or the button) into view unless not `scroll` and
        some of it shows (back from a button or a menu: a long message stays where it was), tell a screen reader."""
        if self._own_name is None:
            self._own_name = (self._view.accessibleName(), self._view.accessibleDescription())
        self._at, self._href = message_id, href
        button = self._button()
        top, height = self._geometry(message_id)
        if scroll or height == 0 or top >= self._view.viewport().height() or top + height <= 0:
            if button is None:
                self._reveal(message_id, downwards)
            else:
                self._reveal_part(message_id, button.rect)
        self._view.rows.mark(message_id)
        self._view.rows.focus(message_id if href else -1, href)
        self._announce()

    def leave(self, keep: bool = False) -> None:
        """The ring goes (`keep`: it comes back where it was when the window is active again)."""
        if self._at >= 0 or self._own_name is not None:
            if not keep:
                self._at, self._href = -1, ""
            self._view.rows.mark(-1)
            self._view.rows.focus(-1, "")
        if self._own_name is not None:
            self._view.setAccessibleName(self._own_name[0])
            self._view.setAccessibleDescription(self._own_name[1])
            self._own_name = None

    # -- events -------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._view:
            return False
        kind = event.type()
        if kind == QEvent.Type.FocusIn and isinstance(event, QFocusEvent) and not self.card_ring():
            self._focus_in(event.reason())
        elif kind == QEvent.Type.FocusOut and isinstance(event, QFocusEvent):
            if event.reason() != Qt.FocusReason.PopupFocusReason:  # (its menu: the ring stays while it shows)
                self.leave(keep=event.reason() == Qt.FocusReason.ActiveWindowFocusReason)  # (a dialog, another app)
        elif self.card_ring():
            return False
        elif isinstance(event, QContextMenuEvent) and event.reason() == QContextMenuEvent.Reason.Keyboard:
            return self._menu()  # the Menu key (the platform sends it as this event)
        elif kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and self._copies(event):
            event.accept()  # Ctrl+C without a selection: the message's, not Edit ▸ Copy's (which has nothing)
            return True
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return False

    def _focus_in(self, reason: Qt.FocusReason) -> None:
        if reason in ENTERING:
            last = self._neighbour(self._model.rowCount(), -1)
            if last >= 0:
                self.go(last, downwards=False)
        elif reason in RETURNING and self._at >= 0 and self._model.find(self._at) is not None:
            self.go(self._at, self._href, scroll=False)

    def _copies(self, event: QKeyEvent) -> bool:
        span = self._view.rows.span
        return event.matches(QKeySequence.StandardKey.Copy) and self._at >= 0 and (span is None or span.empty)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step(1 if key == Qt.Key.Key_Down else -1)
        elif plain and key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self._ends(key == Qt.Key.Key_End)
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            return self._tab(key == Qt.Key.Key_Tab and not event.modifiers())
        elif self._at < 0:
            return False
        elif _is(event, "Return", "Enter") or (self._href and _is(event, "Space")):
            self._press()
        elif self._copies(event):
            self._view.trigger(self._at, RowAction(Act.COPY))
        elif _is(event, "Shift+F10"):
            self._menu()
        elif _is(event, "Esc") and self._view.rows.span is None:
            self.leave()
            self.back()
        else:
            return False  # (Esc with a selection: the list clears it)
        return True

    # -- moving -------------------------------------------------------------------------------------

    def _neighbour(self, row: int, step: int) -> int:
        """The id of the first message from `row` + `step` on, going by `step` (-1: none)."""
        row += step
        while 0 <= row < self._model.rowCount():
            item = self._model.item(row)
            if not item.divider and item.id != WAITING_ID:
                return item.id
            row += step
        return -1

    def _step(self, step: int) -> None:
        row = self._model.row_of(self._at)
        if row < 0:
            anchor = self._view.anchor()  # the first message in view
            if anchor is not None:
                row = self._model.row_of(anchor[0]) - step
        top, height = self._geometry(self._at)
        view_height = self._view.viewport().height()
        if self._at >= 0 and (top + height > view_height if step > 0 else top < 0):
            bar = self._view.verticalScrollBar()  # the rest of a long message first
            bar.setValue(bar.value() + step * max(bar.singleStep(), view_height // 3))
            return
        found = self._neighbour(row, step)
        if found >= 0:
            self.go(found, downwards=step > 0)

    def _ends(self, latest: bool) -> None:
        found = self._neighbour(self._model.rowCount(), -1) if latest else self._neighbour(-1, 1)
        if latest:
            self._view.scroll_to_bottom()
        else:
            self._view.verticalScrollBar().setValue(0)  # (at the top: older messages may come)
        if found >= 0:
            self.go(found, downwards=not latest)

    def _geometry(self, message_id: int) -> tuple[int, int]:
        """A message's top in the viewport and its height (0 when it is not laid out)."""
        item = self._model.find(message_id)
        point = self._view.viewport_point(message_id, QPointF(0, 0))
        if item is None or point is None:
            return 0, 0
        layout = self._view.delegate.layout(item, self._view.rows.get(message_id), self._view.row_width)
        return point.y(), layout.height if layout is not None else 0

    def _reveal(self, message_id: int, downwards: bool) -> None:
        """Scroll a message into view: all of it if it fits, else its top (going down) or its bottom."""
        view_height = self._view.viewport().height()
        top, height = self._geometry(message_id)
        if height == 0:
            self._view.scroll_to(message_id, 0)  # far away: laid out once it is in view
            top, height = self._geometry(message_id)
        if top >= 0 and top + height <= view_height:
            return
        if height > view_height:
            self._view.scroll_to(message_id, 0 if downwards else view_height - height)
        elif self._model.row_of(message_id) == self._model.rowCount() - 1 and top + height > view_height:
            self._view.scroll_to_bottom()
        else:
            self._view.scroll_to(message_id, 0 if top < 0 else view_height - height)

    def _reveal_part(self, message_id: int, rect: QRectF) -> None:
        """Scroll a part of a message (row coordinates: a button) into view, with a line around it."""
        top, _height = self._geometry(message_id)
        margin, view_height = round(self._view.delegate.style.line), self._view.viewport().height()
        if top + rect.top() < 0:
            self._view.scroll_to(message_id, margin - round(rect.top()))
        elif top + rect.bottom() > view_height:
            self._view.scroll_to(message_id, view_height - margin - round(rect.bottom()))

    # -- the message's buttons ----------------------------------------------------------------------

    def buttons(self, message_id: int) -> list[Button]:
        """A message's buttons, in reading order (row_buttons.py)."""
        item = self._model.find(message_id)
        if item is None:
            return []
        return row_buttons(self._view.delegate, item, self._view.rows.get(message_id), self._view.row_width)

    def _tab(self, forward: bool) -> bool:
        """The next (previous) button of the ringed message; False: past the last (first), the focus moves on."""
        if self._at < 0:
            return False
        hrefs = [button.href for button in self.buttons(self._at)]
        index = hrefs.index(self._href) if self._href in hrefs else -1
        if forward and index + 1 < len(hrefs):
            self.go(self._at, hrefs[index + 1])
            return True
        if not forward and self._href:
            self.go(self._at, hrefs[index - 1] if index > 0 else "", scroll=index > 0)
            return True
        return False

    def _press(self) -> None:
        action = parse_href(self._href) if self._button() is not None else None
        self._view.trigger(self._at, action if action is not None else RowAction(Act.COPY))
        if self._model.find(self._at) is None or self._button() is None:
            self._href = ""  # (a suggested question was asked: its chips are gone)
        if self._at >= 0 and self._view.hasFocus():
            self.go(self._at, self._href, scroll=False)

    def _button(self) -> Button | None:
        """The ringed button (None: the message as a whole, or its button is gone)."""
        return next((b for b in self.buttons(self._at) if self._href and b.href == self._href), None)

    def _menu(self) -> bool:
        """The ringed message's context menu, under its ringed button or at its top."""
        item = self._model.find(self._at) if self._at >= 0 else None
        layout = self._view.delegate.layout(item, self._view.rows.get(self._at), self._view.row_width) if item else None
        if layout is None:
            return False
        button = self._button()
        spot = (
            button.rect.bottomLeft() if button is not None else QPointF(layout.column.x(), self._view.delegate.style.em)
        )
        point = self._view.viewport_point(self._at, spot) or QPoint(0, 0)
        point.setY(max(0, min(point.y(), self._view.viewport().height() - 1)))
        action = parse_href(self._href) if button is not None else None
        self._view.contextRequested.emit(self._at, action, self._view.viewport().mapToGlobal(point))
        return True

    # -- screen readers -----------------------------------------------------------------------------

    def _announce(self) -> None:
        item = self._model.find(self._at)
        if item is None:
            return
        translate = QCoreApplication.translate
        who = _speaker(item)
        if self._href:
            button = self._button()
            name = button.name if button is not None else ""
            description = translate(
                "ChatView", "A button of {who}'s message. Enter presses it, Tab goes to the next one."
            )
        else:
            text = readable(item) if item.is_user else plain_text(readable(item))
            name = translate("ChatView", "{who}: {text}").format(who=who, text=text[:MAX_SPOKEN].strip())
            description = translate(
                "ChatView",
                "Message {number} of {count}. Enter copies it, the Menu key opens its menu, Tab goes to its"
                " buttons, Esc goes back to the message box.",
            ).format(number=self._model.row_of(item.id) + 1, count=self._model.rowCount())
        self._view.setAccessibleName(name)
        self._view.setAccessibleDescription(description.format(who=who) if self._href else description)
        for change in (QAccessible.Event.NameChanged, QAccessible.Event.DescriptionChanged):
            QAccessible.updateAccessibility(QAccessibleEvent(self._view, change))

    def _forget_gone(self) -> None:
        if self._at >= 0 and self._model.find(self._at) is None:
            if self._view.hasFocus():
                last = self._neighbour(self._model.rowCount(), -1)
                if last >= 0:
                    self.go(last)
                    return
            self.leave()


def _speaker(item: MessageItem) -> str:
    if item.is_user:
        return QCoreApplication.translate("ChatView", "You")
    return item.sender_name or QCoreApplication.translate("ChatView", "The bot")
