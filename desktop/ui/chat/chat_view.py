"""The chat pane's message view: a conversation and its streaming answer.

`ChatView` only displays and forwards intent. Data comes in as `MessageItem`s; streamed text comes in
through `append_delta`, is buffered and shown in frames timed by `pacing.py` (at once after a pause,
then 20 times a second while deltas keep coming), and each frame converts only what changed (see
`streaming.py`).

Signals:
  followUpClicked(str)   a follow-up or suggested question was clicked
  retryRequested(int), newConversationRequested(int)  Retry, or "Continue in a new Coze conversation", on
                         an unfinished answer (its message id); settingsRequested()  an error's "Open Settings"
  loadOlderRequested()   the user scrolled to the top: prepend an older page if there is one
  frameShown(int, int, float)  a frame showed streamed text: deltas in it, characters converted, seconds
  regenerateRequested(int), resendRequested(id, edited text), versionRequested(id, N from 1), copyConversationRequested()
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QPixmap, QResizeEvent
from PySide6.QtWidgets import QStackedLayout, QWidget

from desktop.ui.chat.actions import Act, RowAction
from desktop.ui.chat.cards import CardTracker
from desktop.ui.chat.copying import FULL_BUDGET
from desktop.ui.chat.delegate import MessageDelegate
from desktop.ui.chat.edit_dialog import ask_edit
from desktop.ui.chat.intro import IntroWidget
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.jump_button import JumpButton
from desktop.ui.chat.link_opening import LinkOpening
from desktop.ui.chat.list_view import MessageListView
from desktop.ui.chat.media_actions import ChatMedia, repaint_pictures
from desktop.ui.chat.message_keys import MessageKeys
from desktop.ui.chat.model import ChatModel
from desktop.ui.chat.pacing import FramePacer
from desktop.ui.chat.place import Place, go_back, place_of
from desktop.ui.chat.rework_intents import ReworkIntents
from desktop.ui.chat.row_actions import RowActions
from desktop.ui.chat.selection import CONTENT, Selection, Spot
from desktop.ui.chat.style import ChatStyle
from desktop.ui.chat.type_ahead import TypeAhead
from desktop.ui.chat.waiting import WaitingRow

log = logging.getLogger(__name__)

MAX_CHIPS = 6


class ChatView(QWidget):
    followUpClicked = Signal(str)
    retryRequested = Signal(int)
    newConversationRequested = Signal(int)
    settingsRequested = Signal()
    feedbackRequested = Signal(int, str)  # message id, "like" or "unlike"
    loadOlderRequested = Signal()
    frameShown = Signal(int, int, float)
    regenerateRequested = Signal(int)
    resendRequested = Signal(int, str)
    versionRequested = Signal(int, int)
    copyConversationRequested = Signal()

    def __init__(self, parent: QWidget | None = None, open_url: Callable[[QUrl], object] | None = None) -> None:
        super().__init__(parent)
        #: How links are opened (tests give their own); only http(s) URLs ever reach it.
        self.open_url: Callable[[QUrl], object] = open_url if open_url is not None else QDesktopServices.openUrl
        self.edit_question: Callable[[QWidget, str], str | None] = ask_edit  # a question's new text; tests give theirs
        self._model = ChatModel(self)
        self.media: ChatMedia | None = None
        self._delegate = MessageDelegate(ChatStyle.from_widget(self))
        self._list = MessageListView(self._model, self._delegate, self)
        self._list.setAccessibleName(self.tr("Messages"))
        self._list.setObjectName("messageList")  # (app.qss: its frame shows the keyboard's focus)
        self._intro = IntroWidget(self)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self._list)
        self._stack.addWidget(self._intro)
        self._jump = JumpButton(self._list, self)
        self.cards = CardTracker(self._model, self._list.rows, self)  # chatflow question and input cards
        signals = self.regenerateRequested, self.resendRequested, self.versionRequested
        self.rework = ReworkIntents(self, *signals, lambda text: self.edit_question(self, text))  # `.busy`: must wait
        self._waiting = WaitingRow(self._model, self._delegate.forget)  # "•••" until the answer's first delta
        self._buffer: dict[int, tuple[list[str], list[str]]] = {}
        self._frame = QTimer(self, singleShot=True)
        self._pacer = FramePacer()
        self.links = LinkOpening(self, lambda url: self.open_url(url), lambda: self.media)  # noqa: PLW0108 (tests set open_url later)
        self.row_actions = RowActions(  # what clicks on rows and their menu do
            self,
            model=self._model,
            rows=self._list,
            delegate=self._delegate,
            cards=self.cards,
            rework=self.rework,
            open_link=self._open,
            media=lambda: self.media,
        )
        self.type_ahead = TypeAhead(self._list)  # letters typed on the list: before `keys`, so it sees theirs last
        self.keys = MessageKeys(self._list, self._model)  # the keyboard's way to a message and its buttons
        self._chips: tuple[str, ...] = ()
        self._chips_owner = -1
        self._intro_args: tuple[str, str, list[str], QPixmap | None] | None = None
        self._restyling = False
        self._connect_signals()
        self._show_page()

    def _connect_signals(self) -> None:
        self._frame.timeout.connect(self._flush)
        self._list.actionTriggered.connect(self.row_actions.handle)
        self._list.followChanged.connect(lambda _follow: self._update_jump())
        self._list.verticalScrollBar().valueChanged.connect(lambda _value: self._update_jump())
        self._list.verticalScrollBar().rangeChanged.connect(lambda _low, _high: self._update_jump())
        self._list.nearTop.connect(self.loadOlderRequested)
        self._list.contextRequested.connect(self.row_actions.context_menu)
        actions = self.row_actions
        actions.followUpClicked.connect(self.followUpClicked)
        actions.retryRequested.connect(self.retryRequested)
        actions.newConversationRequested.connect(self.newConversationRequested)
        actions.settingsRequested.connect(self.settingsRequested)
        actions.feedbackRequested.connect(self.feedbackRequested)
        actions.copyConversationRequested.connect(self.copyConversationRequested)
        self._jump.clicked.connect(self._list.scroll_to_bottom)
        self._intro.suggestionClicked.connect(self.followUpClicked)
        self.cards.answered.connect(self.followUpClicked)  # a card's answer is sent like a follow-up
        self._intro.linkActivated.connect(self._open)

    # -- the interface ------------------------------------------------------------------------------

    def set_messages(self, items: list[MessageItem]) -> None:
        """Show another conversation (replaces everything) from its bottom."""
        self._buffer.clear()
        self._chips, self._chips_owner = (), -1
        self._delegate.forget()
        self._model.set_items(items)
        self._waiting.set(False)  # another conversation: its presenter says whether it waits
        self._list.scroll_to_bottom()
        self._show_page()

    def prepend_messages(self, items: list[MessageItem]) -> None:
        """Older messages above; what the user looks at stays where it is."""
        self._model.prepend(items)
        self._show_page()

    def append_message(self, item: MessageItem) -> None:
        """A new message at the bottom; the view follows it if it was at the bottom (or the user sent it)."""
        if self._model.find(item.id) is not None:
            self.update_message(item)
            return
        self.set_follow_ups([])
        if item.is_user:
            self._list.scroll_to_bottom()
        self._waiting.hide()  # the answer takes its place (or a question goes below it)
        self._model.append(item)
        self._waiting.sync()
        self._show_page()

    def append_delta(self, message_id: int, text: str = "", reasoning: str = "") -> None:
        """Streamed text for a message; shown with the next frame."""
        parts = self._buffer.get(message_id)
        if parts is None:
            parts = self._buffer[message_id] = ([], [])
        if text:
            parts[0].append(text)
        if reasoning:
            parts[1].append(reasoning)
        delay = self._pacer.delay(time.monotonic())
        if not self._frame.isActive():
            self._frame.start(round(delay * 1000))

    def update_message(self, item: MessageItem) -> None:
        """New status, error, usage or final text of a message.

        Streamed deltas not shown yet are applied first. If `item` carries an older copy of the text
        (a prefix of what was streamed), the streamed text is kept, so a status-only update is safe.
        """
        current = self._model.find(item.id)
        if current is None:
            self._buffer.pop(item.id, None)
            log.debug("update for a message not shown: %s", item.id)
            return
        pending = self._buffer.pop(item.id, ([], []))
        streamed = current.content + "".join(pending[0])
        streamed_reasoning = current.reasoning + "".join(pending[1])
        content, reasoning = item.content, item.reasoning
        if len(content) < len(streamed) and streamed.startswith(content):
            content = streamed
        if len(reasoning) < len(streamed_reasoning) and streamed_reasoning.startswith(reasoning):
            reasoning = streamed_reasoning
        self._model.replace_item(replace(item, content=content, reasoning=reasoning))

    def set_follow_ups(self, questions: list[str]) -> None:
        """Chips under the last answer ([] removes them)."""
        if self._chips_owner >= 0:
            self._list.rows.set_chips(self._chips_owner, ())
        self._chips = tuple(q for q in questions if q.strip())[:MAX_CHIPS]
        self._chips_owner = -1
        items = self._model.items()
        if self._chips and items and not items[-1].is_user:
            self._chips_owner = items[-1].id
            self._list.rows.set_chips(self._chips_owner, self._chips)

    def set_intro(self, bot_name: str, prologue: str, suggestions: list[str], icon: QPixmap | None = None) -> None:
        """What an empty conversation shows; hidden once there are messages."""
        self._intro_args = (bot_name, prologue, list(suggestions), icon)
        self._apply_intro()
        self._show_page()

    def _apply_intro(self) -> None:
        if self._intro_args is None:
            return
        bot_name, prologue, suggestions, icon = self._intro_args
        style = self._delegate.style
        self._intro.set_intro(
            bot_name, prologue, suggestions, icon=icon, renderer=self._delegate.renderer, font=style.font
        )

    def set_media(self, media: ChatMedia | None) -> None:
        """Show pictures of answers inline (None: as links, and no remote requests), and of questions."""
        previous, self.media = self.media, media
        if media is not None and media is not previous:  # (the same again: a restyle, its signals already come here)
            media.message.connect(self.links.news)
            repaint_pictures(media, self._model, self._delegate, self._list)
        self._delegate.thumbnails = media.thumbnails if media is not None else None
        self._restyle()

    def _style(self) -> ChatStyle:
        style = ChatStyle.from_widget(self)
        if self.media is None or not self.media.images.enabled:
            return style
        self.media.images.dark = style.dark
        return replace(style, images=self.media.images)

    def clear(self) -> None:
        self.set_messages([])

    def set_waiting(self, waiting: bool, sender_name: str = "") -> None:
        """The conversation shown is (not) waiting for an answer: the bot's "•••" under its last question."""
        self._waiting.set(waiting, sender_name)
        self._show_page()

    def set_sender_name(self, name: str) -> None:  # the bot's name arrived or changed: answers are signed with it
        for item in [shown for shown in self._model.items() if not shown.is_user and shown.sender_name != name]:
            self._model.replace_item(replace(item, sender_name=name))

    def message_text(self, message_id: int) -> str:
        """A message's full text as received (markdown for answers), including deltas not shown yet."""
        item = self._model.find(message_id)
        if item is None:
            return ""
        pending = self._buffer.get(message_id)
        return item.content + ("".join(pending[0]) if pending else "")

    def replace_message(self, item: MessageItem) -> None:
        """Show a message as `item` says, text and all (a reworked row, another version of an answer)."""
        self._buffer.pop(item.id, None)
        self._delegate.forget(item.id)
        self._model.replace_item(item)
        if item.id == self._chips_owner and item.is_streaming:  # answered again: its old suggestions are stale
            self.set_follow_ups([])

    def item(self, message_id: int) -> MessageItem | None:
        """A copy of a message as shown (with the streamed text applied so far)."""
        item = self._model.find(message_id)
        return replace(item) if item is not None else None

    def set_font_point_size(self, size: float) -> None:
        font = QFont(self.font())
        font.setPointSizeF(size)
        self.setFont(font)

    def copy_last_answer(self) -> bool:
        """Edit ▸ Copy the last answer: as its Copy button does (False: no answer to copy)."""
        answer = next((i for i in reversed(self._model.items()) if not i.is_user and not i.divider and i.content), None)
        if answer is not None:
            self.row_actions.handle(answer.id, RowAction(Act.COPY))
        return answer is not None

    def scroll_to_message(self, message_id: int) -> None:
        self._list.scroll_to(message_id)

    def place(self) -> Place | None:
        """Where the reader is (None: at the bottom), for `go_back` after the chat is shown again."""
        return place_of(self._list)

    def go_back(self, place: Place) -> None:
        go_back(self._list, place, {item.id for item in self._model.items()})

    def highlight_text(self, message_id: int, text: str) -> bool:
        """Select the first `text` (any case) in a shown message, as a search hit: it stands out, and
        Ctrl+C copies it; a folded question not showing it is shown whole, scrolled to the hit. False if the
        message is not rendered or does not hold that text."""
        item, text = self.item(message_id), text.strip()
        if item is None or not text or self._select(message_id, text) is not None:
            return item is not None and bool(text)
        if self._delegate.fold(item) != "more":
            return False
        self._delegate.toggle_fold(message_id)  # as "Show all" does, then look again in the whole question
        self._delegate.sync(item, FULL_BUDGET)
        self._list.refresh(message_id)
        if (y := self._select(message_id, text)) is not None:
            self._list.scroll_to(message_id, round(self._list.viewport().height() / 3 - y))
        return y is not None

    def _select(self, message_id: int, text: str) -> float | None:  # the hit's y in the documents, selected
        rendered = self._delegate.cached(message_id)
        for index, page, y in [] if rendered is None else rendered.content.placed():
            cursor = page.doc.find(text)
            if not cursor.isNull():
                start, end = Spot(index, cursor.selectionStart()), Spot(index, cursor.selectionEnd())
                self._list.rows.select(Selection(message_id, CONTENT, start, end))
                return y + page.doc.documentLayout().blockBoundingRect(cursor.block()).y()
        return None

    # -- for tests and the benchmark ----------------------------------------------------------------

    @property
    def list_view(self) -> MessageListView:
        return self._list

    @property
    def intro(self) -> IntroWidget:
        return self._intro

    @property
    def rows_built(self) -> int:
        """How many rows got documents (only rows that came into view do)."""
        return self._delegate.rows_built

    def rendered_text(self, message_id: int) -> str:
        """The text the documents show for a message's answer ("" if not laid out)."""
        rendered = self._delegate.cached(message_id)
        return rendered.content.rendered_text() if rendered else ""

    def frame_due_in(self) -> int:
        """Milliseconds until the next frame shows streamed text (-1: none is due)."""
        return self._frame.remainingTime() if self._frame.isActive() else -1

    def is_idle(self) -> bool:
        """Nothing buffered and every row in view shows all of its text."""
        return not self._buffer and not self._frame.isActive() and self._list.is_idle()

    # -- internals ----------------------------------------------------------------------------------

    def _flush(self) -> None:
        started = time.thread_time()
        for message_id in list(self._buffer):
            self._flush_message(message_id)
        self._pacer.shown(time.monotonic(), time.thread_time() - started)

    def _flush_message(self, message_id: int) -> None:
        parts = self._buffer.pop(message_id, None)
        if parts is None:
            return
        started, converted = time.perf_counter(), self._delegate.converted
        text, reasoning = "".join(parts[0]), "".join(parts[1])
        if reasoning or not self._list.grow(message_id, text):  # most frames keep the row's layout
            self._model.extend(message_id, text, reasoning)
        deltas = max(len(parts[0]), len(parts[1]))
        self.frameShown.emit(deltas, self._delegate.converted - converted, time.perf_counter() - started)

    def _show_page(self) -> None:
        empty = self._model.rowCount() == 0
        self._stack.setCurrentWidget(self._intro if empty and self._intro_args is not None else self._list)
        self._update_jump()

    def _update_jump(self) -> None:
        following = self._list.following
        self._jump.show_if(not following and self._model.rowCount() > 0 and self._stack.currentWidget() is self._list)

    def _open(self, href: str) -> None:
        self.links.open(href)

    # -- Qt events ----------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._restyle()

    def _restyle(self) -> None:
        if self._restyling:
            return
        self._restyling = True
        try:
            self._delegate.set_style(self._style())
            self._list.refresh()
            self._apply_intro()
        finally:
            self._restyling = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._jump.isVisible():
            self._jump.place()
