"""Showing and hiding the chat list: View ▸ Show the chat list (Ctrl+B) and the chat header's button.

The person's choice (`hidden`) is remembered across starts. A window narrower than `NARROW` puts the
list aside by itself so the chat keeps the room; there Ctrl+B (or the button) shows the list in the
chat's place, like a drawer, until a chat is picked, a new one started or Esc pressed on the list. Widening the window brings
back what the person chose.

Signals:
  shownChanged(bool)  the list was shown or hidden (for the toggle's check state)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QSplitter, QWidget

from desktop.ui.commands import command

NARROW = 720  # px of window width below which the list steps aside


class SidebarToggle(QObject):
    shownChanged = Signal(bool)

    def __init__(
        self,
        window: QWidget,
        splitter: QSplitter,
        focus_list: QWidget,
        focus_chat: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self._splitter = splitter
        self._splitter_state = QByteArray()  # the sizes while both sides last showed
        self._focus_list = focus_list
        self._window = window
        sidebar, chat_side = splitter.widget(0), splitter.widget(1)
        assert sidebar is not None and chat_side is not None
        self._sidebar, self._chat_side = sidebar, chat_side
        self._focus_chat = focus_chat
        self.hidden = False  # the person's choice, remembered
        self.narrow = False
        self._drawer = False  # narrow window: the list shown in the chat's place until a chat is picked
        window.installEventFilter(self)
        for keys in command("close_list").sequences():  # Esc on the list: the drawer makes way again
            shortcut = QShortcut(keys, focus_list, self.chat_chosen)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # the list's own key, not the window's
            shortcut.setObjectName("close_list")

    def shown(self) -> bool:
        return self._drawer if self.narrow else not self.hidden

    def set_shown(self, shown: bool) -> None:
        if self.narrow:
            self._drawer = shown
        else:
            self.hidden = not shown
        self.refresh()

    def reveal(self) -> None:
        """The list must be seen (F2 renames in it): shown, as a drawer in a narrow window."""
        if not self.shown():
            self.set_shown(True)

    def toggle(self) -> None:
        self.set_shown(not self.shown())

    def save(self) -> tuple[QByteArray, bool]:
        """The splitter's sizes as they were while both sides showed, and whether the list is hidden."""
        self._remember_sizes()
        return self._splitter_state, self.hidden

    def restore(self, splitter_state: QByteArray, hidden: bool) -> None:
        """What `save` gave in the last run (after the window's geometry, before it shows: a window left
        narrow must not show the list beside the chat, which would make it wider than it was left)."""
        if not splitter_state.isEmpty() and self._splitter.restoreState(splitter_state):
            self._splitter_state = splitter_state
        self.hidden = hidden
        self.narrow = self._window.width() < NARROW
        self.refresh()

    def _remember_sizes(self) -> None:
        if not self._sidebar.isHidden() and not self._chat_side.isHidden():  # a hidden side's size is 0
            self._splitter_state = self._splitter.saveState()

    def chat_chosen(self) -> None:
        """A chat was picked or a new one started: a drawer over a narrow window makes way for it."""
        if self.narrow and self._drawer:
            self._drawer = False
            self.refresh()

    def refresh(self) -> None:
        """Show or hide the sides as the choice and the window's width say; tell `shownChanged`."""
        shown = self.shown()
        self._remember_sizes()
        focus = self._window.focusWidget()
        had_focus = focus is not None and self._sidebar.isAncestorOf(focus)
        self._sidebar.setVisible(shown)
        self._chat_side.setVisible(not (self.narrow and self._drawer))
        if shown and self.narrow:
            self._focus_list.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not shown and had_focus:
            self._focus_chat()
        self.shownChanged.emit(shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            narrow = self._window.width() < NARROW
            if narrow != self.narrow:
                self.narrow, self._drawer = narrow, False
                self.refresh()
        return super().eventFilter(watched, event)
