"""What an empty conversation shows: the bot, its opening words (prologue) and suggested questions.

Signals: `suggestionClicked(str)`, `linkActivated(str)` (an http(s) link in the prologue).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.chat.markdown import CodeRegistry, MarkdownRenderer, is_web_url, neutralize
from desktop.ui.plain_text import data_text, plain_tooltip

MAX_WIDTH = 560
ICON_SIZE = 56


class IntroWidget(QScrollArea):
    suggestionClicked = Signal(str)
    linkActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        body = QWidget(self)
        body.setBackgroundRole(QPalette.ColorRole.Base)
        self.setWidget(body)
        column = QWidget(body)
        column.setMaximumWidth(MAX_WIDTH)
        self._column = column
        self._icon = QLabel(column)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._name = QLabel(column)
        self._name.setTextFormat(Qt.TextFormat.PlainText)
        self._name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._name.setWordWrap(True)
        self._prologue = QLabel(column)
        self._prologue.setWordWrap(True)
        self._prologue.setTextFormat(Qt.TextFormat.RichText)
        self._prologue.setOpenExternalLinks(False)
        self._prologue.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self._prologue.linkActivated.connect(self._on_link)
        self._suggestions = QVBoxLayout()
        self._suggestions.setSpacing(8)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(12)
        inner.addWidget(self._icon)
        inner.addWidget(self._name)
        inner.addWidget(self._prologue)
        inner.addSpacing(8)
        inner.addLayout(self._suggestions)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)
        self._buttons: list[QPushButton] = []

    def set_intro(
        self,
        bot_name: str,
        prologue: str,
        suggestions: list[str],
        *,
        icon: QPixmap | None,
        renderer: MarkdownRenderer,
        font: QFont,
    ) -> None:
        if icon is not None and not icon.isNull():
            self._icon.setPixmap(
                icon.scaled(
                    ICON_SIZE, ICON_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
            self._icon.show()
        else:
            self._icon.hide()
        title = QFont(font)
        title.setPointSizeF(font.pointSizeF() * 1.35 if font.pointSizeF() > 0 else 14)
        title.setWeight(QFont.Weight.DemiBold)
        self._name.setFont(title)
        self._prologue.setFont(font)
        long = len(prologue) > 120 or "\n" in prologue.strip()
        self._prologue.setAlignment(Qt.AlignmentFlag.AlignLeft if long else Qt.AlignmentFlag.AlignHCenter)
        name = data_text(bot_name)
        self._name.setText(name if name else self.tr("Start a new conversation"))
        self._prologue.setText(renderer.render_markdown(prologue, CodeRegistry()) if prologue.strip() else "")
        self._prologue.setVisible(bool(prologue.strip()))
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        metrics = QFontMetrics(font)
        for question in suggestions:
            text = neutralize(question)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, MAX_WIDTH - 40)
            # A button takes "&" as its shortcut mark: "Q&A about R&D" showed "QA about RD" and Alt+A asked it.
            button = QPushButton(shown.replace("&", "&&"), self._column)
            button.setFont(font)
            button.setToolTip(plain_tooltip(text))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            button.setStyleSheet(
                "QPushButton { border: 1px solid palette(mid); border-radius: 15px; padding: 6px 16px;"
                " background: palette(base); text-align: left; }"
                " QPushButton:hover { background: palette(alternate-base); border: 1px solid palette(highlight);"
                " border-radius: 15px; }"
            )
            button.clicked.connect(lambda _checked=False, q=question: self.suggestionClicked.emit(q))
            self._suggestions.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self._buttons.append(button)

    def suggestion_buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def _on_link(self, href: str) -> None:
        if is_web_url(href):
            self.linkActivated.emit(href)
