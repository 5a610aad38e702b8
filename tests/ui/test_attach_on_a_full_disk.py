"""Attaching on a full disk (the profile's `attachments/` on a real full tmpfs: tests/small_disk.py). The
copy could not be written: a part file was left holding what room there was (so the history could not
write either) and the composer showed Python's "[Errno 28] No space left on device: '…/<sha256>.part'".
Now nothing is left behind; a file is sent from where it is (no copy), and a pasted picture, which has no
file of its own, is refused with one sentence in the user's language."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.attachments.copies import LocalCopies
from desktop.core.attachments.local import AttachmentRefused, Refusal
from desktop.core.attachments.text import refusal_text
from desktop.ui import i18n
from tests.small_disk import SmallDisk, needs_root
from tests.ui.window_harness import Harness

pytestmark = needs_root


def leftovers(copies: LocalCopies) -> list[str]:
    return [p.name for p in copies.folder.iterdir()] if copies.folder.is_dir() else []


def test_a_file_is_sent_from_where_it_is_and_nothing_is_left(disk: SmallDisk, tmp_path: Path) -> None:
    copies = LocalCopies(disk.mount / "attachments")
    source = tmp_path / "report.bin"
    source.write_bytes(os.urandom(1 << 20))
    disk.fill()
    kept = copies.keep_file(source)
    assert kept.path == source and kept.size == 1 << 20
    assert leftovers(copies) == []  # before: a part file held the last free bytes


def test_pasted_content_is_refused_in_one_sentence(disk: SmallDisk) -> None:
    copies = LocalCopies(disk.mount / "attachments")
    disk.fill()
    with pytest.raises(AttachmentRefused) as refused:
        copies.keep_bytes("pasted.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 5000)
    assert refused.value.reason is Refusal.NO_SPACE and leftovers(copies) == []
    assert refusal_text(refused.value) == (
        "The disk is full: pasted.png cannot be kept to send. Free some space and attach it again."
    )


def test_the_composer_says_so_in_chinese(qtbot: QtBot, harness: Harness, disk: SmallDisk) -> None:
    composer = harness.window.chat.composer
    composer.copies = LocalCopies(disk.mount / "attachments")
    disk.fill()
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    mime = QMimeData()
    mime.setImageData(image)
    app = QApplication.instance()
    assert isinstance(app, QApplication) and i18n.install_translators(app, "zh_CN") == "zh"
    try:
        composer.attach_mime(mime)
        qtbot.waitUntil(lambda: composer.problem.isVisibleTo(composer), timeout=5000)
    finally:
        i18n.install_translators(app, "en")
    said = composer.problem.text()
    assert said.startswith("磁盘已满，无法保存 pasted-") and said.endswith(".png 以便发送。请释放一些空间后再添加。"), (
        said
    )
    assert composer.chips.chips() == []
