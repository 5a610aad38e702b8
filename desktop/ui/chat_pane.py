"""The right pane: a header with the bot and the chat's title, the message view, the composer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPainterPath, QPalette, QPixmap
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.ui import icons
from desktop.ui.chat.card_keys import CardKeys
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
    """The shown chat's bot and title; for a new chat, a chooser of the bots added (`botChosen(bot_id)`)."""

    botChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatHeader")
        self.sidebar_button = QToolButton(self)
        self.sidebar_button.setObjectName("sidebarButton")
        self.sidebar_button.setCheckable(True)
        self.sidebar_button.setChecked(True)
        self.sidebar_button.setAutoRaise(True)
        self.sidebar_button.setIconSize(QSize(20, 20))
        self.sidebar_button.setToolTip(self.tr("Show or hide the chat list (Ctrl+B)"))
        self.sidebar_button.setAccessibleName(self.tr("Chat list"))
        self._paint_icons()
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
        layout = self._row = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 16, 8)
        layout.addWidget(self.sidebar_button)
        layout.addWidget(self.avatar)
        layout.addLayout(texts, 1)
        self.bot_chooser = QComboBox(self)
        self.bot_chooser.setObjectName("botChooser")
        self.bot_chooser.setToolTip(self.tr("The bot this new chat talks to"))
        self.bot_chooser.setAccessibleName(self.tr("Bot for this chat"))
        self.bot_chooser.setIconSize(QSize(18, 18))
        self.bot_chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.bot_chooser.setVisible(False)
        # A click leaves the focus where it was (the message box): what is typed after a pick goes there, not to
        # the chooser (a space opened it again, letters chose bots by name). Tab still reaches it.
        self.bot_chooser.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.bot_chooser.activated.connect(lambda index: self.botChosen.emit(str(self.bot_chooser.itemData(index))))
        layout.addWidget(self.bot_chooser)
        self._lock_height()

    def _lock_height(self) -> None:
        """One height for every chat: two lines as tall as Chinese and emoji make them (a CJK or emoji
        fallback font's lines are taller than the Latin font's: the header jumped 4 px between a Chinese
        title and a Latin one), or the avatar or the bot chooser if taller. A single line sits in the middle."""
        self.ensurePolished()  # the theme's border (and fonts) first: they are part of the height
        lines = sum(_tallest_line(label) for label in (self.title, self.subtitle))
        margins = self._row.contentsMargins()
        inner = max(lines, self.avatar.height(), self.bot_chooser.sizeHint().height())
        frame = self.contentsRect()  # a style sheet's border (the header's bottom rule) is outside it
        self.setFixedHeight(inner + margins.top() + margins.bottom() + self.rect().height() - frame.height())

    def _paint_icons(self) -> None:
        self.sidebar_button.setIcon(icons.icon("sidebar", self.palette().color(QPalette.ColorRole.WindowText)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):  # the theme changed
            self._paint_icons()
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # View ▸ zoom, the theme
            self._lock_height()
        super().changeEvent(event)

    def set_choices(self, choices: list[tuple[str, str, QPixmap | None]], current: str | None) -> None:
        """(bot ID, name, avatar) of the bots a new chat can use; hidden when there is nothing to choose."""
        self.bot_chooser.blockSignals(True)
        self.bot_chooser.clear()
        for bot_id, name, icon in choices:
            label = data_text(name) or bot_id
            if icon is not None and not icon.isNull():
                self.bot_chooser.addItem(QIcon(rounded(icon, 18, self.devicePixelRatioF())), label, bot_id)
            else:
                self.bot_chooser.addItem(label, bot_id)
        index = self.bot_chooser.findData(current) if current else -1
        self.bot_chooser.setCurrentIndex(max(index, 0))
        self.bot_chooser.blockSignals(False)
        self.bot_chooser.setVisible(len(choices) > 1)

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


def _tallest_line(label: QLabel) -> int:
    """The height `label` takes for one line with Latin, Chinese and an emoji in its font (and fallbacks)."""
    probe = QLabel("Ag 汉字 👋")
    probe.setObjectName(label.objectName())  # the theme's rules for it, too
    probe.setEnabled(label.isEnabled())
    probe.setFont(label.font())
    return probe.sizeHint().height()


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
        # A live chatflow card is the next stop after the message box: Tab, arrows, Enter, 1–9, Esc.
        self.card_keys = CardKeys(self.view.list_view, self.view.cards, self.composer.edit, self.composer.focus)
        self.view.keys.back = self.composer.focus  # Esc on a message; a card's ring comes before the messages'
        self.view.keys.card_ring = lambda: bool(self.card_keys.focused)
        self.view.type_ahead.set_box(self.composer.edit)  # a letter (or pinyin) typed on the list starts the message
