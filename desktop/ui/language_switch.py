"""Settings → Language applied at once: the running app speaks the new language, no restart.

`LanguageSwitch.switch(language)` installs the new catalogs (Qt's own widgets redo their words on the
`LanguageChange` event that follows), puts every open widget's and action's words into the new language
(`retranslate_tree`, desktop/ui/retranslate.py: the app's dictionary, both ways), and asks the owners of the words that are not plain
widget texts to redo them: the menus, the chat list's date groups and statuses, what an untitled chat
is called, the chat header and window title (the presenter shows the chat again, which also redoes the
error sentences under answers) and the words the chat view paints (Copy, Edit, Like…).

Signals:
  switched(str)  the effective UI language after a switch, "zh" or "en"
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from desktop.ui.i18n import install_translators
from desktop.ui.main_window import MainWindow
from desktop.ui.retranslate import retranslate_tree, word_book


class LanguageSwitch(QObject):
    switched = Signal(str)

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__(window)
        self._app = app
        self._window = window

    def switch(self, language: str) -> str:
        """Show the app in `language` ("system", "zh_CN" or "en"); returns "zh" or "en"."""
        effective = install_translators(self._app, language)
        retranslate_tree(QApplication.topLevelWidgets(), effective)
        window = self._window
        window.menus.retranslate()
        window.sidebar.labels.retranslate()
        window.model.set_untitled(word_book().again(window.model.untitled, effective) or window.model.untitled)
        window.sidebar.list.viewport().update()
        window.presenter.retranslate()  # header, window title, the answers' error sentences
        view = window.chat.view
        view.set_media(view.media)  # restyles: the painted words are laid out again
        self.switched.emit(effective)
        return effective
