"""The main window: lays out the conversation pane and the chat pane, builds the menus, and wires
the widgets, the services and the conversation presenter together in one place (`_connect`).

What the chat pane shows is the presenter's business (`conversation_presenter.py`); export and
import are `transfer_actions.py`. The window shows and forwards; the services do the work.

Signals:
  settingsRequested()  the user asked for Settings (menu, welcome page, an error's link, no bot yet)
  demoRequested()      the welcome page's demo button or File → Chat with the demo bot
  closing()            the window is closing (save its state)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPixmap
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget

from desktop.core.images.cache import ImageCache
from desktop.core.text_safety import LEFT_TO_RIGHT_MARK, RIGHT_TO_LEFT_MARK, isolate
from desktop.services.bots import BotService
from desktop.services.chat_controller import ChatController
from desktop.services.history import SEARCH_LIMIT, HistoryService
from desktop.ui.chat_pane import ChatPane, rounded
from desktop.ui.connections import Connections
from desktop.ui.conversation_actions import ConversationActions
from desktop.ui.conversation_delegate import ConversationDelegate
from desktop.ui.conversation_list import HIT_MARKERS, ConversationPane
from desktop.ui.conversation_model import ConversationListModel
from desktop.ui.conversation_presenter import ConversationPresenter
from desktop.ui.edit_actions import EditActions
from desktop.ui.help_actions import HelpActions
from desktop.ui.menus import WindowMenus, window_slots
from desktop.ui.outside_hold import OutsideHold
from desktop.ui.picture_files import read_pixmap
from desktop.ui.plain_text import data_text
from desktop.ui.retry_notice import RetryNotice
from desktop.ui.sidebar_toggle import SidebarToggle
from desktop.ui.status_bar import FittingStatusBar
from desktop.ui.status_news import show_status
from desktop.ui.transfer_actions import TransferActions
from desktop.ui.welcome import WelcomePage
from desktop.ui.zoom import Zoom

NOTICE_MS = 8000


class MainWindow(QMainWindow):
    settingsRequested = Signal()
    demoRequested = Signal()
    closing = Signal()

    def __init__(
        self,
        history: HistoryService,
        chats: ChatController,
        bots: BotService,
        *,
        language: str,
        bot_for_new_chat: Callable[[], str | None],
        is_demo: Callable[[], bool],
        is_demo_target: Callable[[str], bool] = lambda _key: False,
        log_dir: Path | None = None,
        bot_choices: Callable[[], list[str]] = list,
        api_base: Callable[[], str | None] = lambda: None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._history = history
        self._chats = chats
        self._bots = bots
        self._services = Connections()  # what this window connected to the services, for detach()
        self.setWindowTitle(self.tr("Coze Desktop"))
        self.resize(1120, 760)

        self.model = ConversationListModel(history.conversations.page, self.tr("New chat"), self._list_avatar)
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
        self.setStatusBar(FittingStatusBar(self))  # a long message ends in "…", the whole of it its tooltip
        self.retry_notice = RetryNotice(self.statusBar(), self)
        self.presenter = ConversationPresenter(
            self.chat,
            self.retry_notice,
            history,
            chats,
            bots,
            language=language,
            bot_for_new_chat=bot_for_new_chat,
            is_demo=is_demo,
            is_demo_target=is_demo_target,
            bot_choices=bot_choices,
            api_base=api_base,
            parent=self,
        )
        self.transfer = TransferActions(
            history,
            self,
            lambda: self.presenter.current,
            self.statusBar().showMessage,
            language=language,
            picture_cache=self._picture_cache,
            attachments=self._attachments,
        )
        self.help = HelpActions(self, log_dir)
        self.conversations = ConversationActions(
            history, chats, self, lambda: self.presenter.current, self.sidebar, is_demo_target=is_demo_target
        )
        self.zoom = Zoom(self.chat.view.set_font_point_size, lambda: self.font().pointSizeF())
        self.edit = EditActions()
        self.outside_hold = OutsideHold(  # Send waits while another process answers in the open chat
            self.presenter.outside, self.chat.composer, lambda: self.presenter.current, chats.is_busy, self
        )
        self.sidebar_toggle = SidebarToggle(self, self.splitter, self.sidebar.list, self.chat.composer.focus)
        self._reload_timer = QTimer(self, singleShot=True, interval=120)  # the list reloads once for a burst
        slots = window_slots(self) | {"demo": self.demoRequested.emit, "settings": self.settingsRequested.emit}
        self.menus = WindowMenus(self, slots, self.edit)  # from the one table of commands and keys
        self._connect()
        self.model.fetchMore()

    def _picture_cache(self) -> ImageCache | None:
        """The disk cache of the pictures the chat showed (the PDF export puts them in)."""
        media = self.chat.view.media
        return media.images.loader.cache if media is not None else None

    def _attachments(self) -> Path | None:
        """The folder of the local copies of attached files (the PDF export draws questions' pictures)."""
        media = self.chat.view.media
        thumbnails = media.thumbnails if media is not None else None
        return thumbnails.loader.copies.folder if thumbnails is not None else None

    def _list_avatar(self, bot_id: str) -> QPixmap | None:
        """A chat's bot picture for the conversation list, round and crisp (None: the list draws an initial)."""
        path = self._bots.icon_path(bot_id)
        picture = read_pixmap(path) if path is not None else QPixmap()
        size = ConversationDelegate.AVATAR
        return None if picture.isNull() else rounded(picture, size, self.devicePixelRatioF())

    # -- wiring -----------------------------------------------------------------------------------

    def _connect(self) -> None:
        side, view, composer, presenter = self.sidebar, self.chat.view, self.chat.composer, self.presenter
        side.conversationSelected.connect(self.open_conversation)
        side.newRequested.connect(self.new_chat)
        side.renameRequested.connect(self._history.rename)
        side.pinRequested.connect(self._history.set_pinned)
        side.deleteRequested.connect(self.conversations.delete)
        side.searchChanged.connect(self._search)
        side.searchHitActivated.connect(presenter.jump_to)
        side.searchHitActivated.connect(lambda _conversation, message: view.highlight_text(message, side.query()))
        side.searchLeft.connect(lambda: self.show_welcome(self.right.currentWidget() is self.welcome))  # its focus
        composer.sendRequested.connect(presenter.send)
        composer.stopRequested.connect(presenter.stop)
        view.followUpClicked.connect(presenter.send)
        view.retryRequested.connect(presenter.retry)
        view.newConversationRequested.connect(presenter.retry_in_new_coze_conversation)
        view.settingsRequested.connect(self.settingsRequested)
        view.loadOlderRequested.connect(presenter.load_older)
        presenter.currentChanged.connect(self._select_in_sidebar)
        presenter.conversationCreated.connect(side.reload)
        presenter.titleChanged.connect(self._set_title)
        presenter.settingsRequested.connect(self.settingsRequested)
        self.chat.header.botChosen.connect(presenter.choose_bot)
        self.welcome.demoRequested.connect(self.demoRequested)
        self.welcome.connectRequested.connect(self.settingsRequested)
        self._reload_timer.timeout.connect(side.reload)
        for chosen in (side.conversationSelected, side.newRequested, side.searchHitActivated, side.searchLeft):
            chosen.connect(self.sidebar_toggle.chat_chosen)  # a drawer over a narrow window makes way
        self.chat.header.sidebar_button.clicked.connect(self.sidebar_toggle.toggle)
        self.sidebar_toggle.shownChanged.connect(self.menus.actions["sidebar"].setChecked)
        self.sidebar_toggle.shownChanged.connect(self.chat.header.sidebar_button.setChecked)
        self.sidebar_toggle.refresh()
        # The services outlive the window: these connections are tracked so detach() undoes them.
        services = self._services
        services.connect(self._history.conversationsChanged, self._reload_timer.start)
        services.connect(self._history.conversationDeleted, presenter.on_deleted)
        services.connect(self._history.conversationsChanged, presenter.on_conversations_changed)
        services.connect(self._history.outside.changed, self._reload_timer.start)  # another process wrote
        services.connect(self._history.outside.changed, presenter.on_conversations_changed)
        services.connect(self._history.outside.changed, presenter.outside.check)
        self._history.outside.start()
        services.connect(self._chats.messageAdded, presenter.on_message_added)
        services.connect(self._chats.answerDelta, presenter.on_delta)
        services.connect(self._chats.messageUpdated, presenter.on_message_updated)
        services.connect(self._chats.messageReplaced, presenter.on_message_replaced)
        services.connect(self._chats.followUpsChanged, presenter.on_follow_ups)
        services.connect(self._chats.busyChanged, self.model.set_busy)
        services.connect(self._chats.busyChanged, presenter.on_busy)
        services.connect(self._chats.retrying, presenter.on_retrying)
        services.connect(self._chats.conversationUpdated, lambda _conversation: self._reload_timer.start())
        services.connect(self._chats.conversationUpdated, lambda _conversation: presenter.on_conversations_changed())
        services.connect(self._bots.botUpdated, presenter.on_bot_updated)
        services.connect(self._bots.botUpdated, lambda bot_id: self.model.bot_changed(bot_id, self._bots.name(bot_id)))

    def detach(self) -> None:
        """The services are going away (quit): stop listening to them and stop pending refreshes.

        Only the connections this window made are undone; other receivers keep theirs."""
        self._reload_timer.stop()
        self._history.outside.stop()
        self.outside_hold.stop()
        self._services.disconnect_all()
        self.transfer.detach()

    # -- pages and conversations (what the chat pane shows is the presenter's) --------------------

    def show_welcome(self, show: bool) -> None:
        self.right.setCurrentWidget(self.welcome if show else self.chat)
        if show:
            self.welcome.setFocus()
        else:
            self.chat.composer.focus()

    @property
    def current_conversation(self) -> int | None:
        return self.presenter.current

    def new_chat(self) -> None:
        if self.presenter.bot_for_new_chat() is None:  # nothing configured: the welcome page offers both ways
            self.show_welcome(True)
            choose_first = lambda: self.tr("A new chat needs a bot: try the demo bot or connect your Coze bot.")  # noqa: E731
            show_status(self.statusBar(), choose_first, NOTICE_MS)  # Ctrl+N must not do nothing
            return
        self.sidebar.search.clear()  # the list again, where the new chat will show (not old search results)
        self.presenter.new_chat()
        self.show_welcome(False)

    def open_conversation(self, conversation_id: int) -> None:
        self.presenter.open(conversation_id)
        self.show_welcome(False)

    def refresh(self) -> None:
        """Settings changed (bot, demo mode): re-read what is shown."""
        self.sidebar.reload()
        self.presenter.refresh()
        self.show_welcome(False)

    def send(self, text: str) -> None:
        self.presenter.send(text)

    def stop(self) -> None:
        self.presenter.stop()

    def _select_in_sidebar(self, conversation_id: int | None) -> None:
        if conversation_id is None:
            self.sidebar.list.clearSelection()
            self.sidebar.list.setCurrentIndex(self.model.index(-1))
            return
        with QSignalBlocker(self.sidebar):  # selecting it in the list must not open it a second time
            self.sidebar.select(conversation_id)

    def _set_title(self, title: str) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        shown = isolate(data_text(title), RIGHT_TO_LEFT_MARK if rtl else LEFT_TO_RIGHT_MARK)  # (the title leads)
        self.setWindowTitle(self.tr("{title} — Coze Desktop").format(title=shown) if title else self.tr("Coze Desktop"))

    def _search(self, text: str) -> None:
        if text:
            hits = self._history.search(text, HIT_MARKERS)
            self.sidebar.show_hits(hits, capped=len(hits) >= SEARCH_LIMIT)

    def set_font_size(self, size: float) -> None:
        self.zoom.set(size)

    # -- state ------------------------------------------------------------------------------------

    def save_state(self) -> tuple[str, str, bool]:
        """Geometry, the splitter's sizes (as they were while both sides showed) and whether the list is hidden."""
        splitter, hidden = self.sidebar_toggle.save()
        return _b64(self.saveGeometry()), _b64(splitter), hidden

    def restore_state(self, geometry: str, splitter: str, sidebar_hidden: bool = False) -> None:
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        self.sidebar_toggle.restore(QByteArray.fromBase64(splitter.encode("ascii")), sidebar_hidden)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.conversations.finish_pending()  # a deletion still offering Undo goes through
        self.closing.emit()
        super().closeEvent(event)


def _b64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")
