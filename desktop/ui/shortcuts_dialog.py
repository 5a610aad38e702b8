"""Help ▸ Keyboard shortcuts: every key of the app, read from the one table the menus and widgets are
built from (`commands.COMMANDS`), grouped by menu and by where a key works."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.ui.commands import COMMANDS, MENUS, Command, Place, place_title, plain, written


def key_text(entry: Command) -> str:
    """The command's keys as this platform writes them ("Ctrl+C, Ctrl+Insert"), without the keys of
    special keyboards a standard key also binds (a "Copy" or "Zoom In" key, and F13-F35: under X11 Undo is
    also F14 and Copy F16, the Sun keyboard's keys, which a PC keyboard does not have)."""
    typed = [s for s in entry.sequences() if s.count() and _typeable(s[0].key())]  # type: ignore[index]
    names = (written(s) for s in typed)
    return ", ".join(dict.fromkeys(names))  # each once: in Chinese Return and the keypad's Enter are both 回车


def _typeable(key: Qt.Key) -> bool:
    return key.value < Qt.Key.Key_Back.value and not Qt.Key.Key_F13.value <= key.value <= Qt.Key.Key_F35.value


def listed(available: set[str] | None = None) -> list[tuple[Place, list[Command]]]:
    """The commands that have keys, by place in the table's order; `available` leaves out menu commands
    this window does not have (the log folder without a log)."""
    groups: dict[Place, list[Command]] = {}
    for entry in COMMANDS:
        if entry.keys and (available is None or entry.name in available or entry.place not in MENUS):
            groups.setdefault(entry.place, []).append(entry)
    return list(groups.items())


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget, available: set[str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutList")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        for place, entries in listed(available):
            heading = QTreeWidgetItem(self.tree, [place_title(place)])
            heading.setFirstColumnSpanned(True)
            font = QFont(self.font())
            font.setBold(True)
            heading.setFont(0, font)
            for entry in entries:
                QTreeWidgetItem(heading, [plain(entry.title()), key_text(entry)])
        self.tree.expandAll()
        self.tree.setCurrentIndex(QModelIndex())  # no focus frame on the first heading
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(0, self.tree.columnWidth(0) + 24)
        wide = self.tree.columnWidth(0) + self.tree.columnWidth(1) + 60
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(min(max(460, wide), 760), 620)

    def rows(self) -> list[tuple[str, str, str]]:
        """(heading, action, keys) as shown, for tests and screen readers alike."""
        found = []
        for number in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(number)
            assert heading is not None
            for child in range(heading.childCount()):
                item = heading.child(child)
                assert item is not None
                found.append((heading.text(0), item.text(0), item.text(1)))
        return found
