"""The "/" menu over the message box: the bot's shortcut commands that match what follows "/".

It opens when the message starts with "/" (one word, no space yet) and the bot has commands; Up/Down
move, Enter or Tab picks, Esc closes it (the text stays), a click picks too. It never takes the focus
from the message box, which hands it the keys first (`handle_key`). Emits chosen(ShortcutCommand).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.coze.shortcuts import ShortcutCommand
from desktop.ui.plain_text import plain_tooltip

MAX_ROWS = 6
_COMMAND = Qt.ItemDataRole.UserRole + 1


def matches(command: ShortcutCommand, typed: str) -> bool:
    """Whether a command fits what was typed after "/" (its command, its name or its description)."""
    word = typed.casefold()
    return not word or any(word in text.casefold() for text in (command.command[1:], command.name, command.description))


class _CommandRow(QStyledItemDelegate):
    """A command in two lines: "/weather" in bold with its name, the description muted below."""

    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(200, 2 * line + 2 * self.PAD + 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        command = index.data(_COMMAND)
        if not isinstance(command, ShortcutCommand):
            super().paint(painter, option, index)
            return
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            tint = palette.color(QPalette.ColorRole.Highlight)
            tint.setAlphaF(0.16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tint)
            painter.drawRoundedRect(rect.adjusted(2, 1, -2, -1), 6, 6)
        font: QFont = QFont(option.font)
        line = QFontMetrics(font).height()
        inner = rect.adjusted(self.PAD + 4, self.PAD, -self.PAD, -self.PAD)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Text))
        head = QRect(inner.left(), inner.top(), inner.width(), line)
        painter.drawText(head, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), command.command)
        shift = QFontMetrics(bold).horizontalAdvance(command.command + "   ")
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            head.adjusted(shift, 0, 0, 0), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), command.name
        )
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        about = QFontMetrics(font).elidedText(command.description, Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(
            QRect(inner.left(), inner.top() + line + 2, inner.width(), line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            about,
        )
        painter.restore()


class ShortcutMenu(QFrame):
    chosen = Signal(object)

    def __init__(self, anchor: QWidget) -> None:
        super().__init__(anchor)
        self.setObjectName("shortcutMenu")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(
            "#shortcutMenu { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }"
        )
        self._anchor = anchor  # the message box: the menu sits right above it
        self._commands: tuple[ShortcutCommand, ...] = ()
        self.list = QListWidget(self)
        self.list.setObjectName("shortcutList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setItemDelegate(_CommandRow(self.list))
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.itemClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list)
        self.hide()

    @property
    def commands(self) -> tuple[ShortcutCommand, ...]:
        return self._commands

    def set_commands(self, commands: tuple[ShortcutCommand, ...]) -> None:
        self._commands = commands
        if not commands:
            self.hide()

    def shown_commands(self) -> list[ShortcutCommand]:
        found = (self.list.item(row).data(_COMMAND) for row in range(self.list.count()))
        return [command for command in found if isinstance(command, ShortcutCommand)]

    def current(self) -> ShortcutCommand | None:
        item = self.list.currentItem()
        command = item.data(_COMMAND) if item is not None else None
        return command if isinstance(command, ShortcutCommand) else None

    def follow(self, text: str) -> None:
        """Open, filter or close the menu for the message box's text."""
        typed = text[1:] if text.startswith("/") else None
        if typed is None or not self._commands or any(c.isspace() for c in typed):
            self.hide()
            return
        found = [c for c in self._commands if matches(c, typed)]
        # A command whose name starts with what was typed comes first ("/look" picks /look, not a command
        # whose description says "look"); otherwise the bot's order stays.
        found.sort(key=lambda c: not c.command.lstrip("/").lower().startswith(typed.lower()))
        self.list.clear()
        for command in found:
            item = QListWidgetItem(f"{command.command}   {command.name}")  # the text screen readers say
            item.setData(_COMMAND, command)
            item.setToolTip(plain_tooltip(command.description))
            self.list.addItem(item)
        if not found:
            empty = QListWidgetItem(self.tr("No shortcut command matches “/{typed}”").format(typed=typed))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        self.list.setCurrentRow(0 if found else -1)
        self._place(len(found) or 1)
        self.show()
        self.raise_()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Keys the message box hands over while the menu is open; True when the menu used it."""
        if not self.isVisible():
            return False
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            count = self.list.count()
            if count and self.current() is not None:
                step = -1 if key == Qt.Key.Key_Up else 1
                self.list.setCurrentRow((self.list.currentRow() + step) % count)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            command = self.current()
            if command is None:
                return key == Qt.Key.Key_Tab  # nothing matches: Enter sends the text as it is
            self.hide()
            self.chosen.emit(command)
            return True
        if key == Qt.Key.Key_Escape:
            self.hide()
            return True
        return False

    def _clicked(self, item: QListWidgetItem) -> None:
        command = item.data(_COMMAND)
        if isinstance(command, ShortcutCommand):
            self.hide()
            self.chosen.emit(command)

    def _place(self, rows: int) -> None:
        """Right above the message box, as wide as it, tall enough for `rows` (at most MAX_ROWS)."""
        window = self._anchor.window()
        if self.parentWidget() is not window:
            self.setParent(window)
        row_height = self.list.sizeHintForRow(0) if self.list.count() else 40
        height = min(rows, MAX_ROWS) * row_height + 2 * self.list.frameWidth() + 10
        width = max(self._anchor.width(), 280)
        corner = self._anchor.mapTo(window, QPoint(0, 0))
        self.setGeometry(corner.x(), max(0, corner.y() - height - 4), width, height)

    def sizeHint(self) -> QSize:
        return QSize(max(self._anchor.width(), 280), 200)
