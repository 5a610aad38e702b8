"""The small forms and the "/" menu a bot's data builds, fed hostile data: a shortcut command's
description, inputs and options, a chatflow input card's field names. Whatever the server sends shows
as words (Qt would otherwise render `<img src=...>` and read that file: `/dev/urandom` until memory
runs out), and a form with thousands of rows or a megabyte option stays on the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.coze.shortcuts import ShortcutCommand, parse_commands
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
