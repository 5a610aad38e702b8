"""The main window: composes the conversation pane and the chat pane and wires them to the services
in one place (`_connect`). It shows and forwards; the services do the work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSignalBlocker, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)

from desktop import __version__
from desktop.core.store import InvalidExportFile, Message, StoreError
from desktop.services.bots import BotService
from desktop.services.chat_controller import ChatController
from desktop.services.history import HistoryService
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat_pane import ChatPane
from desktop.ui.conversation_list import HIT_MARKERS, ConversationPane
from desktop.ui.conversation_model import ConversationListModel
from desktop.ui.presenters import message_item
from desktop.ui.retry_notice import RetryNotice
from desktop.ui.welcome import WelcomePage

PAGE = 100
MIN_FONT, MAX_FONT = 8.0, 28.0


class MainWindow(QMainWindow):
    settingsRequested = Signal()
    demoRequested = Signal()

    def __init__(
        self,
        history: HistoryService,
        chats: ChatController,
        bots: BotService,
        *,
        language: str,
        bot_for_new_chat: Callable[[], str | None],
        is_demo: Callable[[], bool],
        log_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._history = history
        self._chats = chats
        self._bots = bots
        self._language = language
        self._bot_for_new_chat = bot_for_new_chat
        self._is_demo = is_demo
        self._log_dir = log_dir
        self._current: int | None = None
        self._oldest: int | None = None  # oldest loaded message id of the current conversation
        self._has_older = False
        self._font_size = 0.0
        self.setWindowTitle(self.tr("Coze Desktop"))
        self.resize(1120, 760)

        self.model = ConversationListModel(history.conversations, self.tr("New chat"))
        self.sidebar = ConversationPane(self.model, self)
        self.chat = ChatPane(self)
        self.welcome = WelcomePage(self)
        self.right = QStackedWidget(self)
        self.right.addWidget(self.chat)
        self.right.addWidget(self.welcome)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([280, 840])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(120)
        self._reload_timer.timeout.connect(self.sidebar.reload)
        self._build_menus()
        self.retry_notice = RetryNotice(self.statusBar(), self)
        self._connect()
        self.model.fetchMore()

    # -- wiring -----------------------------------------------------------------------------------

    def _connect(self) -> None:
        side, view, composer = self.sidebar, self.chat.view, self.chat.composer
        side.conversationSelected.connect(self.open_conversation)
        side.newRequested.connect(self.new_chat)
        side.renameRequested.connect(self._history.rename)
        side.pinRequested.connect(self._history.set_pinned)
        side.deleteRequested.connect(self.delete_conversation)
        side.searchChanged.connect(self._search)
        side.searchHitActivated.connect(self._jump_to_hit)
        composer.sendRequested.connect(self.send)
        composer.stopRequested.connect(self.stop)
        view.followUpClicked.connect(self.send)
        view.retryRequested.connect(self._retry)
        view.settingsRequested.connect(self.settingsRequested)
        view.loadOlderRequested.connect(self._load_older)
        self.welcome.demoRequested.connect(self.demoRequested)
        self.welcome.connectRequested.connect(self.settingsRequested)
        self._history.conversationsChanged.connect(self._reload_timer.start)
        self._history.conversationDeleted.connect(self._on_deleted)
        self._chats.messageAdded.connect(self._on_message_added)
        self._chats.answerDelta.connect(self._on_delta)
        self._chats.messageUpdated.connect(self._on_message_updated)
        self._chats.followUpsChanged.connect(self._on_follow_ups)
        self._chats.busyChanged.connect(self._on_busy)
        self._chats.retrying.connect(self._on_retrying)
        self._chats.conversationUpdated.connect(lambda _conv: self._reload_timer.start())
        self._bots.botUpdated.connect(self._on_bot_updated)

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        file.addAction(self._action(self.tr("&New chat"), self.new_chat, QKeySequence.StandardKey.New))
        file.addSeparator()
        file.addAction(self._action(self.tr("&Import chats…"), self.import_chats, "Ctrl+I"))
        file.addAction(self._action(self.tr("&Export this chat…"), lambda: self.export_chats(False), "Ctrl+E"))
        file.addAction(self._action(self.tr("Export &all chats…"), lambda: self.export_chats(True), "Ctrl+Shift+E"))
        file.addSeparator()
        file.addAction(self._action(self.tr("&Settings…"), self.settingsRequested.emit, "Ctrl+,"))
        file.addSeparator()
        file.addAction(self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit))
        edit = bar.addMenu(self.tr("&Edit"))
        find = self._action(self.tr("&Search all chats"), self.sidebar.focus_search, "Ctrl+K")
        find.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence(QKeySequence.StandardKey.Find)])
        edit.addAction(find)
        edit.addAction(self._action(self.tr("&Rename chat…"), self.sidebar.rename_current, "F2"))
        edit.addAction(self._action(self.tr("&Pin or unpin chat"), self._toggle_pin, "Ctrl+P"))
        edit.addAction(
            self._action(self.tr("&Delete chat…"), lambda: self.delete_conversation(self._current), "Ctrl+Shift+D")
        )
        edit.addSeparator()
        edit.addAction(self._action(self.tr("S&top answer"), self.stop, "Ctrl+."))
        edit.addAction(self._action(self.tr("Focus the &message box"), self.chat.composer.focus, "Ctrl+L"))
        view = bar.addMenu(self.tr("&View"))
        view.addAction(self._action(self.tr("Zoom &in"), lambda: self._zoom(1), QKeySequence.StandardKey.ZoomIn))
        view.addAction(self._action(self.tr("Zoom &out"), lambda: self._zoom(-1), QKeySequence.StandardKey.ZoomOut))
        view.addAction(self._action(self.tr("&Actual size"), lambda: self._zoom(0), "Ctrl+0"))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("Coze &API documentation"), self._open_docs))
        if self._log_dir is not None:
            help_menu.addAction(self._action(self.tr("Open the &log folder"), self._open_logs))
        help_menu.addSeparator()
        help_menu.addAction(self._action(self.tr("&About Coze Desktop"), self.about))
        help_menu.addAction(self._action(self.tr("About &Qt"), QApplication.aboutQt))

    # -- pages ------------------------------------------------------------------------------------

    def show_welcome(self, show: bool) -> None:
        self.right.setCurrentWidget(self.welcome if show else self.chat)
        if show:
            self.welcome.setFocus()
        else:
            self.chat.composer.focus()

    def refresh(self) -> None:
        """Settings changed (bot, demo mode): re-read what is shown."""
        self.sidebar.reload()
        if self._current is not None:
            self.open_conversation(self._current)
        else:
            self.new_chat()

    # -- conversations ----------------------------------------------------------------------------

    @property
    def current_conversation(self) -> int | None:
        return self._current

    def new_chat(self) -> None:
        """A fresh chat with the default bot; it is created in the history on the first message."""
        self._current = None
        self._oldest = None
        self._has_older = False
        self.sidebar.list.clearSelection()
        self.sidebar.list.setCurrentIndex(self.model.index(-1))
        view = self.chat.view
        view.clear()
        bot_id = self._bot_for_new_chat()
        self._show_intro(bot_id)
        self.chat.header.set_bot(
            self._bots.name(bot_id) if bot_id else "", self.tr("New chat"), self._is_demo(), self._icon(bot_id)
        )
        self.chat.composer.set_busy(False)
        self.setWindowTitle(self.tr("Coze Desktop"))
        self.show_welcome(False)

    def open_conversation(self, conversation_id: int) -> None:
        conversation = self._history.conversation(conversation_id)
        if conversation is None:
            self.new_chat()
            return
        self._chats.flush(conversation_id)  # what streamed in the background is on disk before we read it
        self._current = conversation_id
        with QSignalBlocker(self.sidebar):  # selecting it in the list must not open it a second time
            self.sidebar.select(conversation_id)
        bot_name = self._bots.name(conversation.bot_id)
        messages = self._history.messages(conversation_id, limit=PAGE)
        self._oldest = messages[0].id if messages else None
        self._has_older = len(messages) >= PAGE
        view = self.chat.view
        view.set_messages([self._item(m, bot_name) for m in messages])
        if messages:
            if messages[-1].role == "assistant":
                view.set_follow_ups(self._history.follow_ups(conversation_id))
        else:
            self._show_intro(conversation.bot_id)
        title = conversation.title or self.tr("New chat")
        self.chat.header.set_bot(bot_name, title, self._is_demo(), self._icon(conversation.bot_id))
        self.chat.composer.set_busy(self._chats.is_busy(conversation_id))
        self.setWindowTitle(self.tr("{title} — Coze Desktop").format(title=title))
        self.show_welcome(False)

    def delete_conversation(self, conversation_id: int | None) -> None:
        if conversation_id is None:
            return
        conversation = self._history.conversation(conversation_id)
        if conversation is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete chat"),
            self.tr("Delete “{title}” and all its messages from this computer? This cannot be undone.").format(
                title=conversation.title or self.tr("New chat")
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._chats.discard(conversation_id)
            self._history.delete(conversation_id)

    def _on_deleted(self, conversation_id: int) -> None:
        if conversation_id == self._current:
            self.new_chat()

    def _toggle_pin(self) -> None:
        if self._current is not None:
            summary = self.model.summary(self._current)
            self._history.set_pinned(self._current, not (summary.pinned if summary else False))

    # -- sending ----------------------------------------------------------------------------------

    def send(self, text: str) -> None:
        if not text.strip():
            return
        if self._current is None:
            bot_id = self._bot_for_new_chat()
            if bot_id is None:
                self.settingsRequested.emit()
                return
            conversation = self._history.create_conversation(bot_id)
            self._current = conversation.id
            self.chat.view.clear()
            self.sidebar.reload()
            self.sidebar.select(conversation.id)
        if self._chats.send(self._current, text):
            self.chat.composer.set_text("")
        elif self._chats.is_busy(self._current):
            self.chat.composer.set_text(text)  # a follow-up clicked while answering: keep it for later
            self.chat.composer.focus()

    def stop(self) -> None:
        if self._current is not None:
            self._chats.stop(self._current)

    def _retry(self, answer_id: int) -> None:
        if self._current is not None:
            self._chats.retry(self._current, answer_id)

    # -- controller signals -----------------------------------------------------------------------

    def _item_for(self, conversation_id: int, message: Message) -> MessageItem:
        conversation = self._history.conversation(conversation_id)
        bot_name = self._bots.name(conversation.bot_id) if conversation else ""
        return self._item(message, bot_name)

    def _item(self, message: Message, bot_name: str) -> MessageItem:
        return message_item(message, bot_name, self._language)

    def _on_message_added(self, conversation_id: int, message: Message) -> None:
        if conversation_id == self._current:
            self.chat.view.append_message(self._item_for(conversation_id, message))
            if message.role == "user":
                conversation = self._history.conversation(conversation_id)
                if conversation is not None and conversation.title:
                    self.chat.header.set_bot(
                        self._bots.name(conversation.bot_id),
                        conversation.title,
                        self._is_demo(),
                        self._icon(conversation.bot_id),
                    )

    def _on_delta(self, conversation_id: int, message_id: int, text: str, reasoning: str) -> None:
        if conversation_id == self._current:
            self.chat.view.append_delta(message_id, text, reasoning)

    def _on_message_updated(self, conversation_id: int, message: Message) -> None:
        if conversation_id == self._current:
            self.chat.view.update_message(self._item_for(conversation_id, message))

    def _on_follow_ups(self, conversation_id: int, questions: list[str]) -> None:
        if conversation_id == self._current:
            self.chat.view.set_follow_ups(questions)

    def _on_retrying(self, conversation_id: int, seconds: float, attempt: int, code: int) -> None:
        if conversation_id == self._current:
            self.retry_notice.show(conversation_id, seconds, attempt, code)

    def _on_busy(self, conversation_id: int, busy: bool) -> None:
        self.model.set_busy(conversation_id, busy)
        if not busy:
            self.retry_notice.clear(conversation_id)
        if conversation_id == self._current:
            self.chat.composer.set_busy(busy)

    def _on_bot_updated(self, bot_id: str) -> None:
        if self._current is None and bot_id == self._bot_for_new_chat():
            self._show_intro(bot_id)
            self.chat.header.set_bot(self._bots.name(bot_id), self.tr("New chat"), self._is_demo(), self._icon(bot_id))
        elif self._current is not None:
            conversation = self._history.conversation(self._current)
            if conversation is not None and conversation.bot_id == bot_id:
                title = conversation.title or self.tr("New chat")
                self.chat.header.set_bot(self._bots.name(bot_id), title, self._is_demo(), self._icon(bot_id))

    def _icon(self, bot_id: str | None) -> QPixmap | None:
        path = self._bots.icon_path(bot_id) if bot_id else None
        if path is None:
            return None
        pixmap = QPixmap(str(path))
        return None if pixmap.isNull() else pixmap

    def _show_intro(self, bot_id: str | None) -> None:
        bot = self._bots.bot(bot_id) if bot_id else None
        if bot is None:
            self.chat.view.set_intro(bot_id or "", "", [])
            return
        self.chat.view.set_intro(
            bot.name or bot.bot_id, bot.prologue, list(bot.suggested_questions), self._icon(bot.bot_id)
        )

    def _load_older(self) -> None:
        if self._current is None or self._oldest is None or not self._has_older:
            return
        conversation = self._history.conversation(self._current)
        bot_name = self._bots.name(conversation.bot_id) if conversation else ""
        older = self._history.messages(self._current, limit=PAGE, before_id=self._oldest)
        self._has_older = len(older) >= PAGE
        if older:
            self._oldest = older[0].id
            self.chat.view.prepend_messages([self._item(m, bot_name) for m in older])

    # -- search -----------------------------------------------------------------------------------

    def _search(self, text: str) -> None:
        if text:
            self.sidebar.show_hits(self._history.search(text, HIT_MARKERS))

    def _jump_to_hit(self, conversation_id: int, message_id: int) -> None:
        self.open_conversation(conversation_id)
        while self._oldest is not None and message_id < self._oldest and self._has_older:
            self._load_older()
        self.chat.view.scroll_to_message(message_id)

    # -- export / import --------------------------------------------------------------------------

    def export_chats(self, everything: bool) -> None:
        conversation_id = None if everything else self._current
        if not everything and conversation_id is None:
            QMessageBox.information(self, self.tr("Export"), self.tr("Open a chat first."))
            return
        name = "coze-chats" if everything else f"coze-chat-{conversation_id}"
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export chats"),
            str(Path.home() / f"{name}.md"),
            self.tr("Markdown (*.md);;JSON, for import (*.json)"),
        )
        if not path:
            return
        fmt = "json" if path.endswith(".json") or "json" in chosen.lower() else "md"
        target = Path(path)
        if fmt == "json" and target.suffix != ".json":
            target = target.with_suffix(".json")
        try:
            self._history.export_to(target, conversation_id, fmt)
        except (OSError, StoreError) as exc:
            QMessageBox.warning(
                self, self.tr("Export failed"), self.tr("Could not write the file: {error}").format(error=exc)
            )
            return
        self.statusBar().showMessage(self.tr("Exported to {path}").format(path=target), 6000)

    def import_chats(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import chats"), str(Path.home()), self.tr("Coze Desktop export (*.json)")
        )
        if not path:
            return
        try:
            result = self._history.import_from(Path(path))
        except (InvalidExportFile, OSError, StoreError) as exc:
            QMessageBox.warning(
                self,
                self.tr("Import failed"),
                self.tr("Nothing was imported: {error}").format(error=exc),
            )
            return
        QMessageBox.information(
            self,
            self.tr("Import finished"),
            self.tr("Imported {c} chats and {m} messages ({d} already here).").format(
                c=result.conversations_added, m=result.messages_added, d=result.skipped_duplicates
            ),
        )

    # -- misc -------------------------------------------------------------------------------------

    def _zoom(self, step: int) -> None:
        base = self.font().pointSizeF()
        if step == 0:
            self._font_size = 0.0
        else:
            self._font_size = min(MAX_FONT, max(MIN_FONT, (self._font_size or base) + step))
        self.chat.view.set_font_point_size(self._font_size or base)

    def set_font_size(self, size: float) -> None:
        self._font_size = float(size)
        if size:
            self.chat.view.set_font_point_size(float(size))

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Coze Desktop"),
            self.tr(
                "<h3>Coze Desktop {version}</h3>"
                "<p>A desktop chat app for bots built on Coze (扣子).</p>"
                "<p>Your chats are stored on this computer; your token stays in the system keyring.</p>"
            ).format(version=__version__),
        )

    def _open_docs(self) -> None:
        QDesktopServices.openUrl(QUrl("https://www.coze.cn/docs/developer_guides/coze_api_overview"))

    def _open_logs(self) -> None:
        if self._log_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._log_dir)))

    # -- state ------------------------------------------------------------------------------------

    def save_state(self) -> tuple[str, str]:
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        splitter = bytes(self.splitter.saveState().toBase64().data()).decode("ascii")
        return geometry, splitter

    def restore_state(self, geometry: str, splitter: str) -> None:
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        if splitter:
            self.splitter.restoreState(QByteArray.fromBase64(splitter.encode("ascii")))

    closing = Signal()

    def detach(self) -> None:
        """The services are going away (quit): stop listening to them and stop pending refreshes."""
        self._reload_timer.stop()
        self._history.conversationsChanged.disconnect(self._reload_timer.start)
        for signal in (
            self._chats.messageAdded,
            self._chats.answerDelta,
            self._chats.messageUpdated,
            self._chats.followUpsChanged,
            self._chats.busyChanged,
            self._chats.conversationUpdated,
            self._history.conversationDeleted,
            self._bots.botUpdated,
        ):
            signal.disconnect()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
