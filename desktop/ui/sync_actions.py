"""The window's side of the sync with Coze: the Coze menu (Sync now, Sync automatically) and the sync's
progress in the status bar, with a Stop button; its outcome as a status message or, when it failed,
one sentence with what to do next and the Coze logid under Details.

Signals:
    autoChanged(bool)   the user switched the automatic sync on or off (save it)
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QToolButton,
    QWidget,
)

from desktop.core.chat.targets import key_of
from desktop.core.coze.error_text import text_for
from desktop.core.coze.errors import CozeError
from desktop.services.chat_controller import ChatController
from desktop.services.history import HistoryService
from desktop.services.sync import SyncService
from desktop.ui.commands import make_action
from desktop.ui.feedback_actions import FeedbackActions
from desktop.ui.i18n import current_language
from desktop.ui.main_window import MainWindow
from desktop.ui.plain_text import message_box
from desktop.ui.status_news import show_status

STATUS_MS = 8000


class SyncProgressBar(QWidget):
    """ "Syncing with Coze… 3/12" with a bar and a Stop button, in the status bar while a sync runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncProgress")
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setFixedWidth(140)
        self.bar.setTextVisible(False)
        self.stop = QToolButton(self)
        self.stop.setText(self.tr("Stop"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop)
        self.show_progress(0, 0, 0)

    def show_progress(self, done: int, total: int, messages: int) -> None:
        if total:
            self.label.setText(
                self.tr("Syncing with Coze… chat {done} of {total}; new messages: {messages}").format(
                    done=done, total=total, messages=messages
                )
            )
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        else:
            self.label.setText(self.tr("Syncing with Coze… listing chats"))
            self.bar.setRange(0, 0)  # busy: the number of chats is not known yet


class SyncActions(QObject):
    autoChanged = Signal(bool)

    def __init__(
        self, window: MainWindow, sync: SyncService, history: HistoryService, chats: ChatController, language: str
    ) -> None:
        super().__init__(window)
        self._chats = chats
        self._window = window
        self._sync = sync
        self._history = history
        self._manual = False
        self.sync_now = make_action("sync_now", window, self.start)  # texts and keys: the table in commands.py
        self.auto = make_action("auto_sync", window)
        self.auto.setChecked(sync.auto)
        self.auto.setToolTip(self.tr("Pull your chats from Coze when the app starts and when you open a chat"))
        self.auto.toggled.connect(self._auto_toggled)
        self.new_topic = make_action("new_topic", window, self.clear_context)
        self.new_topic.setToolTip(self.tr("The bot forgets this chat so far; the messages above stay here"))
        self.menu = QMenu(self.tr("&Coze"), window)
        self.menu.addAction(self.new_topic)
        self.menu.addSeparator()
        self.menu.addAction(self.sync_now)
        self.menu.addAction(self.auto)
        bar = window.menuBar()
        menus = bar.actions()
        bar.insertMenu(menus[-1], self.menu) if menus else bar.addMenu(self.menu)  # before Help
        self.progress = SyncProgressBar(window)
        self.progress.hide()
        self.progress.stop.clicked.connect(sync.stop)
        window.statusBar().addPermanentWidget(self.progress)
        sync.started.connect(self._started)
        sync.progress.connect(lambda _bot, done, total, messages: self.progress.show_progress(done, total, messages))
        sync.retrying.connect(self._retrying)
        sync.finished.connect(self._finished)
        sync.failed.connect(self._failed)
        sync.pushFailed.connect(self._push_failed)
        self.feedback = FeedbackActions(window, sync, history, language)
        window.presenter.currentChanged.connect(self._opened)
        window.sidebar.renameRequested.connect(self._renamed)
        window.conversations.deleteOnCoze.connect(sync.push_delete)

    def clear_context(self) -> bool:
        """Clear the open chat's context on Coze, then show the divider; False if there is nothing to clear."""
        if not self._history.writes.allowed():  # the divider could not be kept: Coze is not asked either
            return False
        conversation = self._history.on_coze(self._window.presenter.current)
        bar = self._window.statusBar()
        if conversation is None or not conversation.coze_conversation_id:
            show_status(bar, lambda: self.tr("Nothing to clear yet: the bot has not seen this chat."), STATUS_MS)
            return False
        if self._chats.is_busy(conversation.id):
            show_status(
                bar, lambda: self.tr("Wait for the answer to finish (or stop it), then start a new topic."), STATUS_MS
            )
            return False
        local_id = conversation.id

        def cleared(section_id: object) -> None:
            self._history.add_divider(
                local_id, str(section_id), lambda m: self._window.presenter.on_message_added(local_id, m)
            )

        return self._sync.clear_context(key_of(conversation), conversation.coze_conversation_id, cleared, self._refused)

    def _refused(self, error: Exception) -> None:
        if isinstance(error, CozeError):
            text = text_for(error, current_language())
            self._window.statusBar().showMessage(
                self.tr("Coze did not clear the context: {sentence} {action}").format(
                    sentence=text.sentence, action=text.action
                ),
                STATUS_MS,
            )

    def _opened(self, conversation_id: int | None) -> None:
        """Opening a chat that has a copy on Coze pulls its bot's chats, if not done in the last minutes."""
        if not self._history.writable:  # a read-only history keeps nothing new
            return
        conversation = self._history.on_coze(conversation_id)
        if conversation is not None and not conversation.is_chatflow:
            self._sync.sync_if_due([conversation.bot_id])

    def _renamed(self, conversation_id: int, title: str) -> None:
        conversation = self._history.on_coze(conversation_id)
        if self._history.writable and conversation is not None and conversation.coze_conversation_id:
            self._sync.push_rename(key_of(conversation), conversation.coze_conversation_id, title)

    def start(self) -> bool:
        """Sync now (the menu's action); False if a sync already runs or no bot can be synced."""
        if not self._history.writes.allowed():  # what Coze has could not be kept
            return False
        self._manual = True
        if self._sync.sync_now():
            return True
        self._manual = False
        if not self._sync.running:
            show_status(
                self._window.statusBar(), lambda: self.tr("Nothing to sync: add a bot in Settings first."), STATUS_MS
            )
        return False

    def _auto_toggled(self, on: bool) -> None:
        self._sync.auto = on
        self.autoChanged.emit(on)

    def _started(self) -> None:
        self.sync_now.setEnabled(False)
        self.progress.show_progress(0, 0, 0)
        self.progress.show()

    def _retrying(self, seconds: float) -> None:
        self.progress.label.setText(
            self.tr("Coze asks us to slow down: syncing again in {seconds} s…").format(seconds=round(seconds))
        )

    def _ended(self) -> bool:
        self.sync_now.setEnabled(True)
        self.progress.hide()
        manual, self._manual = self._manual, False
        return manual

    def _finished(self, conversations: int, messages: int) -> None:
        manual = self._ended()
        if conversations or messages:
            self._window.sidebar.reload()
            current = self._window.presenter.current
            if current is not None and not self._chats.is_busy(current):
                self._window.presenter.reload()  # show what arrived in the open chat, where the reader is
        if not (conversations or messages or manual):
            return

        def text() -> str:  # asked again after a language switch
            if conversations or messages:
                return self.tr("Synced with Coze. New chats: {chats}; new messages: {messages}.").format(
                    chats=conversations, messages=messages
                )
            return self.tr("Synced with Coze: everything was already here.")

        show_status(self._window.statusBar(), text, STATUS_MS)

    def _failed(self, error: object) -> None:
        manual = self._ended()
        title = self.tr("Sync with Coze")
        if isinstance(error, CozeError):
            text = text_for(error, current_language())
            sentence = self.tr("The sync stopped: {sentence} {action} What was read is kept.").format(
                sentence=text.sentence, action=text.action
            )
            details = error.summary()
        else:
            sentence = self.tr("The sync stopped: the chat history could not be written. What was read is kept.")
            details = str(error)
        if not manual:  # an automatic sync that failed only says so in the status bar
            self._window.statusBar().showMessage(sentence, STATUS_MS)
            return
        message_box(self._window, QMessageBox.Icon.Warning, title, sentence, details=details).exec()

    def _push_failed(self, error: object) -> None:
        if isinstance(error, CozeError):
            text = text_for(error, current_language())
            self._window.statusBar().showMessage(
                self.tr("Coze did not take the change: {sentence}").format(sentence=text.sentence), STATUS_MS
            )
