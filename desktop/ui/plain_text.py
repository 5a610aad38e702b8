"""Showing data (remote or user text) in widgets: always as plain text, one line, bounded.

Qt guesses whether a label's, a tooltip's or a message box's text is HTML (`Qt.AutoText`): a bot
named `<img src="file:///...">` would render a local file and styled spans. Everything that shows
data goes through here: `DataLabel` (PlainText, bidi and control characters neutralised, capped
in characters and elided to its width), `data_text` for item texts and window titles,
`plain_tooltip` (tooltips are always guessed, so the text is escaped inside real HTML),
`message_box` (a QMessageBox with PlainText), and `plain_label` / `scrolling_form` for the small forms
a bot's data builds (a shortcut command's inputs, a chatflow's input card): plain, wrapped, bounded.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QMessageBox, QScrollArea, QSizePolicy, QStyle, QWidget

from desktop.core.text_safety import elide, one_line, strip_controls
from desktop.ui.chat.markdown import neutralize

MAX_LABEL_CHARS = 200  # a name or a title: more is never useful, and it keeps layout cheap
MAX_TOOLTIP_CHARS = 1000
MAX_MESSAGE_CHARS = 2000
MAX_PREVIEW_CHARS = 300  # a sidebar preview or a search snippet line


def data_text(text: str, max_chars: int = MAX_LABEL_CHARS) -> str:
    """One display line of `text`: no controls, no bidi overrides or invisible characters, capped."""
    return one_line(neutralize(text), max_chars)


def plain_tooltip(text: str, max_chars: int = MAX_TOOLTIP_CHARS) -> str:
    """A tooltip that shows `text` literally (line breaks kept)."""
    if not text:
        return ""
    body = html.escape(elide(neutralize(text), max_chars), quote=False)
    return f"<p style='white-space:pre-wrap'>{body}</p>"


def plain_label(text: str, parent: QWidget, max_chars: int = MAX_LABEL_CHARS) -> QLabel:
    """A wrapped label showing `text` literally (a form row's name, a command's description): Qt would
    otherwise render `<img src="/dev/urandom">` from a bot's data and read that file until memory ran out."""
    label = QLabel(elide(strip_controls(neutralize(text)), max_chars), parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def scrolling_form(form: QLayout, parent: QWidget) -> QScrollArea:
    """`form` in a frameless scroll area: a form with thousands of rows stays on the screen (a scroll
    area's size hint stops at about 24 lines) and its buttons stay reachable; word-wrapped lines keep their
    height for the width (the area honours it) and a page taller than its window scrolls instead of squeezing
    them."""
    inner = QWidget()
    inner.setLayout(form)
    area = QScrollArea(parent)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the first field takes the focus, as without the area
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(inner)
    return area


class DataLabel(QLabel):
    """A QLabel for data: plain text, one neutralised line, capped, elided to its width (the whole
    line in the tooltip when it is cut), at the start of the line as the interface reads: Qt would put
    a title that starts with an Arabic or Hebrew word at the far end of the header."""

    def __init__(self, parent: QWidget | None = None, *, max_chars: int = MAX_LABEL_CHARS) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._max_chars = max_chars
        self._full = ""
        self._lead()

    def _lead(self) -> None:
        """Align to the interface's start, absolutely (not to the text's own direction)."""
        start = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        self.setAlignment(QStyle.visualAlignment(self.layoutDirection(), start))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._lead()

    def set_data(self, text: str) -> None:
        self._full = data_text(text, self._max_chars)
        self._refit()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def _refit(self) -> None:
        width = self.contentsRect().width()
        shown = self._full
        if width > 0:
            shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(plain_tooltip(self._full) if shown != self._full else "")


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    *,
    details: str = "",
) -> QMessageBox:
    """A modal message box whose text may carry data: plain text, bounded; not shown yet."""
    box = QMessageBox(icon, data_text(title), elide(neutralize(text), MAX_MESSAGE_CHARS), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """Show a warning whose text may carry data (an error message, a file name) and wait for OK."""
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()
