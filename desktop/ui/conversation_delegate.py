"""How a conversation looks in the left pane's list: its card (avatar, title, bot, last change time, the
"only on this computer" mark, the keyboard's focus ring), the date headings between groups, and the
in-place rename editor."""

from __future__ import annotations

import time

from PySide6.QtCore import (
    QAbstractItemModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.core.store.conversations import TITLE_CHARS
from desktop.core.text_safety import isolate
from desktop.ui.conversation_groups import DateGroup, ListLabels, error_color
from desktop.ui.conversation_model import Role

Index = QModelIndex | QPersistentModelIndex


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
    BADGE_SHARE = 0.4  # of the second line, at most, for the "only on this computer" tag
    BADGE_PADDING = 10

    def __init__(self, labels: ListLabels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = labels

    def _paint_local_only(self, painter: QPainter, line: QRect, color: QColor) -> QRect:
        """A small outlined tag at the right of the second line; returns what is left for the preview. The tag
        takes at most BADGE_SHARE of the line, so the preview stays readable: the whole phrase where it fits, else
        its short form ("local only", 本机), elided as a last resort (the row's tooltip says it whole)."""
        metrics = painter.fontMetrics()
        room = int(line.width() * self.BADGE_SHARE) - self.BADGE_PADDING
        text = self.labels.local_only
        if metrics.horizontalAdvance(text) > room:
            text = metrics.elidedText(self.labels.local_only_short, Qt.TextElideMode.ElideRight, max(0, room))
        if not text:
            return line
        width = metrics.horizontalAdvance(text) + self.BADGE_PADDING
        tag = QRect(line.right() - width, line.top() + 1, width, line.height() - 2)
        painter.setPen(color)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(tag, 4, 4)
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
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
            preview = f"{preview} · {isolate(words)}" if words else preview
        else:
            painter.setPen(dim)
            preview = self.preview_text(index)
        painter.drawText(
            second,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(preview, Qt.TextElideMode.ElideRight, second.width()),
        )
        painter.restore()

    def preview_text(self, index: Index) -> str:
        """A settled row's second line: who spoke last ("You" for a question not answered yet, else the
        bot's name), then their words."""
        preview = str(index.data(Role.PREVIEW) or "")
        speaker = str(index.data(Role.SPEAKER) or "")
        if speaker and not speaker.isdigit():  # a bot id alone says nothing; its name does
            preview = self.labels.said.format(speaker=isolate(speaker), words=isolate(preview)) if preview else speaker
        return preview

    # -- the inline title editor (F2 or a double click; Enter keeps, Esc cancels) --------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("renameEditor")
        editor.setMaxLength(TITLE_CHARS)  # (the history caps what it stores at the same length)
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
