"""Attachments in the composer: paste and drop through Qt's real QMimeData, chips, refusals, and the
question sent through the real window and worker to the local server (upload before the chat)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QImage
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot

from desktop.core.attachments.copies import LocalCopies
from desktop.core.attachments.local import LocalFile
from desktop.core.cozeserver import Scenario
from desktop.ui import i18n
from desktop.ui.composer import Composer
from tests.images import image_bytes
from tests.ui.window_harness import Harness


def composer_with_copies(harness: Harness, tmp_path: Path) -> LocalCopies:
    copies = LocalCopies(tmp_path / "attachments")
    harness.window.chat.composer.copies = copies
    harness.chats.copies = copies
    return copies


def read(qtbot: QtBot, composer: Composer) -> None:
    """Wait until every attached file is read (hashed and copied off the GUI thread)."""
    qtbot.waitUntil(lambda: composer.chips.ready, timeout=5000)


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
    read(qtbot, composer)
    [chip] = composer.chips.chips()
    assert chip.file is not None
    assert chip.file.kind.name == "png" and chip.file.dimensions == (40, 30)
    assert chip.thumb.pixmap() is not None and not chip.thumb.pixmap().isNull()
    assert (copies.folder / chip.file.sha256).is_file()  # content-addressed copy in the profile
    assert composer.text() == ""  # the picture did not turn into text
    assert composer.button.isEnabled()  # a picture alone can be sent


def test_a_pasted_picture_is_encoded_off_the_gui_thread_while_typing_goes_on(
    qtbot: QtBot, harness: Harness, tmp_path: Path
) -> None:
    """Ctrl+V of an 8000×6000 picture held the window's thread 2–2.5 s encoding the PNG (typed text came
    late). The encoding now runs on the composer's reader thread: held open here, the box takes keys."""
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    gate, threads = threading.Event(), []

    def held_encode(image: QImage) -> bytes:
        threads.append(threading.get_ident())
        gate.wait(10)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        return bytes(data.data())

    composer.encode_png = held_encode
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    mime = QMimeData()
    mime.setImageData(image)
    QApplication.clipboard().setMimeData(mime)
    composer.edit.setFocus()
    try:
        composer.edit.paste()
        qtbot.waitUntil(lambda: bool(threads), timeout=5000)  # before: encoded inline, never by encode_png
        assert threads[0] != threading.main_thread().ident
        [chip] = composer.chips.chips()
        assert not chip.ready and chip.size_label.text() == "Reading…"
        qtbot.keyClicks(composer.edit, "still typing")
        assert composer.text() == "still typing"
    finally:
        gate.set()
    read(qtbot, composer)
    assert chip.file is not None and chip.file.kind.name == "png" and chip.file.dimensions == (400, 300)
    assert chip.size_label.text() != "Reading…"


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
    qtbot.waitUntil(lambda: len(composer.chips.chips()) == 2 and composer.chips.ready, timeout=5000)
    assert [c.name.text() for c in composer.chips.chips()] == ["a.png", "notes.txt"]
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
    read(qtbot, composer)
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
    view = harness.window.chat.view
    assert view.rendered_text(question.id).strip() == "what is this?"  # the bubble: the text alone
    item, rows = view.item(question.id), view.list_view
    assert item is not None
    row = rows.delegate.layout(item, rows.rows.get(question.id), rows.row_width)
    assert row is not None
    [tile] = [label for label in row.labels if label.picture is not None]  # the picture: its tile
    assert tile.text == "cat.png" and tile.picture == harness.store.attachments.of(question.id)[0].sha256
    assert harness.store.conversations.get(conversation).title == "what is this?"  # type: ignore[union-attr]


def test_a_failed_upload_keeps_the_draft_and_its_attachments(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    doc = tmp_path / "report.pdf"
    doc.write_bytes(b"%PDF-1.4\n%%EOF\n")
    picture = tmp_path / "cat.png"
    picture.write_bytes(image_bytes("PNG", 8, 8))
    composer.attach_paths([picture, doc])
    read(qtbot, composer)
    harness.server.queue(Scenario("upload_error", code=4304))
    composer.set_text("read this")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert composer.uploading
    qtbot.waitUntil(lambda: not composer.uploading, timeout=10_000)
    assert composer.text() == "read this"  # the draft stays
    assert [c.name.text() for c in composer.chips.chips()] == ["cat.png", "report.pdf"]
    assert composer.problem.isVisibleTo(composer) and "not accept" in composer.problem.text()
    assert "4304" in composer.problem.toolTip()  # Coze's code (and logid) under details
    assert harness.window.current_conversation is None  # nothing was asked, nothing recorded
    assert not [r for r in harness.server.requests if r.path == "/v3/chat"]
    assert composer.button.text() == "Send" and composer.button.isEnabled()
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)  # again, now that Coze takes the files
    qtbot.waitUntil(lambda: harness.window.current_conversation is not None, timeout=10_000)
    conversation = harness.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    assert len([r for r in harness.server.requests if r.path == "/v1/files/upload"]) == 3
    _question, answer = harness.store.messages.page(conversation)
    assert answer.status == "complete" and "report.pdf" in answer.content and "cat.png" in answer.content
    assert composer.text() == "" and composer.attachments() == []
    assert not composer.problem.isVisibleTo(composer)


