"""The first-run page: try the demo bot, or connect your own Coze bot."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
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
        body.setFixedWidth(TEXT_WIDTH)  # word-wrapped labels need a width, or a centring layout squashes them
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
        hint.setFixedWidth(TEXT_WIDTH)
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
        layout.addWidget(body, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(hint, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self.demo_button.clicked.connect(self.demoRequested)
        self.connect_button.clicked.connect(self.connectRequested)
        self.setFocusProxy(self.connect_button)

    def showEvent(self, event: QShowEvent) -> None:
        # The font is final only now (theme, language): reserve the wrapped text's full height.
        for label in self._wrapped:
            label.setMinimumHeight(label.heightForWidth(TEXT_WIDTH))
        super().showEvent(event)
