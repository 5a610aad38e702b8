"""The first-run page: try the demo bot, or connect your own Coze bot."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

TEXT_WIDTH = 520


class WelcomePage(QWidget):
    demoRequested = Signal()
    connectRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        title = QLabel(self.tr("Welcome to Coze Desktop"), self)
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        body = QLabel(
            self.tr(
                "Chat with the bots you build on Coze (扣子) in a real desktop app: many conversations, "
                "streaming answers, and a history that stays on this computer."
            ),
            self,
        )
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setMaximumWidth(TEXT_WIDTH)  # narrower in a narrow window: `_centred` gives it the width there is
        self._wrapped = [body]
        self.demo_button = QPushButton(self.tr("Try the demo bot"), self)
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setToolTip(self.tr("A local demo bot: no account, no token, no internet needed"))
        self.connect_button = QPushButton(self.tr("Connect your Coze bot…"), self)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        hint = QLabel(
            self.tr("To connect, you need a personal access token and the ID of a bot published to the API channel."),
            self,
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setMaximumWidth(TEXT_WIDTH)
        self._wrapped.append(hint)
        hint.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.connect_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(_centred(body))
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addLayout(_centred(hint))
        layout.addStretch(3)
        self.demo_button.clicked.connect(self.demoRequested)
        self.connect_button.clicked.connect(self.connectRequested)
        self.setFocusProxy(self.connect_button)

    def _reserve_heights(self) -> None:
        """Reserve each wrapped text's full height at the width it has now."""
        for label in self._wrapped:
            label.setMinimumHeight(label.heightForWidth(min(TEXT_WIDTH, max(label.width(), 1))))

    def showEvent(self, event: QShowEvent) -> None:
        self._reserve_heights()  # the font is final only now (theme, language)
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reserve_heights()


def _centred(label: QLabel) -> QHBoxLayout:
    """A word-wrapped label as wide as there is room, up to its maximum, in the middle.

    (In a centring alignment a word-wrapped label would get its narrow size hint, not the room.)"""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(label, 100)
    row.addStretch(1)
    return row
