"""Settings → Connection with COZE_API_TOKEN set but holding no token (an empty token.txt, "Bearer" alone): the
window said it once in the status bar at start (e2c5302), but the tab where one sets the token said nothing, and
the field showed the saved token as if the variable were not there. A note under the token field says it now."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.core.settings import Overrides, Settings
from desktop.ui import i18n
from desktop.ui.settings_dialog import SettingsDialog

SAID = {
    "en": "COZE_API_TOKEN is set but holds no token, so it is ignored: unset it or set it to a personal access token.",
    "zh_CN": "COZE_API_TOKEN 已设置但没有令牌，因此被忽略：请取消设置它，或把它设为个人访问令牌。",
}


def _dialog(qtbot: QtBot, overrides: Overrides) -> SettingsDialog:
    dialog = SettingsDialog(Settings(), "pat_saved", None, overrides, lambda *args: None, {})
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.connection)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _shown(dialog: SettingsDialog, words: str) -> list[QLabel]:
    return [label for label in dialog.connection.findChildren(QLabel) if label.isVisible() and words in label.text()]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_blank_environment_token_is_noted_under_the_token_field(
    qtbot: QtBot, qapp: QApplication, language: str
) -> None:
    assert i18n.install_translators(qapp, language)
    try:
        dialog = _dialog(qtbot, Overrides.from_environment({"COZE_API_TOKEN": "  \n"}))
        notes = _shown(dialog, SAID[language])
        assert len(notes) == 1  # before: nowhere on the tab
        page, token = dialog.connection, dialog.connection.token
        note_top = notes[0].mapTo(page, QPoint(0, 0)).y()
        assert token.mapTo(page, QPoint(0, 0)).y() + token.height() <= note_top  # under the field…
        assert note_top < dialog.connection.keyring_note.mapTo(page, QPoint(0, 0)).y()  # …in its row
        assert not _shown(dialog, "is used for this run")  # it is not used
    finally:
        i18n.install_translators(qapp, "en")


@pytest.mark.parametrize("environ", [{}, {"COZE_API_TOKEN": "pat_env"}], ids=["unset", "a-token"])
def test_no_such_note_when_the_variable_is_unset_or_holds_a_token(qtbot: QtBot, environ: dict[str, str]) -> None:
    dialog = _dialog(qtbot, Overrides.from_environment(environ))
    assert not _shown(dialog, "holds no token")
