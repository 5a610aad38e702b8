"""Every menu of the window, in English and in Chinese: no two of its items share an access letter. Help had
扣子 API 文档(&A) and 关于扣子桌面(&A) ("Coze &API documentation", "&About Coze Desktop"), Edit "&Redo" and
"&Rename chat", "Cu&t" and "S&top answer": the letter went back and forth between the two and opened neither."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui import i18n
from desktop.ui.language_switch import LanguageSwitch
from tests.ui.test_settings_mnemonics import mnemonic
from tests.ui.window_harness import Harness


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_menu_has_two_items_on_one_letter(qtbot: QtBot, qapp: QApplication, harness: Harness, language: str) -> None:
    i18n.install_translators(qapp, "en")  # as the app: the translator first, then the window's words
    switch = LanguageSwitch(qapp, harness.window)
    switch.switch(language)
    try:
        clashes: dict[str, list[str]] = {}
        bar = [a for a in harness.window.menuBar().actions() if a.menu() is not None]
        assert len(bar) >= 4  # File, Edit, View, Help (the app adds Coze: its three letters differ)
        for title in bar:
            seen: dict[str, list[str]] = {}
            for action in title.menu().actions():  # type: ignore[union-attr]
                if action.isSeparator() or not action.isVisible():
                    continue
                if (key := mnemonic(action.text())) is not None:
                    seen.setdefault(key, []).append(action.text())
            clashes |= {f"{title.text()} {key}": texts for key, texts in seen.items() if len(texts) > 1}
        assert not clashes
    finally:
        i18n.install_translators(qapp, "en")
