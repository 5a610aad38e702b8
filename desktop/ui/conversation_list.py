"""The left pane: a search box, a New chat button, and the conversation list (or search results).

Emits intent only: conversationSelected(id), newRequested(), renameRequested(id, title),
deleteRequested(id), pinRequested(id, pinned), searchChanged(text), searchHitActivated(conv, msg).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.store.models import SearchHit
from desktop.ui.commands import command, menu_keys
from desktop.ui.conversation_delegate import ConversationDelegate
from desktop.ui.conversation_groups import ListLabels
from desktop.ui.conversation_model import ConversationListModel, Role
from desktop.ui.hinted_list_view import HintedListView
from desktop.ui.search_results import SearchResults

HIT_MARKERS = ("\u0002", "\u0003")  # the store wraps matches in these; the results list bolds them


class ConversationPane(QWidget):
    conversationSelected = Signal(int)
    newRequested = Signal()
    renameRequested = Signal(int, str)
    deleteRequested = Signal(int)
    pinRequested = Signal(int, bool)
    searchChanged = Signal(str)
    searchHitActivated = Signal(int, int)  # conversation id, message id
    searchLeft = Signal()  # Esc in the empty search box: back to where the user writes

    def __init__(self, model: ConversationListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.model = model
        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search (Ctrl+K)"))
        self.search.setToolTip(self.tr("Search all chats (Ctrl+K)"))
        self.new_button = QToolButton(self)
        self.new_button.setObjectName("newChatButton")
        self.new_button.setText(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("New chat (Ctrl+N)"))
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.list = HintedListView(self._empty_hint, self)
        self.list.setObjectName("conversationList")
        self.list.setModel(model)
        self.labels = ListLabels(self)
        self.delegate = ConversationDelegate(self.labels, self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(False)  # a group's first row is taller: it carries the heading
        self.list.setMouseTracking(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setFrameShape(QListView.Shape.NoFrame)
        self.list.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )  # rows elide, never scroll sideways
        self.results = SearchResults(HIT_MARKERS, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.results)

        top = QHBoxLayout()
        top.setContentsMargins(10, 10, 10, 6)
        top.setSpacing(6)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)  # search as you type, not per keystroke
        self._search_timer.timeout.connect(lambda: self.searchChanged.emit(self.search.text().strip()))
        self.search.textChanged.connect(self._on_search_text)
        self.search.returnPressed.connect(self._activate_first_hit)
        self.new_button.clicked.connect(self.newRequested)
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self.list.doubleClicked.connect(lambda index: self.rename_current())
        model.renamed = self.renameRequested.emit
        self.list.customContextMenuRequested.connect(self._context_menu)
        for keys in command("delete_in_list").sequences():  # Del on the list only (the table in commands.py)
            shortcut = QShortcut(keys, self.list, self._delete_current)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # (the constructor's context is ignored)
            shortcut.setObjectName("delete_in_list")
        self.results.hitActivated.connect(self.searchHitActivated)
        self.search.installEventFilter(self)

    def _empty_hint(self) -> str:
        return self.tr("No chats yet.\nStart one with New chat (Ctrl+N).")

    # -- selection --------------------------------------------------------------------------------

    def current_id(self) -> int | None:
        index = self.list.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select(self, conversation_id: int) -> None:
        row = self.model.row_of(conversation_id)
        while row < 0 and self.model.canFetchMore():
            self.model.fetchMore()
            row = self.model.row_of(conversation_id)
        if row >= 0:
            index = self.model.index(row)
            if self.list.currentIndex() != index:
                self.list.setCurrentIndex(index)
            self.list.scrollTo(index)

    def reload(self) -> None:
        current = self.current_id()
        blocker = self.list.selectionModel().blockSignals(True)
        self.model.reload()
        if current is not None:
            self.select(current)
        self.list.selectionModel().blockSignals(blocker)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        conversation_id = self.model.id_at(current.row()) if current.isValid() else None
        if conversation_id is not None:
            self.conversationSelected.emit(conversation_id)

    # -- actions ----------------------------------------------------------------------------------

    def rename_current(self) -> None:
        """Edit the selected chat's title in place: Enter keeps it, Esc cancels; the list keeps the focus."""
        index = self.list.currentIndex()
        if index.isValid() and self.stack.currentWidget() is self.list:
            self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.list.edit(index)

    def _delete_current(self) -> None:
        if (conversation_id := self.current_id()) is not None and self.stack.currentWidget() is self.list:
            self.deleteRequested.emit(conversation_id)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)  # a scroll area reports viewport coordinates
        if not index.isValid():
            return
        self.list.setCurrentIndex(index)
        conversation_id = self.model.id_at(index.row())
        if conversation_id is None:
            return
        pinned = bool(index.data(Role.PINNED))
        menu = QMenu(self)
        rename = QAction(self.tr("Rename"), menu)
        pin = QAction(self.tr("Unpin") if pinned else self.tr("Pin to top"), menu)
        delete = QAction(self.tr("Delete"), menu)
        rename.triggered.connect(self.rename_current)
        pin.triggered.connect(lambda: self.pinRequested.emit(conversation_id, not pinned))
        delete.triggered.connect(lambda: self.deleteRequested.emit(conversation_id))
        menu.addActions([rename, pin])
        menu.addSeparator()
        menu.addAction(delete)
        menu.popup(self.list.viewport().mapToGlobal(pos))

    # -- search -----------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def query(self) -> str:
        return self.search.text().strip()

    def show_hits(self, hits: list[SearchHit], *, capped: bool = False) -> None:
        self.results.show_hits(hits, self.search.text().strip(), self.tr("New chat"), capped=capped)
        self.stack.setCurrentWidget(self.results)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move the selection in the results; Enter opens it; Esc clears it, and in
        the empty box leaves it (`searchLeft`); the menus'
        keys are the window's, not the box's (X11's line edit took Ctrl+E: Export this chat did nothing)."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.ShortcutOverride
            and QKeySequence(event.keyCombination()) in menu_keys()
        ):
            event.ignore()
            return True
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and self.stack.currentWidget() is self.results
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
        ):
            self.results.move_selection(1 if event.key() == Qt.Key.Key_Down else -1)
            return True
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and self.search.text()
            and QKeySequence(event.keyCombination()) in command("clear_search").sequences()
        ):
            self.search.clear()  # Esc leaves the search: the chat list again, with every chat
            return True
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and QKeySequence(event.keyCombination()) in command("clear_search").sequences()
        ):
            self.searchLeft.emit()  # Esc again, the box empty: typing goes back to the message box
            return True
        return super().eventFilter(watched, event)

    def _on_search_text(self, text: str) -> None:
        if text.strip():
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self.stack.setCurrentWidget(self.list)

    def _activate_first_hit(self) -> None:
        if self._search_timer.isActive():  # the results are not shown yet for what was typed: search now
            self._search_timer.stop()
            self.searchChanged.emit(self.search.text().strip())
        self.results.activate_current()
