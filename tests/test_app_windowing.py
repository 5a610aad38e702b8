"""The window through the real composition root (#17): every shortcut of every menu comes from the one
table and Help ▸ Keyboard shortcuts lists them all (item 13); the chat list's hidden state is kept
across a restart (item 4); a second start raises the window as it was, maximised or not (item 9)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.ui.commands import BY_NAME, COMMANDS, MENUS, plain
from desktop.ui.shortcuts_dialog import ShortcutsDialog, key_text
from tests.test_app_polish import close_app, open_app


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    return profile


@pytest.fixture
def app(qapp: QApplication, profile: Profile) -> Iterator[DesktopApp]:
    app = open_app(qapp, profile)
    app.start(demo=True)
    yield app
    close_app(app)


def test_every_key_of_the_window_is_from_the_table_and_listed(app: DesktopApp) -> None:
    actions = [a for a in app.window.findChildren(QAction) if a.objectName() in BY_NAME]
    keyed = [a for a in app.window.findChildren(QAction) if a.shortcuts()]
    assert keyed and all(a in actions for a in keyed), "a shortcut made outside commands.py"
    shortcuts = app.window.findChildren(QShortcut)  # keys a widget binds for itself
    assert shortcuts and all(s.key() in BY_NAME[s.objectName()].sequences() for s in shortcuts)
    assert all(s.context() == Qt.ShortcutContext.WidgetShortcut for s in shortcuts)  # a widget's own keys
    for action in actions:
        assert action.shortcuts() == BY_NAME[action.objectName()].sequences()
    made = {a.objectName() for a in actions}
    in_menus = {c.name for c in COMMANDS if c.place in MENUS}
    assert in_menus - made == {"logs"} - made  # every menu command is in a menu (the log folder when there is a log)

    dialog = ShortcutsDialog(app.window, made)
    rows = dialog.rows()
    for action in keyed:
        command = BY_NAME[action.objectName()]
        assert any(text == plain(command.title()) and keys == key_text(command) for _h, text, keys in rows)
    dialog.deleteLater()


def test_help_opens_the_list_and_it_has_the_coze_menu_and_the_widget_keys(qtbot: QtBot, app: DesktopApp) -> None:
    app.window.menus.actions["shortcuts"].trigger()
    dialog = app.window.help.shortcuts_dialog
    assert dialog is not None and dialog.isVisible()
    rows = dialog.rows()
    assert ("Coze", "Sync now", "Ctrl+Shift+S") in rows
    assert ("View", "Show the chat list", "Ctrl+B") in rows
    assert ("Edit", "Copy", "Ctrl+C, Ctrl+Ins") in rows  # a standard key: this platform's bindings
    assert ("In the message box", "New line", "Shift+Return") in rows
    assert ("In the chat list", "Delete the chat (Undo is offered)", "Del") in rows
    assert ("While editing a question", "Send the changed question", "Ctrl+Return, Ctrl+Enter") in rows
    app.window.menus.actions["shortcuts"].trigger()  # again: still one list, built anew
    shown = [d for d in app.window.findChildren(ShortcutsDialog) if d.isVisible()]
    assert shown == [app.window.help.shortcuts_dialog] and shown[0] is not dialog


def test_the_chat_list_stays_hidden_after_a_restart(qtbot: QtBot, qapp: QApplication, profile: Profile) -> None:
    app = open_app(qapp, profile)
    app.start(demo=True)
    app.window.resize(1100, 720)
    app.window.splitter.setSizes([320, 780])  # the person widened the list, then put it aside
    app.window.menus.actions["sidebar"].trigger()
    assert app.window.sidebar.isHidden()
    close_app(app)
    assert Settings.load(profile.settings_path).sidebar_hidden

    again = open_app(qapp, profile)
    again.start(demo=True)
    try:
        assert again.window.sidebar.isHidden()
        assert not again.window.menus.actions["sidebar"].isChecked()
        again.window.menus.actions["sidebar"].trigger()
        assert not again.window.sidebar.isHidden()
        qtbot.waitUntil(lambda: again.window.sidebar.width() == 320)  # its width came back, not a hidden side's 0
    finally:
        close_app(again)
    assert not Settings.load(profile.settings_path).sidebar_hidden


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_second_start_raises_a_maximised_window_still_maximised(qtbot: QtBot, app: DesktopApp) -> None:
    window = app.window
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    size = window.size()
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    app.bring_to_front()
    qtbot.waitUntil(lambda: not window.isMinimized())
    assert window.isMaximized() and window.size() == size
    assert window.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_second_start_keeps_a_normal_windows_size(qtbot: QtBot, app: DesktopApp) -> None:
    window = app.window
    window.showNormal()
    window.resize(QSize(900, 640))
    qtbot.waitUntil(lambda: window.size() == QSize(900, 640))
    app.bring_to_front()
    assert window.size() == QSize(900, 640) and not window.isMaximized()
    assert window.windowState() & Qt.WindowState.WindowMinimized == Qt.WindowState.WindowNoState
