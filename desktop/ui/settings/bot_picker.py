"""The bot picker: every bot published to the API channel in the account's workspaces, with avatar,
name and description, a workspace filter and a search; tick several and add them.

It shows what the AccountService loads (catalogLoaded / catalogFailed / iconLoaded) and does no I/O
itself. The demo bot is always listed first. A 4101 names the missing permission and points to the
manual way (paste a bot ID on the Bots tab), which stays available.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.chat.targets import chatflow_key, info_id
from desktop.core.coze import CozeError
from desktop.core.coze.catalog import BotSummary, Catalog
from desktop.core.coze.error_text import text_for
from desktop.core.coze.workflows import App, ChatflowSummary
from desktop.core.destination import Credential
from desktop.services.account import AccountService
from desktop.ui import icons
from desktop.ui.i18n import current_language
from desktop.ui.plain_text import data_text, plain_tooltip
from desktop.ui.settings.widgets import StatusLine

ID_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
WORKSPACE_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
ALL = ""
AVATAR = 36
MAX_DESCRIPTION = 120


class BotPicker(QDialog):
    def __init__(  # noqa: PLR0917
        self,
        service: AccountService,
        api_base: str,
        credential: Credential,
        demo: tuple[str, str],
        added: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add bots from your workspaces"))
        self.resize(620, 560)
        self._service = service
        self._api_base = api_base
        self._credential = credential
        self._added = set(added)
        self._icons: dict[str, list[QListWidgetItem]] = {}
        self._placeholder = icons.icon("bot", self.palette().color(QPalette.ColorRole.PlaceholderText))

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by name or description"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.workspace = QComboBox()
        self.workspace.addItem(self.tr("All workspaces"), ALL)
        self.workspace.currentIndexChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setIconSize(QSize(AVATAR, AVATAR))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setWordWrap(True)
        self.list.itemChanged.connect(lambda _item: self._update_button())
        self.list.itemActivated.connect(self._toggle)
        _visible_check_boxes(self.list)
        self.status = StatusLine()
        self._found = [0, 0]  # bots, chatflows listed (the demo bot aside)
        self.reload = QPushButton(self.tr("&Reload"))
        self.reload.clicked.connect(self.load)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.workspace, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reload)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 12)
        column.setSpacing(10)
        column.addLayout(filters)
        column.addWidget(self.list, 1)
        column.addWidget(self.status)
        column.addLayout(bottom)

        demo_id, demo_name = demo
        self._add_item(
            BotSummary(demo_id, demo_name, self.tr("The built-in demo bot: works offline, no account needed."), "", ALL)
        )
        service.catalogLoaded.connect(self._on_catalog)
        service.catalogFailed.connect(self._on_failed)
        service.chatflowsLoaded.connect(self._on_chatflows)
        service.iconLoaded.connect(self._on_icon)
        self._update_button()
        self.search.setFocus()
        self.load()

    # -- loading ----------------------------------------------------------------------------------
    def load(self) -> None:
        self.status.show_message("busy", self.tr("Loading the bots of your workspaces…"))
        self.reload.setEnabled(False)
        self._service.load_catalog(self._api_base, self._credential)

    def _on_catalog(self, catalog: Catalog) -> None:
        self.reload.setEnabled(True)
        self._icons.clear()
        while self.list.count() > 1:  # the demo bot stays first
            self.list.takeItem(1)
        while self.workspace.count() > 1:
            self.workspace.removeItem(1)
        count = 0
        demo_id = str(self.list.item(0).data(ID_ROLE))
        for space, bots in catalog:
            self.workspace.addItem(data_text(space.name) or space.id, space.id)
            for bot in bots:
                if bot.bot_id != demo_id:  # the local server's own demo bot is the built-in one
                    self._add_item(bot)
                    count += 1
        # The apps' chatflows come next, as they are listed (a chatflow is a chat target too).
        self._service.load_chatflows(self._api_base, self._credential, [space.id for space, _bots in catalog])
        self._found = [count, 0]
        self._say_found()
        self._filter()

    def _say_found(self) -> None:
        """What the list holds, once the bots are in and again when the apps' chatflows join them."""
        bots, flows = self._found
        if flows and bots:
            text = self.tr("{0} bot(s) and {1} chatflow(s) published to the API.").format(bots, flows)
        elif flows:
            text = self.tr("{0} chatflow(s) published to the API.").format(flows)
        elif bots:
            text = self.tr("{0} bot(s) published to the API channel.").format(bots)
        else:
            text = self.tr(
                "No bot in your workspaces is published to the API channel yet. In Coze, publish a bot and "
                "tick “API”, then Reload."
            )
        self.status.show_message("info", text)

    def _on_chatflows(self, found: list[tuple[App, ChatflowSummary]]) -> None:
        for app, flow in found:
            key = chatflow_key(flow.workflow_id, app_id=app.app_id)
            if any(self.list.item(row).data(ID_ROLE) == key for row in range(self.list.count())):
                continue
            about = self.tr("Chatflow in the app “{0}”").format(data_text(app.name) or app.app_id)
            description = f"{about} · {flow.description}" if flow.description else about
            self._add_item(BotSummary(key, flow.name, description, flow.icon_url or app.icon_url, app.workspace_id))
            self._found[1] += 1
        self._say_found()
        self._filter()

    def _on_failed(self, error: CozeError) -> None:
        self.reload.setEnabled(True)
        text = text_for(error, current_language())
        self.status.show_message("error", f"{text.sentence} {text.action}", details=error.summary())

    def _on_icon(self, url: str, data: bytes) -> None:
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            return
        icon = QIcon(
            pixmap.scaled(
                AVATAR * 2, AVATAR * 2, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        for item in self._icons.pop(url, []):
            item.setIcon(icon)

    def _add_item(self, bot: BotSummary) -> None:
        name = data_text(bot.name) or bot.bot_id
        description = data_text(bot.description)
        if len(description) > MAX_DESCRIPTION:
            description = description[: MAX_DESCRIPTION - 1] + "…"
        item = QListWidgetItem(f"{name}\n{description}" if description else name)
        item.setData(ID_ROLE, bot.bot_id)
        item.setData(NAME_ROLE, bot.name)
        item.setData(WORKSPACE_ROLE, bot.workspace_id)
        item.setData(SEARCH_ROLE, f"{bot.name}\n{bot.description}\n{bot.bot_id}".casefold())
        item.setToolTip(plain_tooltip(f"{bot.name}\n{info_id(bot.bot_id)}"))
        item.setSizeHint(QSize(0, AVATAR + 14))
        if bot.bot_id in self._added:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable & ~Qt.ItemFlag.ItemIsEnabled)
            item.setText(item.text().replace(name, name + "  —  " + self.tr("added"), 1))
        else:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        item.setIcon(self._placeholder)
        self.list.addItem(item)
        if bot.icon_url:
            self._icons.setdefault(bot.icon_url, []).append(item)
            if len(self._icons[bot.icon_url]) == 1:
                self._service.load_icon(bot.icon_url)

    # -- filtering and picking --------------------------------------------------------------------
    def _filter(self) -> None:
        words = self.search.text().casefold().split()
        space = self.workspace.currentData()
        for row in range(self.list.count()):
            item = self.list.item(row)
            in_space = not space or item.data(WORKSPACE_ROLE) in (space, ALL)
            matches = all(word in str(item.data(SEARCH_ROLE)) for word in words)
            item.setHidden(not (in_space and matches))

    def _toggle(self, item: QListWidgetItem) -> None:
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _update_button(self) -> None:
        count = len(self.picked())
        self.add_button.setText(self.tr("Add {0} bot(s)").format(count) if count else self.tr("Add"))
        self.add_button.setEnabled(count > 0)

    def picked(self) -> list[tuple[str, str]]:
        """(bot ID, name) of every ticked bot, in list order."""
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append((str(item.data(ID_ROLE)), str(item.data(NAME_ROLE))))
        return out

    def done(self, result: int) -> None:
        for signal, slot in (
            (self._service.catalogLoaded, self._on_catalog),
            (self._service.catalogFailed, self._on_failed),
            (self._service.chatflowsLoaded, self._on_chatflows),
            (self._service.iconLoaded, self._on_icon),
        ):
            signal.disconnect(slot)
        super().done(result)


def _visible_check_boxes(view: QListWidget) -> None:
    """Fusion outlines item check boxes with the Window color darkened, which vanishes on a dark Base:
    give the view a lighter Window so the empty boxes show (light themes keep their palette)."""
    palette = view.palette()
    if palette.color(QPalette.ColorRole.Base).lightness() < 128:
        palette.setColor(QPalette.ColorRole.Window, QColor(0x9A, 0x9A, 0x9A))
        view.setPalette(palette)
