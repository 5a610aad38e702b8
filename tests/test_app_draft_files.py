"""Attached files belong to the chat they were attached in, as the unsent text does (services/draft.py):
switching chats puts them away with the text, switching back shows them again, a new chat starts with
none, and they are still there after a restart while their copies in the profile exist.

Found by earlier sessions: a file attached in chat A stayed in the box after opening chat B, and Send
there sent A's file into B."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.profile import Profile
from desktop.services.draft import SAVE_AFTER_MS
from tests.images import image_bytes
from tests.test_app_draft import ask_in_a_new_chat
from tests.test_app_session import close_app, open_app


def names(app: object) -> list[str]:
    composer = app.window.chat.composer  # type: ignore[attr-defined]
    return [chip.name.text() for chip in composer.chips.chips()]


def test_attachments_stay_with_their_chat_and_survive_a_restart(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    picture = tmp_path / "cat.png"
    picture.write_bytes(image_bytes("PNG", 16, 12))
    notes = tmp_path / "notes.txt"
    notes.write_text("for chat A only", encoding="utf-8")
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        first = ask_in_a_new_chat(qtbot, app, "chat A")
        second = ask_in_a_new_chat(qtbot, app, "chat B")
        app.window.open_conversation(first)
        composer.attach_paths([picture, notes])
        qtbot.waitUntil(lambda: len(composer.attachments()) == 2, timeout=5000)
        composer.set_text("what are these?")
        app.window.open_conversation(second)
        assert names(app) == [] and composer.attachments() == []  # A's files stayed with A
        assert not composer.chips.isVisibleTo(composer)
        composer.set_text("and B?")
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)  # sent in B: B's text alone
        qtbot.waitUntil(lambda: not app.chats.is_busy(second), timeout=15_000)
        assert all(not app.store.attachments.of(m.id) for m in app.store.messages.page(second))
        app.window.new_chat()
        assert names(app) == []  # a new chat starts with none
        app.window.open_conversation(first)
        assert names(app) == ["cat.png", "notes.txt"] and composer.text() == "what are these?"
        assert composer.button.isEnabled()
        qtbot.waitUntil(lambda: "files" in json.dumps(_kept(profile)), timeout=SAVE_AFTER_MS * 5)  # for a kill -9
    finally:
        close_app(app)
    again = open_app(qapp, profile)
    again.start(demo=True)
    try:
        again.window.open_conversation(second)
        assert names(again) == []
        again.window.open_conversation(first)
        assert names(again) == ["cat.png", "notes.txt"]  # back after the restart, from the profile's copies
        chip = again.window.chat.composer.chips.chips()[0]
        assert chip.thumb.pixmap() is not None and not chip.thumb.pixmap().isNull()
        qtbot.keyClick(again.window.chat.composer.edit, Qt.Key.Key_Return)  # and they go with the question
        qtbot.waitUntil(lambda: again.window.chat.composer.attachments() == [], timeout=15_000)
        qtbot.waitUntil(lambda: not again.chats.is_busy(first), timeout=15_000)
        question = [m for m in again.store.messages.page(first) if m.role == "user"][-1]
        assert sorted(a.name for a in again.store.attachments.of(question.id)) == ["cat.png", "notes.txt"]
    finally:
        close_app(again)


def test_a_file_whose_copy_is_gone_is_not_restored(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    notes = tmp_path / "notes.txt"
    notes.write_text("kept", encoding="utf-8")
    gone = tmp_path / "gone.txt"
    gone.write_text("removed behind the app's back", encoding="utf-8")
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        composer.attach_paths([notes, gone])
        qtbot.waitUntil(lambda: len(composer.attachments()) == 2, timeout=5000)
        copy = composer.attachments()[1].path
    finally:
        close_app(app)
    assert copy is not None
    copy.unlink()
    again = open_app(qapp, profile)
    again.start(demo=True)
    try:
        assert names(again) == ["notes.txt"]
    finally:
        close_app(again)


def _kept(profile: Profile) -> object:
    try:
        return json.loads(profile.drafts_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def _a_file_attached_in_the_first_of_two_chats(qtbot: QtBot, app: DesktopApp, path: Path) -> tuple[int, int]:
    """Two chats asked in turn, the first open again with `path` attached: their ids."""
    composer = app.window.chat.composer
    first = ask_in_a_new_chat(qtbot, app, "chat A")
    second = ask_in_a_new_chat(qtbot, app, "chat B")
    app.window.open_conversation(first)
    composer.attach_paths([path])
    qtbot.waitUntil(lambda: len(composer.attachments()) == 1, timeout=5000)
    return first, second


def test_deleting_a_chat_keeps_the_copies_a_draft_needs(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    """Deleting a chat deletes the copies no stored question uses: not those of files waiting in a draft."""
    profile = Profile(tmp_path / "profile").ensure()
    notes = tmp_path / "notes.txt"
    notes.write_text("waiting in chat A's draft", encoding="utf-8")
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        first, second = _a_file_attached_in_the_first_of_two_chats(qtbot, app, notes)
        copy = composer.attachments()[0].path
        assert copy is not None and copy.parent == profile.attachments_dir
        app.window.open_conversation(second)  # A's file waits in A's draft
        with qtbot.waitSignal(app.history.conversationDeleted, timeout=5000):
            app.history.delete(second)
        assert copy.is_file()
        app.window.open_conversation(first)
        assert names(app) == ["notes.txt"]
    finally:
        close_app(app)


def test_deleting_a_chat_whose_draft_has_text_and_files_forgets_both(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """A deleted chat's draft goes whole: its files too, not only its text (the review found `text or files`
    short-circuit: the files stayed in drafts.json, their copies held for ever, ready for a reused id)."""
    profile = Profile(tmp_path / "profile").ensure()
    notes = tmp_path / "notes.txt"
    notes.write_text("chat A's file", encoding="utf-8")
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        first, second = _a_file_attached_in_the_first_of_two_chats(qtbot, app, notes)
        composer.set_text("about this file")
        app.window.open_conversation(second)
        assert str(first) in _kept(profile)  # type: ignore[operator]
        with qtbot.waitSignal(app.history.conversationDeleted, timeout=5000):
            app.history.delete(first)
        assert str(first) not in _kept(profile)  # type: ignore[operator]
        assert app.draft.held_hashes() == set()
    finally:
        close_app(app)
