"""A paste longer than a message may be (a whole document) goes in as an attached text file, with one
sentence saying so: the message box stays small. Before: a 6.6 MB paste went into the box (the window
from 120 to 218 MB, BENCHMARKS.md "An enormous paste") and into drafts.json whole."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.message_size import MAX_MESSAGE_CHARS
from tests.ui.test_composer_attachments import composer_with_copies, read
from tests.ui.window_harness import Harness

LINE = "一段很长的文字，with English too.\n"


def paste(text: str, harness: Harness) -> None:
    mime = QMimeData()
    mime.setText(text)
    QApplication.clipboard().setMimeData(mime)
    composer = harness.window.chat.composer
    composer.edit.setFocus()
    composer.edit.paste()  # the path Ctrl+V takes


def test_a_paste_too_long_for_a_message_is_attached_as_a_text_file(
    qtbot: QtBot, harness: Harness, tmp_path: Path
) -> None:
    copies = composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    document = LINE * (MAX_MESSAGE_CHARS // len(LINE) + 1)
    composer.set_text("summarise this:")
    paste(document, harness)
    assert composer.text() == "summarise this:"  # the box keeps what was typed, and nothing of the paste
    read(qtbot, composer)
    [chip] = composer.chips.chips()
    assert chip.file is not None and chip.full_name.startswith("pasted-text-") and chip.full_name.endswith(".txt")
    assert chip.file.kind.name == "text" and (copies.folder / chip.file.sha256).read_text("utf-8") == document
    assert (
        composer.problem.isVisibleTo(composer) and chip.full_name in composer.problem.text()
    )  # the label may be elided
    assert f"{MAX_MESSAGE_CHARS:,}" in composer.problem.text()
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)  # and it goes as a file, with the question
    qtbot.waitUntil(lambda: harness.window.current_conversation is not None, timeout=10_000)
    conversation = harness.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    chat = next(r for r in harness.server.requests if r.path == "/v3/chat").json_object()
    items = json.loads(chat["additional_messages"][0]["content"])
    assert [i["type"] for i in items] == ["text", "file"] and items[0]["text"] == "summarise this:"


def test_a_paste_that_fits_goes_in_the_box(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    composer.set_text("x" * 100)
    composer.edit.selectAll()  # replaced: what the box holds after the paste is what counts
    text = "y" * MAX_MESSAGE_CHARS
    paste(text, harness)
    assert composer.text() == text and composer.chips.chips() == []
    assert not composer.problem.isVisibleTo(composer)
