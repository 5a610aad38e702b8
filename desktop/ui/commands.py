"""Every keyboard shortcut of the app in one table, `COMMANDS`: the menus' actions are built from it
(`make_action`), the widgets that bind keys of their own read them from it (`command(name).sequences()`),
and Help ▸ Keyboard shortcuts lists it, so the list cannot drift from what the keys do.

A command either sits in a menu (File … Help: the window builds a QAction with its text and keys), or
is a key a widget handles while it has the focus (Enter in the message box, Esc in a picture preview):
those are listed under where they work. Texts are English source strings, translated in the context
"Commands" when shown (`title()`), so a language switch only has to set them again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

CONTEXT = "Commands"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks `text` for the catalog under `context`; it is translated when shown (`Command.title`)."""
    return text


Std = QKeySequence.StandardKey
Key = str | QKeySequence.StandardKey


class Place(StrEnum):
    FILE = "file"
    EDIT = "edit"
    VIEW = "view"
    COZE = "coze"
    HELP = "help"
    COMPOSER = "composer"
    CHAT = "chat"
    CHAT_LIST = "chat_list"
    RENAMING = "renaming"
    EDIT_DIALOG = "edit_dialog"
    PICTURE = "picture"
    CARD = "card"


MENUS = (Place.FILE, Place.EDIT, Place.VIEW, Place.COZE, Place.HELP)

PLACE_TITLES: dict[Place, str] = {
    Place.FILE: QT_TRANSLATE_NOOP("Commands", "&File"),
    Place.EDIT: QT_TRANSLATE_NOOP("Commands", "&Edit"),
    Place.VIEW: QT_TRANSLATE_NOOP("Commands", "&View"),
    Place.COZE: QT_TRANSLATE_NOOP("Commands", "&Coze"),
    Place.HELP: QT_TRANSLATE_NOOP("Commands", "&Help"),
    Place.COMPOSER: QT_TRANSLATE_NOOP("Commands", "In the message box"),
    Place.CHAT: QT_TRANSLATE_NOOP("Commands", "In the chat"),
    Place.CHAT_LIST: QT_TRANSLATE_NOOP("Commands", "In the chat list"),
    Place.RENAMING: QT_TRANSLATE_NOOP("Commands", "While renaming a chat"),
    Place.EDIT_DIALOG: QT_TRANSLATE_NOOP("Commands", "While editing a question"),
    Place.PICTURE: QT_TRANSLATE_NOOP("Commands", "In a picture preview"),
    Place.CARD: QT_TRANSLATE_NOOP("Commands", "In a chatflow's card"),
}


@dataclass(frozen=True)
class Command:
    name: str  # what the window binds a slot to, and the action's object name
    place: Place
    text: str  # English, with the menu's & mnemonic; `title()` is what a person reads
    keys: tuple[Key, ...] = ()
    separator: bool = False  # a separator above it in its menu
    checkable: bool = False

    def sequences(self) -> list[QKeySequence]:
        """Its key sequences, a standard key expanded to this platform's bindings (Copy: Ctrl+C, Ctrl+Insert)."""
        found: list[QKeySequence] = []
        for key in self.keys:
            for sequence in QKeySequence.keyBindings(key) if isinstance(key, Std) else [QKeySequence(key)]:
                if not sequence.isEmpty() and sequence not in found:
                    found.append(sequence)
        return found

    def title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.text)


def written(keys: QKeySequence) -> str:
    """Keys as this platform writes them, in the app's language ("Ctrl+Return"; on macOS "⌘↩")."""
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


def _c(name: str, place: Place, text: str, *keys: Key, separator: bool = False, checkable: bool = False) -> Command:
    return Command(name, place, text, keys, separator, checkable)


