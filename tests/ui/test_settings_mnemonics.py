"""Every Settings page, in English and in Chinese: no two of its labels and buttons share an Alt+letter. The Bots
page had 我的智能体(&B) and 浏览我的智能体(&B) (in English, "Your &bots:" and "&Browse your bots…"): Alt+B went to
one of them only."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.settings import Overrides, Settings
from desktop.ui import i18n
from desktop.ui.settings_dialog import SettingsDialog

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).upper() if found else None


def mnemonics(widgets: list[QWidget]) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = defaultdict(list)
    for widget in widgets:
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        if (key := mnemonic(text)) is not None:
            keys[key].append(text)
    return keys


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_settings_page_has_two_fields_on_one_alt_letter(qtbot: QtBot, qapp: QApplication, language: str) -> None:
    i18n.install_translators(qapp, language)
    try:
        overrides = Overrides(token=None, api_base=None, bot_id=None)
        settings = Settings(api_base="http://127.0.0.1:18765", bot_ids=["7350000000000000001"])  # (the URL row shows)
        # A keyring problem shows the page's "session only" choice too: every field the page can have.
        dialog = SettingsDialog(settings, None, "no keyring", overrides, lambda *_: None, {}, None)
        qtbot.addWidget(dialog)
        dialog.show()
        clashes = {}
        for index in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(index)
            page = dialog.tabs.widget(index)
            shown = [w for w in page.findChildren(QWidget) if w.isVisibleTo(dialog)]
            shown += dialog.buttons.buttons()  # Alt+letter reaches the dialog's buttons from every page
            for key, texts in mnemonics(shown).items():
                if len(texts) > 1:
                    clashes[f"{dialog.tabs.tabText(index)} Alt+{key}"] = texts
        assert not clashes
    finally:
        i18n.install_translators(qapp, "en")
