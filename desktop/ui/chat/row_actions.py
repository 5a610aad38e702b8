"""What a click (or the context menu) on a row of the chat view does: copy with a "Copied" mark, open a
link, toggle a row's parts, and the intents the view forwards (retry, new Coze chat, settings, ratings,
follow-ups, copy the chat). Cards and the rework intents (regenerate, edit, versions) answer first.

Signals (the ChatView's of the same names relay them):
  followUpClicked(str), retryRequested(int), newConversationRequested(int), settingsRequested(),
  feedbackRequested(int message id, "like" | "unlike"), copyConversationRequested()
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from desktop.ui.chat.actions import Act, RowAction
from desktop.ui.chat.card_rows import readable
from desktop.ui.chat.cards import CardTracker
from desktop.ui.chat.delegate import MessageDelegate
from desktop.ui.chat.list_view import MessageListView
from desktop.ui.chat.markdown import neutralize
from desktop.ui.chat.media_actions import ChatMedia
from desktop.ui.chat.message_menu import message_menu
from desktop.ui.chat.model import ChatModel
from desktop.ui.chat.rework_intents import ReworkIntents
from desktop.ui.chat.rows import thinking_open

COPIED_MS = 1500


class RowActions(QObject):
    followUpClicked = Signal(str)
    retryRequested = Signal(int)
    newConversationRequested = Signal(int)
    settingsRequested = Signal()
    feedbackRequested = Signal(int, str)
    copyConversationRequested = Signal()

    def __init__(
        self,
        view: QWidget,
        *,
        model: ChatModel,
        rows: MessageListView,
        delegate: MessageDelegate,
        cards: CardTracker,
        rework: ReworkIntents,
        open_link: Callable[[str], None],
        media: Callable[[], ChatMedia | None],
    ) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._list = rows
        self._delegate = delegate
        self._cards = cards
        self._rework = rework
        self._open = open_link
        self._media = media
        self._copied = QTimer(self, singleShot=True, interval=COPIED_MS)
        self._copied.timeout.connect(self._clear_copied)
        self._copied_row = -1

    def handle(self, message_id: int, action: RowAction) -> None:
        item = self._model.find(message_id)
        if item is None:
            return
        rows = self._list.rows
        if self._cards.handle(message_id, action) or self._rework.handle(message_id, item, action):
            return
        match action.kind:
            case Act.COPY:
                self._copy(message_id, action, neutralize(readable(item)))
            case Act.COPY_CODE:
                self._copy(message_id, action, self._delegate.code_text(message_id, action.index))
            case Act.COPY_DETAILS:
                self._copy(message_id, action, item.error_details)
            case Act.RETRY:
                self.retryRequested.emit(message_id)
            case Act.NEW_CONVERSATION:
                self.newConversationRequested.emit(message_id)
            case Act.SETTINGS:
                self.settingsRequested.emit()
            case Act.LIKE | Act.DISLIKE:
                self.feedbackRequested.emit(message_id, "like" if action.kind is Act.LIKE else "unlike")
            case Act.DETAILS | Act.STEP:
                rows.toggle(message_id, action.index if action.kind is Act.STEP else None)
            case Act.THINKING:
                rows.set_thinking(message_id, not thinking_open(item, rows.get(message_id)))
            case Act.SHOW_ALL:
                self._delegate.toggle_fold(message_id)
                self._list.refresh(message_id)
            case Act.FOLLOW_UP:
                chips = rows.get(message_id).chips
                if 0 <= action.index < len(chips):
                    self.followUpClicked.emit(chips[action.index])
            case Act.LINK:
                media = self._media()
                if media is None or not media.activate(action.url):
                    self._open(action.url)

    def context_menu(self, message_id: int, action: RowAction | None, pos: QPoint) -> None:
        item = self._model.find(message_id)
        if item is not None:
            act = functools.partial(self.handle, message_id)
            menu = message_menu(
                self._view,
                item,
                action,
                self._list.selected_text,
                act,
                open_url=self._open,
                media=self._media(),
                busy=self._rework.busy,
            )
            menu.addAction(self.tr("Copy chat as Markdown"), self.copyConversationRequested.emit)
            menu.exec(pos)

    def _copy(self, message_id: int, action: RowAction, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._clear_copied()
        self._list.rows.set_copied(message_id, action.href)
        self._copied_row = message_id
        self._copied.start()

    def _clear_copied(self) -> None:
        if self._copied_row >= 0:
            self._list.rows.set_copied(self._copied_row, "")
            self._copied_row = -1
