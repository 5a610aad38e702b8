"""The right pane: a header with the bot and the chat's title, the message view, the composer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.ui.chat.chat_view import ChatView
from desktop.ui.composer import Composer
from desktop.ui.plain_text import DataLabel, data_text


def rounded(source: QPixmap, size: int, ratio: float) -> QPixmap:
    """`source` scaled into a circle of `size` logical pixels (crisp on high-DPI screens)."""
    pixels = round(size * ratio)
    scaled = source.scaled(
        pixels, pixels, Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation
    )
    result = QPixmap(pixels, pixels)
    result.fill(Qt.GlobalColor.transparent)
    painter = QPainter(result)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addEllipse(0, 0, pixels, pixels)
    painter.setClipPath(path)
    painter.drawPixmap((pixels - scaled.width()) // 2, (pixels - scaled.height()) // 2, scaled)
    painter.end()
    result.setDevicePixelRatio(ratio)
    return result


class ChatHeader(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatHeader")
        self.avatar = QLabel(self)
        self.avatar.setObjectName("botAvatar")
        self.avatar.setFixedSize(32, 32)
        self.avatar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = DataLabel(self)
        self.title.setObjectName("chatTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = DataLabel(self)
        self.subtitle.setObjectName("chatSubtitle")
        self.subtitle.setEnabled(False)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.title)
        texts.addWidget(self.subtitle)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.avatar)
        layout.addLayout(texts, 1)

    def set_bot(self, name: str, title: str, demo: bool = False, icon: QPixmap | None = None) -> None:
        if icon is not None and not icon.isNull():
            self.avatar.setPixmap(rounded(icon, self.avatar.width(), self.devicePixelRatioF()))
        else:
            self.avatar.setPixmap(QPixmap())
            self.avatar.setText((data_text(name).strip()[:1] or "?").upper())
        self.title.set_data(title or name)
        subtitle = name if title else ""
        if demo:
            subtitle = (subtitle + " · " if subtitle else "") + self.tr("demo mode, local")
        self.subtitle.set_data(subtitle)
        self.subtitle.setVisible(bool(subtitle))


class ChatPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatPane")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.header = ChatHeader(self)
        self.view = ChatView(self)
        self.composer = Composer(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.composer)