def test_each_chip_shows_its_upload_progress(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (4 << 20))
    composer.attach_paths([big])
    read(qtbot, composer)
    harness.server.upload_pace = 1.0  # a second per MiB: four seconds for this file
    [chip] = composer.chips.chips()
    composer.set_text("size?")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    seen: list[int] = []
    chip.bar.valueChanged.connect(seen.append)
    qtbot.waitUntil(lambda: any(0 < v < 1000 for v in seen), timeout=10_000)
    assert chip.bar.isVisible() and composer.button.text() == "Cancel"
    harness.server.upload_pace = 0.0
    qtbot.waitUntil(lambda: harness.window.current_conversation is not None, timeout=20_000)
    assert seen == sorted(seen) and seen[-1] == 1000  # it only went forward, to the end


def test_cancelling_one_file_sends_the_others(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    big = tmp_path / "big.txt"
    big.write_bytes(b"y" * (4 << 20))
    small = tmp_path / "small.txt"
    small.write_text("keep me")
    composer.attach_paths([big, small])
    read(qtbot, composer)
    harness.server.upload_pace = 2.0
    composer.set_text("only the small one")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    first = composer.chips.chips()[0]
    qtbot.waitUntil(lambda: first.bar.value() > 0, timeout=10_000)
    qtbot.mouseClick(first.remove, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    harness.server.upload_pace = 0.0
    qtbot.waitUntil(lambda: harness.window.current_conversation is not None, timeout=20_000)
    conversation = harness.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    chat = next(r for r in harness.server.requests if r.path == "/v3/chat").json_object()
    items = json.loads(chat["additional_messages"][0]["content"])
    assert [i["type"] for i in items] == ["text", "file"]
    names = [harness.server.uploads.get(i).name for i in harness.server.uploads.ids()]  # type: ignore[union-attr]
    assert names == ["small.txt"]  # the big one never arrived whole
    question = harness.store.messages.page(conversation)[0]
    assert "big.txt" not in question.content and "small.txt" in question.content


def test_cancelling_all_keeps_the_draft(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    big = tmp_path / "big.txt"
    big.write_bytes(b"z" * (4 << 20))
    composer.attach_paths([big])
    read(qtbot, composer)
    harness.server.upload_pace = 2.0
    composer.set_text("never mind")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: composer.chips.chips()[0].bar.value() > 0, timeout=10_000)
    qtbot.keyClick(composer.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not composer.uploading, timeout=10_000)
    harness.server.upload_pace = 0.0
    assert composer.text() == "never mind" and [c.name.text() for c in composer.chips.chips()] == ["big.txt"]
    assert not composer.chips.chips()[0].bar.isVisibleTo(composer) and composer.button.text() == "Send"
    assert harness.window.current_conversation is None
    assert not [r for r in harness.server.requests if r.path == "/v3/chat"]


class _RecordingCopies(LocalCopies):
    """The real copies, noting which thread reads each file."""

    threads: list[threading.Thread]

    def keep_file(self, path: Path) -> LocalFile:
        self.threads.append(threading.current_thread())
        return super().keep_file(path)


def test_reading_a_big_file_happens_off_the_gui_thread(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    copies = _RecordingCopies(tmp_path / "attachments")
    copies.threads = []
    composer = harness.window.chat.composer
    composer.copies = copies
    big = tmp_path / "big.bin.txt"
    big.write_bytes(b"a" * (32 << 20))
    composer.set_text("here")
    composer.attach_paths([big])
    [chip] = composer.chips.chips()  # the chip is there at once, still reading
    assert not chip.ready and chip.bar.maximum() == 0 and chip.name.text() == "big.bin.txt"
    assert not composer.button.isEnabled()  # Send waits for the file
    read(qtbot, composer)
    assert copies.threads and copies.threads[0] is not threading.main_thread()
    assert chip.file is not None and (copies.folder / chip.file.sha256).is_file()
    assert composer.button.isEnabled()


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


def _drag(kind: type[QDragEnterEvent] | type[QDropEvent], mime: QMimeData) -> QDropEvent:
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    if kind is QDragEnterEvent:
        return QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, buttons, keys)
    return QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, buttons, keys)


def test_files_dropped_anywhere_on_the_window_are_attached(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    overlay = harness.drop_target.overlay
    picture = tmp_path / "far.png"
    picture.write_bytes(image_bytes("PNG", 12, 12))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(picture))])
    # Over the conversation list (which takes no drops itself): Qt hands the drag up to the window.
    sidebar_view = harness.window.sidebar.findChildren(QAbstractItemView)[0].viewport()
    enter = _drag(QDragEnterEvent, mime)
    QApplication.sendEvent(sidebar_view, enter)
    assert enter.isAccepted()
    assert overlay.isVisible() and overlay.geometry() == harness.window.rect()  # the whole window is the target
    # The next move finds the overlay under the cursor: Qt enters it (and only its current target hears a leave).
    QApplication.sendEvent(overlay, _drag(QDragEnterEvent, mime))
    QApplication.sendEvent(overlay, QDragLeaveEvent())
    assert not overlay.isVisible()  # the drag left: the window looks as before
    # Over the message box, which takes drops of its own: the window's target shows all the same.
    enter = _drag(QDragEnterEvent, mime)
    QApplication.sendEvent(composer.edit.viewport(), enter)
    assert enter.isAccepted() and overlay.isVisible()
    QApplication.sendEvent(overlay, _drag(QDragEnterEvent, mime))
    drop = _drag(QDropEvent, mime)
    QApplication.sendEvent(overlay, drop)
    assert drop.isAccepted() and not overlay.isVisible()
    read(qtbot, composer)
    assert [f.name for f in composer.attachments()] == ["far.png"]