F, E, V, C, H = Place.FILE, Place.EDIT, Place.VIEW, Place.COZE, Place.HELP
COMMANDS: tuple[Command, ...] = (
    _c("new_chat", F, QT_TRANSLATE_NOOP("Commands", "&New chat"), Std.New),
    _c("demo", F, QT_TRANSLATE_NOOP("Commands", "Chat with the &demo bot")),
    _c("import", F, QT_TRANSLATE_NOOP("Commands", "&Import chats…"), "Ctrl+I", separator=True),
    _c("export_chat", F, QT_TRANSLATE_NOOP("Commands", "&Export this chat…"), "Ctrl+E"),
    _c("export_all", F, QT_TRANSLATE_NOOP("Commands", "Export &all chats…"), "Ctrl+Shift+E"),
    _c("settings", F, QT_TRANSLATE_NOOP("Commands", "&Settings…"), "Ctrl+,", separator=True),
    _c("quit", F, QT_TRANSLATE_NOOP("Commands", "&Quit"), Std.Quit, "Ctrl+Q", separator=True),
    _c("undo", E, QT_TRANSLATE_NOOP("Commands", "&Undo"), Std.Undo),
    _c("redo", E, QT_TRANSLATE_NOOP("Commands", "&Redo"), Std.Redo),
    _c("cut", E, QT_TRANSLATE_NOOP("Commands", "Cu&t"), Std.Cut, separator=True),
    _c("copy", E, QT_TRANSLATE_NOOP("Commands", "&Copy"), Std.Copy),
    _c("copy_markdown", E, QT_TRANSLATE_NOOP("Commands", "Copy as Mar&kdown"), "Ctrl+Shift+C"),
    _c("copy_last_answer", E, QT_TRANSLATE_NOOP("Commands", "Copy the &last answer"), "Ctrl+Shift+Y"),
    _c("paste", E, QT_TRANSLATE_NOOP("Commands", "&Paste"), Std.Paste),
    _c("select_all", E, QT_TRANSLATE_NOOP("Commands", "Select &all"), Std.SelectAll),
    _c("search", E, QT_TRANSLATE_NOOP("Commands", "&Search all chats"), "Ctrl+K", Std.Find, separator=True),
    _c("rename", E, QT_TRANSLATE_NOOP("Commands", "Re&name chat"), "F2"),
    _c("pin", E, QT_TRANSLATE_NOOP("Commands", "P&in or unpin chat"), "Ctrl+P"),
    _c("delete", E, QT_TRANSLATE_NOOP("Commands", "&Delete chat"), "Ctrl+Shift+D"),
    _c("stop", E, QT_TRANSLATE_NOOP("Commands", "St&op answer"), "Ctrl+.", separator=True),
    _c("focus_composer", E, QT_TRANSLATE_NOOP("Commands", "Focus the &message box"), "Ctrl+L"),
    _c("sidebar", V, QT_TRANSLATE_NOOP("Commands", "Show the chat &list"), "Ctrl+B", checkable=True),
    _c("zoom_in", V, QT_TRANSLATE_NOOP("Commands", "Zoom &in"), Std.ZoomIn, separator=True),
    _c("zoom_out", V, QT_TRANSLATE_NOOP("Commands", "Zoom &out"), Std.ZoomOut),
    _c("zoom_reset", V, QT_TRANSLATE_NOOP("Commands", "&Actual size"), "Ctrl+0"),
    _c("new_topic", C, QT_TRANSLATE_NOOP("Commands", "New &topic (clear context)"), "Ctrl+Shift+K"),
    _c("sync_now", C, QT_TRANSLATE_NOOP("Commands", "&Sync now"), "Ctrl+Shift+S", separator=True),
    _c("auto_sync", C, QT_TRANSLATE_NOOP("Commands", "Sync &automatically"), checkable=True),
    _c("shortcuts", H, QT_TRANSLATE_NOOP("Commands", "&Keyboard shortcuts"), "Ctrl+/"),
    _c("docs", H, QT_TRANSLATE_NOOP("Commands", "Coze API &documentation"), separator=True),
    _c("logs", H, QT_TRANSLATE_NOOP("Commands", "Open the &log folder")),
    _c("about", H, QT_TRANSLATE_NOOP("Commands", "&About Coze Desktop"), separator=True),
    _c("about_qt", H, QT_TRANSLATE_NOOP("Commands", "About &Qt")),
    # Keys a widget handles itself while it has the focus.
    _c("send", Place.COMPOSER, QT_TRANSLATE_NOOP("Commands", "Send the message"), "Return", "Enter"),
    _c("new_line", Place.COMPOSER, QT_TRANSLATE_NOOP("Commands", "New line"), "Shift+Return"),
    _c("composer_escape", Place.COMPOSER, QT_TRANSLATE_NOOP("Commands", "Stop the answer or the upload"), "Esc"),
    _c("card_enter", Place.COMPOSER, QT_TRANSLATE_NOOP("Commands", "Go to the chatflow's card"), "Tab"),
    _c("messages_enter", Place.COMPOSER, QT_TRANSLATE_NOOP("Commands", "Go to the latest message"), "Shift+Tab"),
    _c(
        "extend_selection",
        Place.CHAT,
        QT_TRANSLATE_NOOP("Commands", "Extend the selection"),
        "Shift+Left",
        "Shift+Right",
        "Shift+Up",
        "Shift+Down",
    ),
    _c("message_previous", Place.CHAT, QT_TRANSLATE_NOOP("Commands", "Previous message (a long one scrolls)"), "Up"),
    _c("message_next", Place.CHAT, QT_TRANSLATE_NOOP("Commands", "Next message (a long one scrolls)"), "Down"),
    _c("first_message", Place.CHAT, QT_TRANSLATE_NOOP("Commands", "Go to the first message"), "Home"),
    _c("latest_message", Place.CHAT, QT_TRANSLATE_NOOP("Commands", "Go to the latest message"), "End"),
    _c(
        "message_buttons",
        Place.CHAT,
        QT_TRANSLATE_NOOP("Commands", "The message's buttons and suggested questions, one by one"),
        "Tab",
        "Shift+Tab",
    ),
    _c(
        "message_copy",
        Place.CHAT,
        QT_TRANSLATE_NOOP("Commands", "Copy the message (on a button: press it)"),
        "Return",
        "Enter",
        Std.Copy,
    ),
    _c("message_press", Place.CHAT, QT_TRANSLATE_NOOP("Commands", "Press the button"), "Space"),
    _c("message_menu", Place.CHAT, QT_TRANSLATE_NOOP("Commands", "The message's menu"), "Menu", "Shift+F10"),
    _c(
        "clear_selection",
        Place.CHAT,
        QT_TRANSLATE_NOOP("Commands", "Clear the selection, else back to the message box"),
        "Esc",
    ),
    _c("delete_in_list", Place.CHAT_LIST, QT_TRANSLATE_NOOP("Commands", "Delete the chat (Undo is offered)"), "Del"),
    _c("close_list", Place.CHAT_LIST, QT_TRANSLATE_NOOP("Commands", "Back to the chat (narrow window)"), "Esc"),
    _c(
        "clear_search",
        Place.CHAT_LIST,
        QT_TRANSLATE_NOOP("Commands", "Clear the search; in the empty box, back to the message box"),
        "Esc",
    ),
    _c("keep_title", Place.RENAMING, QT_TRANSLATE_NOOP("Commands", "Keep the new title"), "Return"),
    _c("cancel_rename", Place.RENAMING, QT_TRANSLATE_NOOP("Commands", "Cancel renaming"), "Esc"),
    _c(
        "send_edited",
        Place.EDIT_DIALOG,
        QT_TRANSLATE_NOOP("Commands", "Send the changed question"),
        "Ctrl+Return",
        "Ctrl+Enter",
    ),
    _c("card_next", Place.CARD, QT_TRANSLATE_NOOP("Commands", "Next option"), "Right", "Down"),
    _c("card_previous", Place.CARD, QT_TRANSLATE_NOOP("Commands", "Previous option"), "Left", "Up"),
    _c(
        "card_choose",
        Place.CARD,
        QT_TRANSLATE_NOOP("Commands", "Choose it (an input card: fill in its form)"),
        "Return",
        "Enter",
        "Space",
    ),
    _c("card_number", Place.CARD, QT_TRANSLATE_NOOP("Commands", "Choose option 1 to 9"), *"123456789"),
    _c("card_back", Place.CARD, QT_TRANSLATE_NOOP("Commands", "Back to the message box"), "Esc"),
    _c("picture_zoom_in", Place.PICTURE, QT_TRANSLATE_NOOP("Commands", "Zoom in"), Std.ZoomIn),
    _c("picture_zoom_out", Place.PICTURE, QT_TRANSLATE_NOOP("Commands", "Zoom out"), Std.ZoomOut),
    _c("picture_actual", Place.PICTURE, QT_TRANSLATE_NOOP("Commands", "Actual size"), "0"),
    _c("picture_fit", Place.PICTURE, QT_TRANSLATE_NOOP("Commands", "Fit to the window"), "F"),
    _c("picture_close", Place.PICTURE, QT_TRANSLATE_NOOP("Commands", "Close"), "Esc"),
)
BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}


