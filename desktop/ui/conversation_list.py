"""The left pane: a search box, a New chat button, and the conversation list (or search results).

Emits intent only: conversationSelected(id), newRequested(), renameRequested(id, title),
deleteRequested(id), pinRequested(id, pinned), searchChanged(text), searchHitActivated(conv, msg).
"""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QAbstractItemModel,
    QDateTime,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QKeyEvent, QPainter, QPalette, QPen, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMenu,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.store.models import SearchHit
from desktop.ui.commands import command
from desktop.ui.conversation_groups import DateGroup, ListLabels, error_color
from desktop.ui.conversation_model import ConversationListModel, Role
from desktop.ui.search_results import SearchResults

Index = QModelIndex | QPersistentModelIndex
HIT_MARKERS = ("\u0002", "\u0003")  # the store wraps matches in these; the results list bolds them


def short_time(timestamp: float, now: float | None = None) -> str:
    """13:05 today, 11-24 this year, 2025-11-24 before: what chat apps show in a list."""
    moment = QDateTime.fromSecsSinceEpoch(int(timestamp))
    today = QDateTime.fromSecsSinceEpoch(int(now if now is not None else time.time())).date()
    locale = QLocale()
    if moment.date() == today:
        return locale.toString(moment.time(), "HH:mm")
    if moment.date().year() == today.year():
        return locale.toString(moment.date(), "MM-dd")
    return locale.toString(moment.date(), "yyyy-MM-dd")


class ConversationDelegate(QStyledItemDelegate):
    """Two lines per row beside the chat's bot avatar: title + time, then a busy marker or the last
    message's preview. A bot without a picture gets its initial in a circle."""

    AVATAR = 28

    def __init__(self, labels: ListLabels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = labels

    def _paint_local_only(self, painter: QPainter, line: QRect, color: QColor) -> QRect:
        """A small outlined tag at the right of the second line; returns what is left for the preview."""
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(self.labels.local_only) + 10
        tag = QRect(line.right() - width, line.top() + 1, width, line.height() - 2)
        painter.setPen(color)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(tag, 4, 4)
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, self.labels.local_only)
        return line.adjusted(0, 0, -width - 6, 0)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = option.fontMetrics
        heading = self._heading_height(option) if index.data(Role.GROUP) is not None else 0
        return QSize(120, metrics.height() * 2 + 22 + heading)  # as wide as the list: the texts elide

    @staticmethod
    def _heading_height(option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.height() + 12

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        rect: QRect = option.rect
        palette: QPalette = option.palette
        group = index.data(Role.GROUP)
        if group is not None:  # the first row of a date group carries its heading above the card
            heading = self._heading_height(option)
            self._paint_heading(painter, QRect(rect.left(), rect.top(), rect.width(), heading), group, option)
            rect = rect.adjusted(0, heading, 0, 0)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = rect.adjusted(6, 2, -6, -2)
        ring = bool(state & QStyle.StateFlag.State_HasFocus)  # the keyboard's row (the list has the focus)
        if selected or hovered or ring:
            color = palette.color(QPalette.ColorRole.Highlight)
            painter.setPen(QPen(color, 1.5) if ring else Qt.PenStyle.NoPen)
            color.setAlpha(60 if selected else 25)
            painter.setBrush(color if selected or hovered else Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card, 8, 8)
        self._paint_avatar(painter, card, index, palette)
        text_rect = card.adjusted(10 + self.AVATAR + 8, 6, -10, -6)
        font = QFont(option.font)
        metrics = option.fontMetrics
        line = metrics.height()
        when = short_time(float(index.data(Role.UPDATED) or 0))
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(small)
        dim = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(dim)
        time_width = painter.fontMetrics().horizontalAdvance(when) + 4
        painter.drawText(
            QRect(text_rect.right() - time_width, text_rect.top(), time_width, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            when,
        )
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        title_rect = QRect(text_rect.left(), text_rect.top(), text_rect.width() - time_width - 6, line)
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width()),
        )
        painter.setFont(small)
        second = QRect(text_rect.left(), text_rect.top() + line + 4, text_rect.width(), line)
        status = index.data(Role.STATUS)
        if index.data(Role.LOCAL_ONLY) and not index.data(Role.BUSY):
            second = self._paint_local_only(painter, second, dim)
        if index.data(Role.BUSY):
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            preview = "● " + self.labels.answering
        elif status is not None:  # a failed or cut-off answer says so, then what arrived of it
            painter.setPen(palette.color(QPalette.ColorRole.Text) if selected else error_color(palette))
            preview = "⚠ " + self.labels.statuses.get(status, "")
            words = str(index.data(Role.PREVIEW) or "")
            preview = f"{preview} · {words}" if words else preview
        else:
            painter.setPen(dim)
            preview = str(index.data(Role.PREVIEW) or "")
            bot = str(index.data(Role.BOT_NAME) or "")
            if bot and not bot.isdigit():  # a bot id alone says nothing; its name does
                preview = f"{bot}: {preview}" if preview else bot
        painter.drawText(
            second,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(preview, Qt.TextElideMode.ElideRight, second.width()),
        )
        painter.restore()

    # -- the inline title editor (F2 or a double click; Enter keeps, Esc cancels) --------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("renameEditor")
        editor.setAccessibleName(self.labels.rename)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        """Over the title line, beside the avatar."""
        rect = option.rect
        if index.data(Role.GROUP) is not None:
            rect = rect.adjusted(0, self._heading_height(option), 0, 0)
        left = rect.left() + 6 + 10 + self.AVATAR + 8
        line = option.fontMetrics.height()
        editor.setGeometry(QRect(left - 4, rect.top() + 2 + 6 - 4, rect.right() - 16 - left + 8, line + 8))

    def _paint_heading(self, painter: QPainter, box: QRect, group: DateGroup, option: QStyleOptionViewItem) -> None:
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.85))
        small.setWeight(QFont.Weight.DemiBold)
        painter.setFont(small)
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        text_box = box.adjusted(16, 6, -16, 0)
        text = painter.fontMetrics().elidedText(
            self.labels.groups.get(group, ""), Qt.TextElideMode.ElideRight, text_box.width()
        )
        painter.drawText(text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def _paint_avatar(self, painter: QPainter, card: QRect, index: Index, palette: QPalette) -> None:
        size = self.AVATAR
        box = QRect(card.left() + 10, card.center().y() - size // 2 + 1, size, size)
        picture = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(picture, QPixmap) and not picture.isNull():
            painter.drawPixmap(box, picture)
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawEllipse(box)
        name = str(index.data(Role.BOT_NAME) or "")
        initial = (name.strip()[:1] if name and not name.isdigit() else "") or "·"
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, initial.upper())


class ConversationPane(QWidget):
    conversationSelected = Signal(int)
    newRequested = Signal()
    renameRequested = Signal(int, str)
    deleteRequested = Signal(int)
    pinRequested = Signal(int, bool)
    searchChanged = Signal(str)
    searchHitActivated = Signal(int, int)  # conversation id, message id

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
        self.list = QListView(self)
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

    def show_hits(self, hits: list[SearchHit]) -> None:
        self.results.show_hits(hits, self.search.text().strip(), self.tr("New chat"))
        self.stack.setCurrentWidget(self.results)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move the selection in the results; Enter opens it."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and self.stack.currentWidget() is self.results
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
        ):
            self.results.move_selection(1 if event.key() == Qt.Key.Key_Down else -1)
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
