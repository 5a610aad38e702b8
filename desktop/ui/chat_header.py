"""The chat pane's header and an empty chat's intro, for the conversation presenter: which bot the shown
chat talks to (a new chat's is the one picked in the header's chooser, else the default), its name,
avatar and title, the chooser's list, the bot's shortcut commands in the composer, and the intro
(prologue, suggested questions). Names never show a raw id: until a bot's details arrive it is "Bot"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QPixmap

from desktop.core.chat.targets import info_id, key_of, parse_key
from desktop.services.bots import BotService
from desktop.services.history import HistoryService
from desktop.ui.chat_pane import ChatPane
from desktop.ui.picture_files import read_pixmap


class ChatHeader(QObject):
    def __init__(
        self,
        pane: ChatPane,
        history: HistoryService,
        bots: BotService,
        *,
        current: Callable[[], int | None],
        bot_for_new_chat: Callable[[], str | None],
        bot_choices: Callable[[], list[str]],
        is_demo_target: Callable[[str], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pane = pane
        self._history = history
        self._bots = bots
        self._current = current
        self._bot_for_new_chat = bot_for_new_chat
        self._bot_choices = bot_choices
        self._is_demo_target = is_demo_target  # the header's "demo mode" label: for the demo's chats only
        self.chosen: str | None = None  # the bot picked in the header for the new chat
        self.shown_title = ""  # the stored title the header shows

    def new_chat_bot(self) -> str | None:
        default = self._bot_for_new_chat()
        if self.chosen and (self.chosen in self._bot_choices() or self.chosen == default):
            return self.chosen
        return default

    def shown_bot(self) -> str | None:
        current = self._current()
        if current is None:
            return self.new_chat_bot()
        conversation = self._history.conversations.get(current)
        return key_of(conversation) if conversation is not None else None

    def show(self) -> str:
        """The one place the header is set: the shown chat's bot, title and avatar. The window's title
        for it ("" for a new chat)."""
        current = self._current()
        title = self.tr("New chat")
        self.shown_title = ""
        if current is not None:
            conversation = self._history.conversations.get(current)
            self.shown_title = conversation.title if conversation is not None else ""
            title = self.shown_title or title
        bot_id = self.shown_bot()
        name = self.display_name(bot_id) if bot_id else ""
        self._pane.header.set_bot(name, title, bool(bot_id) and self._is_demo_target(bot_id or ""), self.icon(bot_id))
        choices = self._bot_choices() if current is None else []
        if bot_id and choices and bot_id not in choices:
            choices = [bot_id, *choices]
        self._pane.header.set_choices([(b, self.choice_name(b), self.icon(b)) for b in choices], bot_id)
        self._pane.composer.shortcuts.set_commands(self._bots.shortcut_commands(bot_id) if bot_id else ())
        return title if current is not None else ""

    def show_intro(self, bot_id: str | None) -> None:
        bot = self._bots.bot(bot_id) if bot_id else None
        name = self.display_name(bot_id) if bot_id else ""
        if bot is None:
            self._pane.view.set_intro(name, "", [])
            return
        self._pane.view.set_intro(name, bot.prologue, list(bot.suggested_questions), self.icon(bot.bot_id))

    def icon(self, bot_id: str | None) -> QPixmap | None:
        path = self._bots.icon_path(bot_id) if bot_id else None
        if path is None:
            return None
        pixmap = read_pixmap(path)
        return None if pixmap.isNull() else pixmap

    def display_name(self, key: str) -> str:
        """A chat target's name as Coze last told it; until its details arrive, a word for what it is
        (never its raw id: 0000000000000000001 is not a name)."""
        return self._bots.name(key) or (self.tr("Chatflow") if parse_key(key) is not None else self.tr("Bot"))

    def choice_name(self, key: str) -> str:
        """The header chooser tells bots apart before their names are known by their ids' last digits."""
        return self._bots.name(key) or f"{self.display_name(key)} …{info_id(key)[-4:]}"

    def bot_name(self, conversation_id: int) -> str:
        conversation = self._history.conversations.get(conversation_id)
        return self.display_name(key_of(conversation)) if conversation is not None else ""