def test_a_drag_of_plain_text_shows_no_drop_target(qtbot: QtBot, harness: Harness) -> None:
    mime = QMimeData()
    mime.setText("just words")
    enter = _drag(QDragEnterEvent, mime)
    QApplication.sendEvent(harness.window.chat.view, enter)
    assert not harness.drop_target.overlay.isVisible()


def test_coze_refusing_a_file_is_said_in_the_ui_language(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    """Coze's file errors (4300–4304) had a sentence of their own, in English only, beside the error table;
    the window fell back on a vaguer one. Now they are a kind of the table: said in the UI's language."""
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    doc = tmp_path / "report.pdf"
    doc.write_bytes(b"%PDF-1.4\n%%EOF\n")
    composer.attach_paths([doc])
    read(qtbot, composer)
    harness.server.queue(Scenario("upload_error", code=4302))
    composer.set_text("read this")
    app = QApplication.instance()
    assert isinstance(app, QApplication) and i18n.install_translators(app, "zh_CN") == "zh"
    try:
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not composer.uploading, timeout=10_000)
        said = composer.problem.text()
    finally:
        i18n.install_translators(app, "en")
    assert said.startswith("附件没有发送：扣子没有接受这个文件。") and "512 MB" in said, said
    assert "4302" in composer.problem.toolTip()
    assert composer.text() == "read this"


def test_refused_files_are_told_in_chinese_and_a_damaged_one_as_damaged(
    qtbot: QtBot, harness: Harness, tmp_path: Path
) -> None:
    """A zh window said "broken.png 实际上是 file of an unknown type。请改成正确的扩展名后重新添加。" and
    "fake_pdf.pdf 实际上是 PNG image。…": the type names were the core's English, and random bytes were
    told to be renamed. Type names now carry Chinese, and content nobody recognises is told as damaged."""
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    broken = tmp_path / "broken.png"
    broken.write_bytes(bytes(range(256)) * 8)
    fake = tmp_path / "fake_pdf.pdf"
    fake.write_bytes(image_bytes("PNG", 10, 10))
    app = QApplication.instance()
    assert isinstance(app, QApplication) and i18n.install_translators(app, "zh_CN") == "zh"
    try:
        composer.attach_paths([broken, fake])
        read(qtbot, composer)
        said = composer.problem.text()
    finally:
        i18n.install_translators(app, "en")
    assert "broken.png 文件已损坏或无法识别其格式（不是有效的 PNG 图片）。" in said, said
    assert "fake_pdf.pdf 实际上是 PNG 图片，而不是 PDF 文档。" in said, said
    assert "image" not in said and "unknown" not in said and "扩展名" in said  # only the PNG-as-PDF is renamed
    assert said.count("扩展名") == 1
    composer.attach_paths([broken])
    read(qtbot, composer)
    assert "broken.png is damaged or its format cannot be recognised (it is not a valid PNG image)." in (
        composer.problem.text()
    )
    assert "extension" not in composer.problem.text()
