"""A file attached in one chat whose reading ends after the user moved on to another chat: refused, it is
said in its own chat when that chat is shown again (before, it was dropped without a word); read, its copy
is not taken for unused by a chat deleted meanwhile; attached in the chat that is deleted, it goes with it
(no copy and no draft left behind). A draft's file brought back after a restart is checked by its content
(its SHA-256), not its size: a copy changed to other bytes of the same size would send what was never
attached.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.attachments import held
from desktop.core.profile import Profile
from tests.draft_restart import changed, restarted_with_a_draft
from tests.test_app_draft import ask_in_a_new_chat
from tests.test_app_draft_files import names
from tests.test_app_session import close_app, open_app


def _two_chats(qtbot: QtBot, app: DesktopApp) -> tuple[int, int]:
    first = ask_in_a_new_chat(qtbot, app, "chat A")
    second = ask_in_a_new_chat(qtbot, app, "chat B")
    app.window.open_conversation(first)
    return first, second


def _read_in_but_not_yet_delivered(app: DesktopApp) -> None:
    """The reading thread has finished (the copy is in the profile), its result not yet delivered to the
    window: it comes through the event loop, which does not run here."""
    assert app.window.chat.composer._reader._pool.waitForDone(10_000)


def test_a_file_refused_after_leaving_its_chat_is_told_there_when_it_is_shown_again(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        first, second = _two_chats(qtbot, app)
        composer.attach_paths([empty])  # read (and refused: it is empty) on the reading thread...
        app.window.open_conversation(second)  # ...while chat B is shown
        qtbot.waitUntil(lambda: composer._reader.active == 0, timeout=10_000)
        assert composer.problem.isHidden()  # nothing about chat A's file in chat B
        app.window.open_conversation(first)
        assert not composer.problem.isHidden()
        assert composer.problem.text() == "empty.txt is empty; there is nothing to send."
        assert names(app) == []
        app.window.open_conversation(second)
        assert composer.problem.isHidden()
        app.window.open_conversation(first)
        assert composer.problem.isHidden()  # said once
    finally:
        close_app(app)


def test_deleting_a_chat_while_a_file_is_read_in_keeps_its_copy(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    notes = tmp_path / "notes.txt"
    notes.write_text("being read into chat A's draft", encoding="utf-8")
    copy = profile.attachments_dir / hashlib.sha256(notes.read_bytes()).hexdigest()
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        _first, second = _two_chats(qtbot, app)
        composer.attach_paths([notes])
        _read_in_but_not_yet_delivered(app)
        assert copy.is_file() and not composer.chips.ready  # in the profile, "Reading…" in the box
        app.history.delete(second)  # its unused copies go: not the one being read in
        qtbot.waitUntil(lambda: composer.chips.ready, timeout=10_000)
        assert copy.is_file()
        assert names(app) == ["notes.txt"] and composer.attachments()[0].path == copy
        assert copy.read_text(encoding="utf-8") == "being read into chat A's draft"
    finally:
        close_app(app)


def test_deleting_the_chat_a_file_is_read_in_for_leaves_neither_draft_nor_copy(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    notes = tmp_path / "notes.txt"
    notes.write_text("for chat A, deleted while this is read in", encoding="utf-8")
    copy = profile.attachments_dir / hashlib.sha256(notes.read_bytes()).hexdigest()
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        first, second = _two_chats(qtbot, app)
        composer.attach_paths([notes])
        app.window.open_conversation(second)
        app.history.delete(first)
        qtbot.waitUntil(lambda: composer._reader.active == 0, timeout=10_000)
        assert app.draft.held_hashes() == set()  # no draft of the deleted chat came back with the file
        app.draft.save()
        kept = json.loads(profile.drafts_path.read_text(encoding="utf-8")) if profile.drafts_path.exists() else {}
        assert str(first) not in kept
        assert not copy.exists()  # and its copy did not stay behind
        assert names(app) == [] and composer.problem.isHidden()
    finally:
        close_app(app)


def test_a_drafts_file_changed_to_the_same_size_is_not_brought_back(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    def to_the_same_size(copy: Path) -> None:
        size = copy.stat().st_size
        changed(copy)  # the same size, other contents
        assert copy.stat().st_size == size

    with restarted_with_a_draft(qapp, qtbot, tmp_path, change=to_the_same_size, words="") as (again, _copy):
        drafts = again.profile.drafts_path
        qtbot.waitUntil(lambda: names(again) == [], timeout=5000)  # it would send what was never attached
        qtbot.waitUntil(lambda: not drafts.exists(), timeout=5000)  # the draft held that file alone


def test_a_drafts_files_are_hashed_off_the_windows_thread(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real: Callable[..., bool] = held.holds

    def recording(*args: object) -> bool:
        threads.append(threading.current_thread())
        return real(*args)

    def hashes_recorded(_copy: Path) -> None:
        drafts = Profile(tmp_path / "profile").drafts_path  # (the profile restarted_with_a_draft uses)
        assert "notes.txt" in json.dumps(json.loads(drafts.read_text(encoding="utf-8")))
        monkeypatch.setattr(held, "holds", recording)  # our own hash check, still the real one

    with restarted_with_a_draft(qapp, qtbot, tmp_path, change=hashes_recorded, words="") as (again, _copy):
        qtbot.waitUntil(lambda: bool(threads), timeout=5000)
        assert threads[0] is not threading.main_thread()  # ~1 s per 512 MB held the window's start
        assert names(again) == ["notes.txt"]  # unchanged: it stays
