"""Small building blocks of the settings pages: a framed notice and a one-line status message."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from desktop.ui import icons, theme
from desktop.ui.plain_text import plain_tooltip

ICON_SIZE = 16
# Kind of message → (icon name, Scheme color attribute).
_KINDS = {
    "warning": ("warning", "warning"),
    "error": ("warning", "error"),
    "info": ("info", "info"),
    "success": ("check", "success"),
    "busy": ("retry", "text_secondary"),
    "hint": ("info", "text_secondary"),
}


def kind_color(kind: str) -> QColor:
    app = QApplication.instance()
    scheme = theme.colors(app) if isinstance(app, QApplication) else theme.LIGHT
    return QColor(getattr(scheme, _KINDS[kind][1]))


def hint_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """Secondary text under a field: wraps, selectable by nobody, colored by the stylesheet."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setProperty("cozeRole", "hint")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class _Icon(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = ""
        self.setFixedSize(ICON_SIZE, ICON_SIZE + 2)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)

    def set_kind(self, kind: str) -> None:
        self._kind = kind
        self._refresh()

    def _refresh(self) -> None:
        if self._kind in _KINDS:
            name = _KINDS[self._kind][0]
            self.setPixmap(icons.pixmap(name, ICON_SIZE, kind_color(self._kind), self.devicePixelRatioF()))
        else:
            self.clear()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh()


class Notice(QFrame):
    """A tinted box with an icon and a sentence (warning, error or info); extra widgets go below."""

    def __init__(self, kind: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("cozeNotice", kind)
        self._icon = _Icon(self)
        self._icon.set_kind(kind)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self._body = QVBoxLayout()
        self._body.setSpacing(6)
        self._body.addWidget(self.label)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 10, 8)
        row.setSpacing(8)
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(self._body, 1)

    def add_widget(self, widget: QWidget) -> None:
        self._body.addWidget(widget)

    def set_text(self, text: str) -> None:
        self.label.setText(text)


class StatusLine(QWidget):
    """An icon and a wrapped sentence under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ""
        self._icon = _Icon(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.setVisible(False)

    def show_message(self, kind: str, text: str, details: str = "") -> None:
        """kind: error | success | busy | info | hint; an empty text hides the line."""
        self.kind = kind if text else ""
        self._icon.set_kind(kind)
        self.label.setText(text)
        self.label.setToolTip(plain_tooltip(details))
        role = {"error": "error", "success": "success"}.get(kind, "hint" if kind in ("busy", "hint") else "")
        self.label.setProperty("cozeRole", role)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text() if self.kind else ""

    def clear_message(self) -> None:
        self.show_message("", "")


def vbox(*items: QWidget | QLayout, spacing: int = 4) -> QWidget:
    """A margin-less column, for form fields that carry a hint or a status line under them."""
    container = QWidget()
    column = QVBoxLayout(container)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(spacing)
    for item in items:
        if isinstance(item, QWidget):
            column.addWidget(item)
        else:
            column.addLayout(item)
    return container
