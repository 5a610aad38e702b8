"""Help ▸ Keyboard shortcuts names each key once. In Chinese, Return and Enter (the keypad's) are both 回车: the list
said "发送消息 回车, 回车" and "复制消息 回车, 回车, Ctrl+C, Ctrl+Ins"."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui import i18n
from desktop.ui.commands import COMMANDS, command
from desktop.ui.shortcuts_dialog import key_text


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_each_key_is_named_once(qapp: QApplication, language: str) -> None:
    i18n.install_translators(qapp, language)
    try:
        for entry in COMMANDS:
            names = [name for name in key_text(entry).split(", ") if name]
            assert len(names) == len(set(names)), (entry.name, names)
        if language == "zh_CN":
            assert key_text(command("send")) == "回车"
    finally:
        i18n.install_translators(qapp, "en")
