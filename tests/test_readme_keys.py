"""The README's table of keys names only keys the app has (the one table in desktop/ui/commands.py)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QKeySequence

from desktop.ui.commands import COMMANDS

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_keys() -> list[str]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| Keys | |") :].split("\n\n", 1)[0]
    keys: list[str] = []
    for row in table.splitlines()[2:]:
        cell = re.sub(r"\s*\(.*?\)", "", row.split("|")[1])  # "Del (in the list)" is the key Del
        keys += [k.strip() for k in re.split(r" / |(?<!\+), ", cell) if k.strip()]
    return keys


def test_every_key_in_the_readme_is_in_the_table(qapp: object) -> None:
    known = {sequence for command in COMMANDS for sequence in command.sequences()}
    keys = readme_keys()
    assert len(keys) >= 12
    assert [k for k in keys if QKeySequence(k.replace("Enter", "Return")) not in known] == []
