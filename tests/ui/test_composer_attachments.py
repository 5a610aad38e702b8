"""Attachments in the composer: paste and drop through Qt's real QMimeData, chips, refusals, and the
question sent through the real window and worker to the local server (upload before the chat)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.attachments.copies import LocalCopies
from desktop.core.cozeserver import Scenario
from tests.images import image_bytes
from tests.ui.window_harness import Harness


def composer_with_copies(harness: Harness, tmp_path: Path) -> LocalCopies:
    copies = LocalCopies(tmp_path / "attachments")
    harness.window.chat.composer.copies = copies
    harness.chats.copies = copies
    return copies


def test_paste_a_picture_from_the_clipboard(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    copies = composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    mime = QMimeData()
    mime.setImageData(image)
    QApplication.clipboard().setMimeData(mime)
    composer.edit.setFocus()
    composer.edit.paste()
    [chip] = composer.chips.chips()
    assert chip.file.kind.name == "png" and chip.file.dimensions == (40, 30)
    assert chip.thumb.pixmap() is not None and not chip.thumb.pixmap().isNull()
    assert (copies.folder / chip.file.sha256).is_file()  # content-addressed copy in the profile
    assert composer.text() == ""  # the picture did not turn into text
    assert composer.button.isEnabled()  # a picture alone can be sent


def test_drop_files_and_remove_one(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    first = tmp_path / "a.png"
    first.write_bytes(image_bytes("PNG", 10, 10))
    second = tmp_path / "notes.txt"
    second.write_text("hello")
    wrong = tmp_path / "photo.jpg"
    wrong.write_bytes(image_bytes("PNG"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in (first, second, wrong)])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(composer, enter)  # as a real drag does: Qt delivers the drop after an accepted enter
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(composer, drop)
    assert [c.file.name for c in composer.chips.chips()] == ["a.png", "notes.txt"]
    assert "photo.jpg is really a PNG image" in composer.problem.text()
    assert composer.problem.isVisibleTo(composer)
    qtbot.mouseClick(composer.chips.chips()[0].remove, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert [f.name for f in composer.attachments()] == ["notes.txt"]


def test_send_with_attachments_uploads_first_and_history_shows_them(
    qtbot: QtBot, harness: Harness, tmp_path: Path
) -> None:
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    picture = tmp_path / "cat.png"
    picture.write_bytes(image_bytes("PNG", 64, 48))
    composer.attach_paths([picture])
    composer.set_text("what is this?")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: harness.window.current_conversation is not None, timeout=2000)
    conversation = harness.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    uploads = [r for r in harness.server.requests if r.path == "/v1/files/upload"]
    chat = next(r for r in harness.server.requests if r.path == "/v3/chat").json_object()
    assert len(uploads) == 1
    assert harness.server.requests.index(uploads[0]) < harness.server.requests.index(
        next(r for r in harness.server.requests if r.path == "/v3/chat")
    )
    items = json.loads(chat["additional_messages"][0]["content"])
    assert [i["type"] for i in items] == ["text", "image"]
    question, answer = harness.store.messages.page(conversation)
    assert question.content_type == "object_string"
    assert "64 × 48" in answer.content
    assert composer.attachments() == [] and composer.text() == ""
    shown = harness.window.chat.view.rendered_text(question.id)
    assert "what is this?" in shown and "cat.png" in shown
    assert harness.store.conversations.get(conversation).title == "what is this?"  # type: ignore[union-attr]


def test_a_failed_upload_keeps_the_question_and_retry_uploads_again(
    qtbot: QtBot, harness: Harness, tmp_path: Path
) -> None:
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    doc = tmp_path / "report.pdf"
    doc.write_bytes(b"%PDF-1.4\n%%EOF\n")
    composer.attach_paths([doc])
    harness.server.queue(Scenario("upload_error", code=4304))
    composer.set_text("read this")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: harness.window.current_conversation is not None, timeout=2000)
    conversation = harness.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    _question, failed = harness.store.messages.page(conversation)
    assert failed.status == "failed" and failed.error is not None and failed.error.code == 4304
    assert not [r for r in harness.server.requests if r.path == "/v3/chat"]
    assert harness.chats.retry(conversation, failed.id)
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    uploads = [r for r in harness.server.requests if r.path == "/v1/files/upload"]
    assert len(uploads) == 2  # the local copy went up again
    last = harness.store.messages.page(conversation)[-1]
    assert last.status == "complete" and "report.pdf" in last.content


def test_deleting_a_conversation_deletes_copies_nobody_else_uses(
    qtbot: QtBot, harness: Harness, tmp_path: Path
) -> None:
    copies = composer_with_copies(harness, tmp_path)
    harness.history.copies = copies
    shared = copies.keep_bytes("shared.txt", b"in both")
    only = copies.keep_bytes("only.txt", b"in one")
    first = harness.store.conversations.create("7451000000000000001").id
    second = harness.store.conversations.create("7451000000000000001").id
    from desktop.core.attachments.copies import question_content

    harness.store.messages.add_question(first, *question_content("a", [shared, only]))
    harness.store.messages.add_question(second, *question_content("b", [shared]))
    harness.history.delete(first)
    assert (copies.folder / shared.sha256).is_file()
    assert not (copies.folder / only.sha256).exists()
