"""#15 gap: a question's pictures are in the PDF as the pictures themselves, decoded from their local
copies (`<profile>/attachments/<sha256>`) at print resolution; a picture whose local copy is gone stays a
box with its name. Checked on the page image (pdftoppm) and with pdfimages, from the writer, the window
(File ▸ Export this chat ▸ PDF) and the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.core.attachments.copies import LocalCopies, question_content
from desktop.core.profile import Profile
from desktop.core.store import BotRecord, NewMessage, Store
from desktop.core.store.transfer import walk
from desktop.ui.pdf_export import PdfChatWriter, print_style
from desktop.ui.pdf_pictures import CopiedPictures
from tests.images import image_bytes
from tests.memory_keyring import MemoryKeyring
from tests.store.conftest import child_env
from tests.test_app_session import close_app, open_app
from tests.ui.test_pdf_export import poppler

GONE = "f" * 64  # a picture whose local copy was deleted


def picture_chat(store: Store, attachments: Path) -> int:
    """A chat whose question carries a red 1200 x 900 picture (kept locally) and one whose copy is gone."""
    kept = LocalCopies(attachments).keep_bytes("red-kitten.png", image_bytes("PNG", 1200, 900, "#e02020"))
    content, content_type = question_content("这两张图里是什么？", [kept])
    gone = f',{{"type":"image","name":"lost-photo.png","size":4096,"sha256":"{GONE}","width":800,"height":600}}]'
    content = content[:-1] + gone
    store.bots.upsert(BotRecord("bot1", "小助手"))
    conversation = store.conversations.create("bot1", title="两张图")
    store.messages.add(
        conversation.id, NewMessage(role="user", type="question", content=content, content_type=content_type)
    )
    store.messages.add(conversation.id, NewMessage(role="assistant", type="answer", content="一只红色的猫。"))
    return conversation.id


def red_pixels(pdf: Path, folder: Path) -> int:
    poppler("pdftoppm", "-r", "100", "-f", "1", "-l", "1", "-png", str(pdf), str(folder / "page"))
    page = QImage(str(folder / "page-1.png"))
    assert not page.isNull()
    red = 0
    for y in range(0, page.height(), 2):
        for x in range(0, page.width(), 2):
            color = page.pixelColor(x, y)
            red += color.red() > 200 and color.green() < 60 and color.blue() < 60
    return red


def check(pdf: Path, folder: Path) -> None:
    # Two tiles of 6.5 em squares: the kept one filled red (> 1,000 sampled pixels at 100 dpi), the other
    # a box with its name. Before: both were named boxes, no red at all.
    assert red_pixels(pdf, folder) > 1000
    images = [row.split() for row in poppler("pdfimages", "-list", str(pdf)).splitlines()[2:]]
    pictures = [int(row[3]) for row in images if row[2] == "image" and int(row[3]) > 100]  # not the 🖼 glyph
    assert len(pictures) == 1 and pictures[0] >= 250  # the kept one, at ~3x its 94 px tile (print resolution)
    text = " ".join(poppler("pdftotext", str(pdf), "-").split())
    assert "lost-photo.png" in text and "Not on this computer" in text and "red-kitten.png" not in text


def test_the_writer_draws_the_local_copy_and_names_the_missing_one(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "history.sqlite3") as store:
        conversation_id = picture_chat(store, tmp_path / "attachments")
        pictures = CopiedPictures(tmp_path / "attachments")
        writer = PdfChatWriter(tmp_path / "chat.pdf", print_style(), questions=pictures)
        try:
            walk(store, conversation_id, writer)
        finally:
            writer.close()
    check(tmp_path / "chat.pdf", tmp_path)
    assert pictures.decoded == 1 and pictures.missing(GONE)


def test_the_window_export_draws_the_profile_s_local_copy(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    del memory_keyring
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    app = open_app(qapp, profile)
    try:
        app.start(demo=False)
        conversation_id = picture_chat(app.store, profile.attachments_dir)
        app.window.open_conversation(conversation_id)
        target = tmp_path / "out.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), "PDF (*.pdf)"))
        with qtbot.waitSignal(app.history.transfers.finished, timeout=60_000):
            app.window.transfer.export_chats(False)
    finally:
        close_app(app)
    check(target, tmp_path)


def test_the_command_line_export_draws_the_profile_s_local_copy(tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    with Store.open(profile.database_path) as store:
        conversation_id = picture_chat(store, profile.attachments_dir)
    target = tmp_path / "out.pdf"
    command = [sys.executable, "-m", "desktop.cli", "--profile", str(profile.path), "export", "--format", "pdf"]
    done = subprocess.run(
        [*command, "--conversation-id", str(conversation_id), "-o", str(target)],
        env={k: v for k, v in child_env().items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    check(target, tmp_path)
