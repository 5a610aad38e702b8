"""The window's menu bar (File, Edit, View, Help), built from the one table of commands and keys
(`commands.py`); the Coze menu is `sync_actions.py`'s, from the same table. `actions` maps each
command's name to its QAction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QMenuBar

from desktop.ui.chat_pane import ChatPane
from desktop.ui.commands import COMMANDS, CONTEXT, PLACE_TITLES, Place, make_action
from desktop.ui.commands import retranslate as retranslate_actions
from desktop.ui.conversation_actions import ConversationActions
from desktop.ui.conversation_list import ConversationPane
from desktop.ui.conversation_presenter import ConversationPresenter
from desktop.ui.edit_actions import EditActions
from desktop.ui.help_actions import HelpActions
from desktop.ui.sidebar_toggle import SidebarToggle
from desktop.ui.transfer_actions import TransferActions
from desktop.ui.zoom import Zoom


class MenuWindow(Protocol):
    """What the menus act on: the main window's parts (a protocol, so this module need not import it)."""

    transfer: TransferActions
    conversations: ConversationActions
    zoom: Zoom
    help: HelpActions
    edit: EditActions
    sidebar: ConversationPane
    sidebar_toggle: SidebarToggle
    presenter: ConversationPresenter
    chat: ChatPane

    def new_chat(self) -> None: ...
    def close(self) -> bool: ...
    def menuBar(self) -> QMenuBar: ...


BUILT_HERE = (Place.FILE, Place.EDIT, Place.VIEW, Place.HELP)


def window_slots(window: MenuWindow) -> dict[str, Callable[..., object]]:
    """What each menu command of the window does (a command without a slot is left out of its menu;
    the window adds the ones that emit its own signals)."""
    transfer, conversations, zoom, help_actions, edit = (
        window.transfer,
        window.conversations,
        window.zoom,
        window.help,
        window.edit,
    )
    slots: dict[str, Callable[..., object]] = {
        "new_chat": window.new_chat,
        "import": transfer.import_chats,
        "export_chat": lambda: transfer.export_chats(False),
        "export_all": lambda: transfer.export_chats(True),
        "quit": window.close,
        "undo": edit.undo,
        "redo": edit.redo,
        "cut": edit.cut,
        "copy": edit.copy,
        "copy_markdown": lambda: edit.copy(markdown=True),
        "copy_last_answer": window.chat.view.copy_last_answer,
        "paste": edit.paste,
        "select_all": edit.select_all,
        "search": window.sidebar.focus_search,
        "rename": lambda: _rename(window),
        "pin": conversations.toggle_pin,
        "delete": conversations.delete_current,
        "stop": window.presenter.stop,
        "focus_composer": window.chat.composer.focus,
        "sidebar": window.sidebar_toggle.set_shown,  # checkable: gets the new check state
        "zoom_in": lambda: zoom.step(1),
        "zoom_out": lambda: zoom.step(-1),
        "zoom_reset": lambda: zoom.step(0),
        "shortcuts": help_actions.shortcuts,
        "docs": help_actions.open_docs,
        "about": help_actions.about,
        "about_qt": QApplication.aboutQt,
    }
    if help_actions.log_dir is not None:
        slots["logs"] = help_actions.open_logs
    return slots


def _rename(window: MenuWindow) -> None:
    window.sidebar_toggle.reveal()  # a list put aside (a narrow window) comes out to be renamed in
    window.sidebar.rename_current()


class WindowMenus(QObject):
    def __init__(self, window: QMainWindow, slots: dict[str, Callable[..., object]], edit: EditActions) -> None:
        super().__init__(window)
        self.actions: dict[str, QAction] = {}
        self.menus: dict[Place, QMenu] = {}
        bar = window.menuBar()
        for place in BUILT_HERE:
            menu = bar.addMenu(QApplication.translate(CONTEXT, PLACE_TITLES[place]))
            self.menus[place] = menu
            for entry in (c for c in COMMANDS if c.place is place and c.name in slots):
                if entry.separator and not menu.isEmpty():
                    menu.addSeparator()
                action = make_action(entry.name, window, slots[entry.name])
                menu.addAction(action)
                self.actions[entry.name] = action
        edit_menu = self.menus[Place.EDIT]
        edit_menu.aboutToShow.connect(lambda: edit.update(self.actions))
        edit_menu.aboutToHide.connect(lambda: edit.enable_all(self.actions))

    def retranslate(self) -> None:
        """The menus' and actions' texts again, in the language installed now."""
        for place, menu in self.menus.items():
            menu.setTitle(QApplication.translate(CONTEXT, PLACE_TITLES[place]))
        retranslate_actions(self.actions)
