"""Settings → Bots: the bot IDs to chat with, which one is the default, and a "Test" that asks Coze
for a bot's name (through the `test_bot` callable the dialog was given; this page never does I/O).

A bot whose Test failed can still be added (Add is "without testing": Coze may be out of reach, the token or
the bot's publishing fixed later), but it is marked in the list as failing, with the reason in its tooltip, and
the status line says so; a later Test that finds it takes the mark away. The mark is for this dialog only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.bot_links import bot_id_from
from desktop.core.chat.targets import info_id, parse_key
from desktop.core.coze import BotInfo
from desktop.core.coze.token_source import TokenSource
from desktop.ui import icons
from desktop.ui.plain_text import data_text, plain_tooltip
from desktop.ui.settings.bot_test import BotTest, TestBot
from desktop.ui.settings.chatflow_dialogs import ChatflowIdDialog, ParametersDialog
from desktop.ui.settings.widgets import Notice, StatusLine, hint_label, kind_color
from desktop.ui.settings.wrapped_rows import WrappedRows

__all__ = ["BotsPage", "TestBot"]
# () -> (the API address or None while it is invalid, the token or the signed-in account)
ConnectionGetter = Callable[[], tuple[str | None, "str | TokenSource"]]
ID_ROLE = Qt.ItemDataRole.UserRole
MAX_DESCRIPTION = 160


class BotsPage(QWidget):
    browseRequested = Signal()  # "Browse your bots…": the dialog opens the picker

    def __init__(
        self,
        *,
        bot_ids: list[str],
        default_bot_id: str,
        bot_names: dict[str, str],
        test_bot: TestBot,
        connection: ConnectionGetter,
        env_bot_id: str | None,
        chatflow_parameters: dict[str, dict[str, str]] | None = None,
    ) -> None:
        super().__init__()
        self._parameters = dict(chatflow_parameters or {})  # target key -> a chatflow's input parameters
        self.dialog: ParametersDialog | ChatflowIdDialog | None = None  # the open chatflow dialog, for tests
        self.tester = BotTest(test_bot, self)
        self.tester.busyChanged.connect(self._set_testing)
        self.tester.found.connect(self._on_test_done)
        self.tester.failed.connect(self._on_test_error)
        self._failed: dict[str, str] = {}  # bot ID -> why its last Test failed (in this dialog)
        self._connection = connection
        self._names = dict(bot_names)
        self._learnt: dict[str, str] = {}
        self._default = default_bot_id if default_bot_id in bot_ids else (bot_ids[0] if bot_ids else "")

        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # A long row (name, ID, "its test failed", "default") wraps instead of being cut, again on a resize.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setItemDelegate(WrappedRows(self.list))
        self.list.setIconSize(QSize(18, 18))
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self._make_default())
        self.list.installEventFilter(self)  # Delete removes the selected bot
        self.empty_hint = hint_label(self.tr("No bots yet. Add one below by its ID."))
        self.set_default = QPushButton(self.tr("Set as &default"))
        self.set_default.clicked.connect(self._make_default)
        self.remove = QPushButton(self.tr("&Remove"))
        self.remove.clicked.connect(self._remove)
        self.edit_parameters = QPushButton(self.tr("&Parameters…"))
        self.edit_parameters.setToolTip(self.tr("The chatflow's input parameters, sent with every message"))
        self.edit_parameters.clicked.connect(self._open_parameters)
        self.retest = QPushButton(self.tr("Test a&gain"))  # a bot in the list: its token or publishing changed
        self.retest.setToolTip(self.tr("Ask Coze about the selected bot again"))
        self.retest.clicked.connect(lambda: self._test(self._selected_id()))
        self.browse = QPushButton(self.tr("&Browse your bots…"))
        self.browse.setToolTip(self.tr("Pick bots from your Coze workspaces"))
        self.browse.clicked.connect(self.browseRequested)
        self.add_chatflow = QPushButton(self.tr("Add a &chatflow…"))
        self.add_chatflow.clicked.connect(self._open_chatflow_ids)

        self.bot_id = QLineEdit()
        self.bot_id.setPlaceholderText(self.tr("Bot ID, e.g. 7350000000000000000"))
        self.bot_id.textChanged.connect(self._update_buttons)
        self.bot_id.installEventFilter(self)
        self.test = QPushButton(self.tr("&Test"))
        self.test.setToolTip(self.tr("Ask Coze for this bot's name, and add it if it answers"))
        self.test.clicked.connect(self.start_test)
        self.add = QPushButton(self.tr("&Add"))
        self.add.setToolTip(self.tr("Add the bot without testing it"))
        self.add.clicked.connect(self._add_typed)
        self.status = StatusLine()
        # Wide enough for "Testing…" too, so the row does not jump while a Test runs.
        self.test.setText(self.tr("Testing…"))
        busy_width = self.test.sizeHint().width()
        self.test.setText(self.tr("&Test"))
        self.test.setMinimumWidth(max(busy_width, self.test.sizeHint().width()))

        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.set_default)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.edit_parameters)
        buttons.addWidget(self.retest)
        buttons.addStretch(1)
        buttons.addWidget(self.browse)
        buttons.addWidget(self.add_chatflow)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.list, 1)
        top.addLayout(buttons)
        add_row = QHBoxLayout()
        add_row.setSpacing(6)
        add_row.addWidget(self.bot_id, 1)
        add_row.addWidget(self.test)
        add_row.addWidget(self.add)
        add_label = QLabel(self.tr("Add a bot by &ID:"))
        add_label.setBuddy(self.bot_id)
        list_label = QLabel(self.tr("&Your bots:"))  # (Alt+B is Browse)
        list_label.setBuddy(self.list)

        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.setSpacing(8)
        column.addWidget(list_label)
        column.addLayout(top, 1)
        column.addWidget(self.empty_hint)
        column.addSpacing(8)
        column.addWidget(add_label)
        column.addLayout(add_row)
        column.addWidget(self.status)
        column.addWidget(
            hint_label(
                self.tr(
                    "The bot ID is the number after /bot/ in the address of the bot's page in Coze. "
                    "The bot must be published to the API channel."
                )
            )
        )
        if env_bot_id:
            column.addSpacing(4)
            column.addWidget(
                Notice(
                    "info",
                    self.tr("COZE_BOT_ID is set in the environment ({0}) and is used for this run (not saved).").format(
                        env_bot_id
                    ),
                )
            )

        for bot_id in bot_ids:
            self._append(bot_id)
        self._refresh_items()
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def tab_chain(self) -> list[QWidget]:
        return [
            self.list,
            self.set_default,
            self.remove,
            self.edit_parameters,
            self.retest,
            self.browse,
            self.add_chatflow,
            self.bot_id,
            self.test,
            self.add,
        ]

    # -- what the dialog reads ------------------------------------------------------------------

    def bot_ids(self) -> list[str]:
        return [str(self.list.item(row).data(ID_ROLE)) for row in range(self.list.count())]

    def default_bot_id(self) -> str:
        return self._default

    def learnt_names(self) -> dict[str, str]:
        return dict(self._learnt)

    def chatflow_parameters(self) -> dict[str, dict[str, str]]:
        """The parameters of the chatflows still in the list."""
        listed = self.bot_ids()
        return {key: dict(values) for key, values in self._parameters.items() if key in listed and values}

    def cancel_test(self) -> None:
        """Ignore the answer of a Test still running (the dialog is closing)."""
        self.tester.cancel()

    # -- the list -------------------------------------------------------------------------------

    def _append(self, bot_id: str) -> None:
        item = QListWidgetItem()
        item.setData(ID_ROLE, bot_id)
        self.list.addItem(item)

    def _refresh_items(self) -> None:
        bold = QFont(self.list.font())
        bold.setBold(True)
        accent = kind_color("info")
        plain = self.palette().color(QPalette.ColorRole.PlaceholderText)
        selected = self.palette().color(QPalette.ColorRole.HighlightedText)
        for row in range(self.list.count()):
            item = self.list.item(row)
            bot_id = str(item.data(ID_ROLE))
            name = data_text(self._names.get(bot_id) or self._names.get(info_id(bot_id), ""))
            if parse_key(bot_id) is not None:  # a chatflow: its name, what it is, how many parameters
                text = f"{name or info_id(bot_id)}  ·  " + self.tr("chatflow")
                if self._parameters.get(bot_id):
                    text += "  ·  " + self.tr("{0} parameter(s)").format(len(self._parameters[bot_id]))
            else:
                text = f"{name}  ·  {bot_id}" if name else bot_id
            failed = self._failed.get(bot_id)
            if failed is not None:
                text += "  —  " + self.tr("its test failed")
            if bot_id == self._default:
                text += "  —  " + self.tr("default")
                item.setIcon(icons.icon("check", accent, selected=selected))
                item.setFont(bold)
            else:
                item.setIcon(icons.icon("bot", plain, selected=selected))
                item.setFont(self.list.font())
            if failed is not None:
                item.setIcon(icons.icon("warning", kind_color("warning"), selected=selected))
            item.setText(text)
            item.setToolTip(plain_tooltip(bot_id if failed is None else f"{bot_id}\n{failed}"))
        self.empty_hint.setVisible(self.list.count() == 0)

    def _selected_id(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(ID_ROLE)) if item is not None and item.isSelected() else None

    def _make_default(self) -> None:
        bot_id = self._selected_id()
        if bot_id:
            self._default = bot_id
            self._refresh_items()
            self._update_buttons()

    def _remove(self) -> None:
        bot_id = self._selected_id()
        if bot_id is None:
            return
        self.list.takeItem(self.list.currentRow())
        if bot_id == self._default:
            self._default = str(self.list.item(0).data(ID_ROLE)) if self.list.count() else ""
        self._refresh_items()
        self._update_buttons()

    def add_bot(self, bot_id: str, name: str = "") -> None:
        if name:
            self._names[bot_id] = name
            self._learnt[bot_id] = name
        if bot_id not in self.bot_ids():
            self._append(bot_id)
        if not self._default:
            self._default = bot_id
        self._refresh_items()
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == bot_id:
                self.list.setCurrentRow(row)
        self._update_buttons()

    def _open_parameters(self) -> None:
        key = self._selected_id()
        if key is None or parse_key(key) is None:
            return
        name = self._names.get(key) or self._names.get(info_id(key)) or info_id(key)
        dialog = ParametersDialog(data_text(name), self._parameters.get(key, {}), self)
        dialog.accepted.connect(lambda: self._set_parameters(key, dialog.values()))
        self._open(dialog)

    def _open_chatflow_ids(self) -> None:
        dialog = ChatflowIdDialog(self)
        dialog.accepted.connect(lambda: self.add_bot(dialog.key() or "") if dialog.key() else None)
        self._open(dialog)

    def _open(self, dialog: ParametersDialog | ChatflowIdDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def _set_parameters(self, key: str, values: dict[str, str]) -> None:
        self._parameters[key] = values
        self._refresh_items()

    # -- adding and testing ---------------------------------------------------------------------

    def typed_id(self) -> str | None:
        """The typed bot ID (or the one in a pasted bot page's address), or None if empty or with spaces."""
        return bot_id_from(self.bot_id.text())

    def _update_buttons(self) -> None:
        selected = self._selected_id()
        self.set_default.setEnabled(selected is not None and selected != self._default)
        self.remove.setEnabled(selected is not None)
        self.edit_parameters.setEnabled(selected is not None and parse_key(selected) is not None)
        self.retest.setEnabled(selected is not None and parse_key(selected) is None and not self.tester.running)
        typed = self.typed_id()
        self.test.setEnabled(typed is not None and not self.tester.running)
        self.add.setEnabled(typed is not None and typed not in self.bot_ids())
        if self.bot_id.text().strip() and typed is None:
            self.status.show_message("error", self.tr("A bot ID has no spaces."))
        elif self.status.kind == "error" and self.status.text() == self.tr("A bot ID has no spaces."):
            self.status.clear_message()

    def _add_typed(self) -> None:
        typed = self.typed_id()
        if typed is None:
            return
        self.add_bot(typed)
        self.bot_id.clear()
        failed = self._failed.get(typed)
        if failed is None:
            self.status.clear_message()
        else:  # added as asked, but not without a word: the list marks it, and here is why
            self.status.show_message("warning", self.tr("Added, but marked: its test failed. {0}").format(failed))

    def _set_testing(self, testing: bool) -> None:
        self.test.setText(self.tr("Testing…") if testing else self.tr("&Test"))
        self._update_buttons()

    def start_test(self) -> None:
        self._test(self.typed_id())

    def _test(self, bot_id: str | None) -> None:
        """Ask Coze about `bot_id` (typed, or selected in the list: a chatflow has no Test)."""
        if bot_id is None or parse_key(bot_id) is not None or self.tester.running:
            return
        api_base, token = self._connection()
        if api_base is None:
            self.status.show_message("error", self.tr("Fix the API address on the Connection tab first."))
            return
        if not token:
            self.status.show_message(
                "error", self.tr("Enter an access token on the Connection tab, or sign in on the Account tab, first.")
            )
            return
        self.status.show_message("busy", self.tr("Asking Coze about bot {0}…").format(bot_id))
        self.tester.start(api_base, token, bot_id)

    def _on_test_done(self, bot_id: str, info: BotInfo) -> None:
        name = info.name.strip() or bot_id
        self._learnt[bot_id] = name
        self._failed.pop(bot_id, None)
        self.add_bot(bot_id, name)
        if self.bot_id.text().strip() == bot_id:
            self.bot_id.clear()
        description = " ".join(info.description.split())
        if len(description) > MAX_DESCRIPTION:
            description = description[: MAX_DESCRIPTION - 1] + "…"
        message = self.tr("Found “{0}”.").format(name)
        if description:  # (Chinese sentences follow a full stop without a space)
            message += ("" if message.endswith(("。", "！", "？")) else " ") + description
        self.status.show_message("success", message)

    def _on_test_error(self, bot_id: str, sentence: str, details: str) -> None:
        self._failed[bot_id] = sentence
        self._refresh_items()  # (one already in the list is marked at once)
        self.status.show_message("error", sentence, details)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            # Enter in the bot ID field tests the bot instead of pressing the dialog's OK button.
            if watched is self.bot_id and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.start_test()
                return True
            if watched is self.list and event.matches(QKeySequence.StandardKey.Delete):
                self._remove()
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh_items()
