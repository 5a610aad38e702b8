"""The small forms and the "/" menu a bot's data builds, fed hostile data: a shortcut command's
description, inputs and options, a chatflow input card's field names. Whatever the server sends shows
as words (Qt would otherwise render `<img src=...>` and read that file: `/dev/urandom` until memory
runs out), and a form with thousands of rows or a megabyte option stays on the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.coze.shortcuts import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, ShortcutCommand, parse_commands
from desktop.ui.chat.cards import CardForm
from desktop.ui.shortcut_form import ShortcutForm
from desktop.ui.shortcut_menu import ShortcutMenu
from tests.images import image_bytes


def hostile(tmp_path: Path) -> str:
    """Markup naming a real picture on disk: rendered as HTML, the label would load and show it."""
    picture = tmp_path / "p.png"
    picture.write_bytes(image_bytes("PNG", 400, 400))
    return f"\u202e<img src='{picture}'><b>bold</b>\x1b]0;t\x07 name"


def labels_are_words(dialog: QWidget, marker: str) -> None:
    shown = [label for label in dialog.findChildren(QLabel) if marker in label.text()]
    assert shown, "the hostile text is on the form"
    for label in shown:
        assert label.textFormat() == QtGui.Qt.TextFormat.PlainText, label.text()
        assert "\u202e" not in label.text() and "\x1b" not in label.text()
        assert label.sizeHint().height() < 200  # not a 400 px picture


def command(text: str, components: list[dict[str, object]]) -> ShortcutCommand:
    return parse_commands([{"id": "1", "command": "/x", "name": "x", "description": text, "components": components}])[0]


def test_a_commands_markup_is_shown_as_words(qtbot: QtBot, tmp_path: Path) -> None:
    text = hostile(tmp_path)
    form = ShortcutForm(command(text, [{"name": "a", "description": text}, {"name": "b", "description": text}]))
    qtbot.addWidget(form)
    labels_are_words(form, "<b>bold</b>")


def test_a_command_with_thousands_of_inputs_and_a_huge_option_fits_the_screen(qtbot: QtBot) -> None:
    huge = "选" * 1_000_000
    inputs: list[dict[str, object]] = [{"name": f"f{i}"} for i in range(5000)]
    inputs.append({"name": "pick", "type": "select", "options": ["a", huge], "default_value": huge})
    form = ShortcutForm(command("", inputs))
    qtbot.addWidget(form)
    hint = form.sizeHint()
    assert hint.height() < 1000 and hint.width() < 1000, hint
    box = form.fields["pick"]
    assert isinstance(box, QComboBox) and len(box.currentText()) <= 80
    assert form.values()["pick"] == huge  # what is sent is the option itself


def test_a_cards_field_names_are_words_and_thousands_of_fields_fit(qtbot: QtBot, tmp_path: Path) -> None:
    text = hostile(tmp_path)
    form = CardForm((text, "city", "city"))
    qtbot.addWidget(form)
    labels_are_words(form, "<b>bold</b>")
    assert len(form.edits) == 2
    many = CardForm(tuple(f"f{i}" for i in range(5000)))
    qtbot.addWidget(many)
    assert many.sizeHint().height() < 1000


def test_the_menus_tooltip_is_words(qtbot: QtBot, tmp_path: Path) -> None:
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    box.resize(600, 80)
    menu = ShortcutMenu(box)
    menu.set_commands((command(hostile(tmp_path), []),))
    menu.follow("/")
    tip = menu.list.item(0).toolTip()
    assert "<img" not in tip and "&lt;img" in tip and "\u202e" not in tip


def test_megabyte_names_are_capped_where_they_are_read_and_input_names_kept_whole(qtbot: QtBot) -> None:
    """Three commands with 1 MB names and descriptions made each keystroke after "/" cost 1.5 s of CPU (every
    row laid out its whole name) and each repaint 0.76 s; measured after: 0.002 s and 0.001 s."""
    key = "k" * 5000  # an input's name goes back to Coze as a parameter key: never cut
    raw = [
        {"id": str(n), "name": "名" * 1_000_000, "command": "/c" + "x" * 100_000, "description": "d" * 1_000_000,
         "components": [{"name": key, "description": "e" * 1_000_000}]}
        for n in range(3)
    ]  # fmt: skip
    commands = parse_commands(raw)
    for parsed in commands:
        assert len(parsed.name) <= MAX_NAME_CHARS and len(parsed.command) <= MAX_NAME_CHARS + 1
        assert len(parsed.description) <= MAX_DESCRIPTION_CHARS
        assert parsed.components[0].name == key and len(parsed.components[0].description) <= MAX_DESCRIPTION_CHARS
    assert [c.id for c in commands] == ["0", "1", "2"]
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    menu = ShortcutMenu(box)
    menu.set_commands(commands)
    menu.follow("/c")
    assert all(len(menu.list.item(row).text()) < 3 * MAX_NAME_CHARS for row in range(menu.list.count()))