def command(name: str) -> Command:
    return BY_NAME[name]


def menu_keys() -> list[QKeySequence]:
    """The menus' own keys (Ctrl+E, Ctrl+K…), not the platform's standard ones (Copy, Paste…): a text box leaves
    these to the window, though under X11 a QLineEdit takes Ctrl+E and Ctrl+K for end of line and delete to end."""
    return [QKeySequence(key) for c in COMMANDS if c.place in MENUS for key in c.keys if isinstance(key, str)]


def place_title(place: Place) -> str:
    """A menu's or a place's name as a heading: without the menu's mnemonic ("&File", "文件(&F)")."""
    return plain(QCoreApplication.translate(CONTEXT, PLACE_TITLES[place]))


def plain(text: str) -> str:
    """A menu text as a sentence: no mnemonic ("(&F)" in Chinese, "&" in English), no trailing "…"."""
    return re.sub(r"\s*\(&\w\)|&(?=\S)", "", text).removesuffix("…").strip()


def make_action(name: str, parent: QObject, slot: Callable[..., object] | None = None) -> QAction:
    """The QAction of a menu command: its text, its keys, checkable if it is; `slot` runs when the user
    triggers it (a checkable one's slot gets the new check state)."""
    entry = command(name)
    action = QAction(entry.title(), parent)
    action.setObjectName(name)
    action.setShortcuts(entry.sequences())
    action.setCheckable(entry.checkable)
    if slot is not None and entry.checkable:
        action.triggered.connect(slot)
    elif slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    return action


def retranslate(actions: dict[str, QAction]) -> None:
    """Set the actions' texts again in the current language (after a language switch)."""
    for name, action in actions.items():
        action.setText(command(name).title())
