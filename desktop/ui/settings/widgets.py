"""Small building blocks of the settings pages: a framed notice and a one-line status message."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QLayout, QToolButton, QVBoxLayout, QWidget

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
    """An icon and a wrapped sentence under a field; hidden while there is nothing to say. A sentence with
    details (Coze's own words and its logid) has a Details toggle under it that shows them, selectable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ""
        self._icon = _Icon(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QToolButton(self)
        self.details_button.setAutoRaise(True)
        self.details_button.setCheckable(True)
        self.details_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.details_button.setStyleSheet(  # a link under the sentence, flush with it, as in the chat's error card
            "QToolButton { border: none; padding: 1px 0px; color: palette(link); }"
            " QToolButton:focus { border-bottom: 1px solid palette(link); }"
        )
        self.details_button.toggled.connect(self._show_details)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setProperty("cozeRole", "hint")
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.label)
        column.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.details)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(column, 1)
        self.details_button.setVisible(False)
        self.details.setVisible(False)
        self.setVisible(False)
        self._retranslate()

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
        self.details.setText(details.strip())
        self.details_button.setChecked(False)
        self.details_button.setVisible(bool(text and details.strip()))
        self.setVisible(bool(text))
        self._hold_height_soon()

    def text(self) -> str:
        return self.label.text() if self.kind else ""

    def clear_message(self) -> None:
        self.show_message("", "")

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self._retranslate()
        self._hold_height_soon()

    def _hold_height_soon(self) -> None:
        QTimer.singleShot(0, self._hold_height)  # once the page is laid out at its width

    def _hold_height(self) -> None:
        """Never shorter than the wrapped sentence and details need at this width: a dialog's layout squeezed them
        (the Bots tab in Chinese clipped the sentence's third line, and the unfolded details); the minimum makes
        the dialog grow instead. Set when the text changes, never from a resize (growing from resizeEvent is what
        489eac0 reverted)."""
        if shiboken6.isValid(self):
            self.setMinimumHeight(self.heightForWidth(self.width()) if self.isVisible() else 0)

    def _retranslate(self) -> None:
        words = self.tr("Details")
        self.details_button.setText(words + (" ▾" if self.details_button.isChecked() else " ▸"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


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
