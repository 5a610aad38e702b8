"""The conversation shown in the chat pane: which one it is, its pages of history, its header, and
which of the services' signals belong to it.

The presenter owns that state; the chat pane's widgets only display it. Apart from the chat view's rework
intents (regenerate, edit, versions, copy chat), it makes no connections of its own: `MainWindow._connect`.

Signals:
  currentChanged(object)    the shown conversation's id, or None for a new chat not created yet
  conversationCreated(int)  a new chat's first message created it in the history
  titleChanged(str)         the shown chat's title ("" for a new chat); the window title follows it
  settingsRequested()       sending needs a bot and none is configured
  botChosen(str)            the bot picked for a new chat in the header (the app remembers it as last used)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from desktop.core.chat.targets import key_of
from desktop.core.shortcut_use import ShortcutUse
from desktop.core.store import Message
from desktop.core.store.models import DIALOGUE_TYPES
from desktop.core.tool_steps import ToolStep
from desktop.core.vocabulary import MessageStatus, Role
from desktop.services.bots import BotService
from desktop.services.chat_controller import ChatController
from desktop.services.history import HistoryService
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat_header import ChatHeader
from desktop.ui.chat_pane import ChatPane
from desktop.ui.draft_upload import DraftUpload
from desktop.ui.i18n import current_language
from desktop.ui.outside_rows import OutsideRows
from desktop.ui.presenters import message_item, shown_version
from desktop.ui.retry_notice import RetryNotice
from desktop.ui.rework_notices import ReworkNotices

PAGE = 100


class ConversationPresenter(QObject):
    currentChanged = Signal(object)
    conversationCreated = Signal(int)
    titleChanged = Signal(str)
    settingsRequested = Signal()
    botChosen = Signal(str)

    def __init__(
        self,
        pane: ChatPane,
        retry_notice: RetryNotice,
        history: HistoryService,
        chats: ChatController,
        bots: BotService,
        *,
        language: str,
        bot_for_new_chat: Callable[[], str | None],
        is_demo: Callable[[], bool],
        bot_choices: Callable[[], list[str]] = list,
        is_demo_target: Callable[[str], bool] = lambda _key: False,
        api_base: Callable[[], str | None] = lambda: None,  # where chats go: an error's sentence cites its pages
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pane, self._retry_notice = pane, retry_notice
        self._history = history
        self._chats = chats
        del language  # the UI's language is looked up when needed: it can change while the app runs
        self._is_demo, self._api_base = is_demo, api_base
        self._current: int | None = None
        self._bot_for_new_chat = bot_for_new_chat
        self.header = ChatHeader(  # the header's bot, title and chooser; an empty chat's intro
            pane,
            history,
            bots,
            current=lambda: self._current,
            bot_for_new_chat=bot_for_new_chat,
            bot_choices=bot_choices,
            is_demo_target=is_demo_target,
            parent=self,
        )
        self._oldest: int | None = None  # oldest loaded message id of the current conversation
        self._has_older = False
        view = pane.view  # the view's rework intents (regenerate, edit, versions, copy) are the presenter's alone
        view.regenerateRequested.connect(self.regenerate)
        view.resendRequested.connect(self.resend)
        view.versionRequested.connect(self.show_version)
        view.copyConversationRequested.connect(self.copy_conversation)
        pane.composer.shortcutRequested.connect(self.send)
        self.rework_notices = ReworkNotices(chats, pane.view, self, self)  # Regenerate/Edit wait; Coze's memory
        self.upload: DraftUpload | None = None  # sends the draft's attachments first (set by the app)
        self.outside = OutsideRows(  # what another process (ask, sync) writes to the open chat shows in it
            history, pane.view, items=self._outside_items, reload=self.reload, busy=chats.is_busy, parent=self
        )

    @property
    def current(self) -> int | None:
        return self._current

    def bot_for_new_chat(self) -> str | None:
        return self._bot_for_new_chat()

    # -- which conversation -----------------------------------------------------------------------

    def new_chat(self) -> None:
        """A fresh chat with the default bot; it is created in the history on the first message."""
        self._set_current(None)
        self.header.chosen = None
        self._pane.view.clear()
        self.outside.shown(None, None)
        self.header.show_intro(self.header.new_chat_bot())
        self._show_header()
        self._pane.composer.set_busy(False)

    def open(self, conversation_id: int) -> None:
        conversation = self._history.conversations.get(conversation_id)
        if conversation is None:
            self.new_chat()
            return
        self._chats.flush(conversation_id)  # what streamed in the background is on disk before we read it
        self._set_current(conversation_id)
        messages = self._history.messages(conversation_id, limit=PAGE)
        self._oldest = messages[0].id if messages else None
        self._has_older = len(messages) >= PAGE
        bot_name = self.header.display_name(key_of(conversation))
        view = self._pane.view
        view.set_messages(self._items(messages, bot_name))
        self.outside.shown(conversation_id, self._oldest)
        if messages:
            if messages[-1].role == Role.ASSISTANT:
                view.set_follow_ups(self._history.conversations.follow_ups(conversation_id))
        else:
            self.header.show_intro(conversation.bot_id)
        self._show_header()
        self._pane.composer.set_busy(self._chats.is_busy(conversation_id))
        view.set_waiting(self._chats.is_busy(conversation_id), bot_name)

    def refresh(self) -> None:
        """Settings changed (bot, demo mode): show the current conversation again."""
        if self._current is not None:
            self.open(self._current)
        else:
            self.new_chat()

    def retranslate(self) -> None:
        """The language changed: the header, the window title, the intro and the answers' error sentences
        again (a new chat keeps the bot chosen for it)."""
        if self._current is not None:
            self.open(self._current)
        else:
            self.header.show_intro(self.header.new_chat_bot())
            self._show_header()

    def _set_current(self, conversation_id: int | None) -> None:
        if self.upload is not None and conversation_id != self._current:
            self.upload.leave()  # the draft's files were going to the chat being left: they stay in its draft
        if conversation_id != self._current:
            self._pane.composer.show_problem("")  # a sentence about the chat left
            self._pane.composer.cancel_send_after_check()
        self._current = conversation_id
        self._oldest = None
        self._has_older = False
        self.currentChanged.emit(conversation_id)

    # -- paging and search hits -------------------------------------------------------------------

    def load_older(self) -> bool:
        """Prepend the page before the oldest shown message; False when there is none."""
        if self._current is None or self._oldest is None or not self._has_older:
            return False
        older = self._history.messages(self._current, limit=PAGE, before_id=self._oldest)
        self._has_older = len(older) >= PAGE
        if not older:
            return False
        self._oldest = older[0].id
        bot_name = self.header.bot_name(self._current)
        self._pane.view.prepend_messages(self._items(older, bot_name))
        self.outside.older_shown(self._oldest)
        return True

    def jump_to(self, conversation_id: int, message_id: int) -> None:
        """Open a search hit's conversation with enough history loaded to show the hit, and scroll to it."""
        self.open(conversation_id)
        self._load_back_to(message_id)
        self._pane.view.scroll_to_message(message_id)

    def reload(self) -> None:
        """Show the open chat again with what arrived (a sync), keeping the reader's place: the older pages
        shown stay, and a view scrolled up (to a search hit it jumped to) stays where it was, selection too."""
        if self._current is None:
            return
        view, oldest = self._pane.view, self._oldest
        place = view.place()
        self.open(self._current)
        if place is not None and oldest is not None:  # (at the bottom, it follows the newest: open shows it)
            self._load_back_to(oldest)
            view.go_back(place)

    def _load_back_to(self, message_id: int) -> None:
        while self._oldest is not None and message_id < self._oldest and self.load_older():
            pass

    # -- intent -----------------------------------------------------------------------------------

    def send(self, text: str, shortcut: ShortcutUse | None = None) -> None:  # shortcut: a bot's "/" command
        composer = self._pane.composer
        if not text.strip() and not composer.attachments():
            return
        from_box = shortcut is None and text == composer.text()  # else a suggestion's, a card's or a command's own
        then = functools.partial(self._send_checked, self._current, from_box, text, shortcut)
        if composer.send_after_check(then, "" if from_box else text, shortcut.command if shortcut else ""):
            return  # a file brought back from a saved draft is still being checked: sent once found unchanged
        upload = self.upload
        if upload is not None and upload.needed():  # the files go to Coze first; the draft stays meanwhile
            bot_id = self.header.shown_bot()
            connection = self._chats.connection(bot_id) if bot_id else None
            if connection is not None:
                shown = self._current

                def uploaded(_ids: object) -> None:
                    if self._current == shown:  # the box's words as they are now, or the question given
                        self._send_now(composer.text() if from_box else text, shortcut)

                upload.start(connection, uploaded)
                return
        self._send_now(text, shortcut)

    def _send_checked(self, shown: int | None, from_box: bool, text: str, shortcut: ShortcutUse | None) -> None:
        if self._current == shown:  # the box's words as they are now, or the text given (a command's, a suggestion)
            self.send(self._pane.composer.text() if from_box else text, shortcut)

    def _send_now(self, text: str, shortcut: ShortcutUse | None = None) -> None:
        conversation_id = self._current
        if conversation_id is None:
            bot_id = self.header.new_chat_bot()
            if bot_id is None:
                self.settingsRequested.emit()
                return
            created = self._history.new_conversation(bot_id)
            if created is None:  # not saved (read-only, busy, disk full: the status bar says why); the draft stays
                return
            conversation_id = created.id
            self._pane.view.clear()
            self.conversationCreated.emit(conversation_id)
            self._set_current(conversation_id)
            self.outside.shown(conversation_id, None)  # empty yet: what it gets from now on is compared
        composer = self._pane.composer
        if not self._chats.is_busy(conversation_id) and self.outside.answering(conversation_id):
            if not composer.text().strip():
                composer.set_text(text)  # a suggested question clicked: it waits in the box like a typed one
            composer.show_problem(  # the text stays: sent now, Coze would refuse it (one chat at a time)
                self.tr(
                    "Another window or coze-desktop ask is still getting an answer in this chat. Send again "
                    "when it has arrived; your message is still here."
                )
            )
            return
        attachments, file_ids = composer.attachments(), composer.chips.file_ids()
        if self._chats.send(conversation_id, text, attachments=attachments, file_ids=file_ids, shortcut=shortcut):
            composer.set_text("")
            composer.clear_attachments()
        elif self._chats.is_busy(conversation_id):
            composer.set_text(text)  # a follow-up clicked while answering: keep it for later
            composer.focus()

    def stop(self) -> None:
        if self._current is not None:
            self._chats.stop(self._current)

    def retry(self, answer_id: int) -> None:
        if self._current is not None:
            self._chats.retry(self._current, answer_id)

    def regenerate(self, message_id: int, text: str | None = None) -> None:
        """Ask a turn again (with `text`: its question edited); the old answer stays as a version."""
        if self._current is not None:
            self._chats.regenerate(self._current, message_id, text)

    def resend(self, question_id: int, text: str) -> None:
        self.regenerate(question_id, text)

    def show_version(self, answer_id: int, version: int) -> None:
        """Show version `version` (from 1) of an answer, and its question as it was asked then."""
        answer, turn = self._history.message(answer_id), self._history.versions.turn(answer_id)
        earlier = self._history.versions.of(answer_id)
        if answer is None or turn is None or answer.conversation_id != self._current:
            return
        if not 1 <= version <= len(earlier) + 1:
            return
        question = turn.question
        if version <= len(earlier):
            answer, question = shown_version(answer, question, earlier[version - 1])
        bot_name = self.header.bot_name(answer.conversation_id)
        self._pane.view.replace_message(replace(self._item(answer, bot_name, len(earlier)), version=version))
        self._pane.view.replace_message(self._item(question, bot_name))

    def copy_conversation(self) -> None:
        """The shown chat as Markdown on the clipboard."""
        if self._current is not None:
            markdown = self._history.conversation_markdown(self._current, current_language())
            QGuiApplication.clipboard().setText(markdown)

    def retry_in_new_coze_conversation(self, answer_id: int) -> None:
        if self._current is not None:
            self._chats.retry_in_new_coze_conversation(self._current, answer_id)

    # -- service signals: only the shown conversation's reach the view ----------------------------

    def on_message_added(self, conversation_id: int, message: Message) -> None:
        if conversation_id != self._current:
            return
        self._pane.view.append_message(self._items([message], self.header.bot_name(conversation_id))[0])
        if message.role == Role.USER:
            self._show_header()  # the first question names the chat

    def on_delta(self, conversation_id: int, message_id: int, text: str, reasoning: str) -> None:
        if conversation_id == self._current:
            self._pane.view.append_delta(message_id, text, reasoning)

    def on_message_updated(self, conversation_id: int, message: Message) -> None:
        if conversation_id == self._current:
            self._pane.view.update_message(self._items([message], self.header.bot_name(conversation_id))[0])

    def on_message_replaced(self, conversation_id: int, message: Message) -> None:
        if conversation_id == self._current:
            self._pane.view.replace_message(self._items([message], self.header.bot_name(conversation_id))[0])

    def on_follow_ups(self, conversation_id: int, questions: list[str]) -> None:
        if conversation_id == self._current:
            self._pane.view.set_follow_ups(questions)

    def on_retrying(self, conversation_id: int, seconds: float, attempt: int, code: int) -> None:
        if conversation_id == self._current:
            self._retry_notice.show(conversation_id, seconds, attempt, code)

    def on_busy(self, conversation_id: int, busy: bool) -> None:
        if not busy:
            self._retry_notice.clear(conversation_id)
        if conversation_id == self._current:
            self._pane.composer.set_busy(busy)
            self._pane.view.set_waiting(busy, self.header.bot_name(conversation_id))

    def on_conversations_changed(self) -> None:
        """Titles may have changed (a rename, a sync): the header and window title follow at once."""
        if self._current is None:
            return
        conversation = self._history.conversations.get(self._current)
        if conversation is not None and conversation.title != self.header.shown_title:
            self._show_header()

    def on_deleted(self, conversation_id: int) -> None:
        if conversation_id == self._current:
            self.new_chat()

    def on_bot_updated(self, bot_id: str) -> None:
        if bot_id != self.header.shown_bot():
            return
        if self._current is None:
            self.header.show_intro(bot_id)
        else:  # answers shown before the bot's details arrived were signed with the placeholder
            self._pane.view.set_sender_name(self.header.display_name(bot_id))
        self._show_header()

    # -- the header and the intro (ui/chat_header.py) -------------------------------------------

    def choose_bot(self, bot_id: str) -> None:
        """The header's chooser: a new chat talks to `bot_id` (a conversation stays with its bot)."""
        if self._current is not None or not bot_id:
            return
        self.header.chosen = bot_id
        self.header.show_intro(bot_id)
        self._show_header()
        self.botChosen.emit(bot_id)

    def _show_header(self) -> None:
        self.titleChanged.emit(self.header.show())

    def _items(self, messages: list[Message], bot_name: str) -> list[MessageItem]:
        earlier = self._history.versions.counts(m.id for m in messages if m.role == Role.ASSISTANT)
        steps = self._history.steps(messages[0].conversation_id, messages) if messages else {}  # tool calls
        return [self._item(m, bot_name, earlier.get(m.id, 0), steps.get(m.id, ())) for m in messages]

    def _outside_items(self, messages: list[Message]) -> list[MessageItem]:
        return self._items(messages, self.header.bot_name(messages[0].conversation_id)) if messages else []

    def _item(
        self, message: Message, bot_name: str, earlier: int | None = None, steps: tuple[ToolStep, ...] = ()
    ) -> MessageItem:
        """`earlier`: how many earlier versions the answer has (None: look it up); `steps`: the bot's steps to it."""
        if earlier is None and message.role == Role.ASSISTANT:
            earlier = self._history.versions.counts([message.id]).get(message.id, 0)
        versions = (earlier or 0) + 1
        rework = message.type in DIALOGUE_TYPES and message.status != MessageStatus.STREAMING
        item = message_item(message, bot_name, current_language(), api_base=self._api_base())
        return replace(item, can_rework=rework, versions=versions, version=versions, steps=steps)
