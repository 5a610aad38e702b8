"""The keyboard's way through a live chatflow card: Tab from the message box moves into the card, the
arrow keys go from option to option (a ring shows which), Enter or Space chooses (an input card opens its
form, where Enter sends), 1–9 choose an option at once, Esc goes back to the message box (the keys are
the `card_*` commands of commands.py, listed in Help ▸ Keyboard shortcuts). The card's
chips are painted, not widgets: the message list carries the focused one's name and description for
screen readers (and says so with an accessibility event), and gives back its own when the focus leaves.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.core.workflow_cards import CardKind
from desktop.ui.chat.actions import parse_href
from desktop.ui.chat.card_rows import CARD_INPUT, CARD_OPTION, CardState
from desktop.ui.chat.cards import CardTracker
from desktop.ui.chat.list_view import MessageListView
from desktop.ui.chat.markdown import neutralize
from desktop.ui.commands import command

TABS = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)


def _is(event: QKeyEvent, name: str) -> bool:
    """The key pressed is one of the command's keys (commands.py), the keypad's the same as the others."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return QKeySequence(QKeyCombination(modifiers, Qt.Key(event.key()))) in command(name).sequences()


def targets(state: CardState) -> list[str]:
    """What the keyboard can land on: each option, or an input card's "Fill in and send…"."""
    if state.card.kind is CardKind.QUESTION:
        return [f"{CARD_OPTION}{number}" for number in range(len(state.card.options))]
    return [CARD_INPUT] if state.card.fields else []


class CardKeys(QObject):
    """Installed on the message list and the message box; `back()` gives the message box the focus."""

    def __init__(
        self, view: MessageListView, cards: CardTracker, composer: QWidget, back: Callable[[], object]
    ) -> None:
        super().__init__(view)
        self._view, self._cards, self._composer, self._back = view, cards, composer, back
        self._at: tuple[int, int] = (-1, -1)  # (message id, target index) with the ring; -1: none
        self._own_name = ("", "")  # the list's own accessible name and description
        self._chosen = False  # an answer (or an input card's form) was chosen from the keyboard
        view.installEventFilter(self)
        composer.installEventFilter(self)
        cards.answered.connect(self._answered)

    @property
    def focused(self) -> str:
        """The href of the chip with the keyboard's ring ("" when none)."""
        live = self.live()
        message_id, index = self._at
        if live is None or live[0] != message_id:
            return ""
        found = targets(live[1])
        return found[index] if 0 <= index < len(found) else ""

    def live(self) -> tuple[int, CardState] | None:
        """The conversation's live card (its last message), if the keyboard can land on it."""
        live = self._cards.live()
        return live if live is not None and targets(live[1]) else None

    def enter(self, index: int = 0) -> bool:
        """Put the ring on the live card's `index`th target (False: there is no live card)."""
        live = self.live()
        if live is None:
            return False
        count = len(targets(live[1]))
        if self._at[0] < 0:  # the list's own words, given back when the ring goes
            self._own_name = (self._view.accessibleName(), self._view.accessibleDescription())
        self._at = (live[0], max(0, min(index, count - 1)))
        self._view.rows.focus(live[0], self.focused)
        self._view.scroll_to_bottom()
        self._announce(live[1])
        return True

    def leave(self) -> None:
        if self._at[0] >= 0:
            self._at = (-1, -1)
            self._view.rows.focus(-1, "")
            self._view.setAccessibleName(self._own_name[0])
            self._view.setAccessibleDescription(self._own_name[1])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._composer and kind == QEvent.Type.KeyPress:
            return self._from_composer(event)  # type: ignore[arg-type]
        if watched is not self._view:
            return False
        if kind == QEvent.Type.FocusIn and isinstance(event, QFocusEvent) and (event.reason() in TABS or self._chosen):
            self._chosen = False  # (back from a cancelled form: the ring again)
            self.enter(0 if event.reason() != Qt.FocusReason.BacktabFocusReason else len(self._targets()) - 1)
        elif kind == QEvent.Type.FocusOut:
            self.leave()
        elif kind == QEvent.Type.KeyPress and self.focused:
            return self._key(event)  # type: ignore[arg-type]
        return False

    def _targets(self) -> list[str]:
        live = self.live()
        return targets(live[1]) if live is not None else []

    def _from_composer(self, event: QKeyEvent) -> bool:
        """Tab in the message box goes to a live card (else the focus moves on as usual)."""
        if not _is(event, "card_enter") or self.live() is None:
            return False
        self._view.setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def _key(self, event: QKeyEvent) -> bool:
        message_id, index = self._at
        count, number = len(self._targets()), int(event.key()) - Qt.Key.Key_1.value
        if _is(event, "card_next") or _is(event, "card_previous"):
            self.enter((index + (1 if _is(event, "card_next") else -1)) % count)
        elif _is(event, "card_choose"):
            self._choose(message_id, self.focused)
        elif _is(event, "card_number") and number < count and self.focused != CARD_INPUT:
            self._choose(message_id, f"{CARD_OPTION}{number}")
        elif _is(event, "card_back"):
            self.leave()
            self._back()
        else:
            return False
        return True

    def _choose(self, message_id: int, href: str) -> None:
        action = parse_href(href)
        if action is not None:
            self._chosen = True
            self._view.trigger(message_id, action)  # as a click on it would

    def _answered(self, _text: str) -> None:
        """An answer chosen from the keyboard: the message box has the focus again, for what comes next."""
        if self._chosen or self._at[0] >= 0:
            self._chosen = False
            self.leave()
            self._back()

    def _announce(self, state: CardState) -> None:
        """The focused chip's name and what the keys do, for a screen reader."""
        index, count = self._at[1], len(targets(state))
        if state.card.kind is CardKind.QUESTION:
            name = QCoreApplication.translate("ChatView", "Option {number} of {count}: {name}").format(
                number=index + 1, count=count, name=neutralize(state.card.options[index])
            )
            description = QCoreApplication.translate(
                "ChatView", "{title} Enter chooses it, the arrow keys move, Esc goes back to the message box."
            )
        else:
            name = QCoreApplication.translate("ChatView", "Fill in and send…")
            description = QCoreApplication.translate(
                "ChatView", "{title} Enter opens the form, Esc goes back to the message box."
            )
        self._view.setAccessibleName(name)
        self._view.setAccessibleDescription(description.format(title=neutralize(state.card.title)).strip())
        QAccessible.updateAccessibility(QAccessibleEvent(self._view, QAccessible.Event.NameChanged))
