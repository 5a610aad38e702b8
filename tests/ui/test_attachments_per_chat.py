"""Files on their way to Coze for chat A when the user opens chat B: the upload is dropped with A's draft
(A's files wait in A's draft, nothing is asked in A), and nothing of it lands in B: B's Send is Send (not
A's Cancel), and a question with B's own file sends that file alone."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.attachments.copies import LocalCopies
from desktop.core.attachments.local import LocalFile
from desktop.core.profile import Profile
from desktop.core.vocabulary import Role
from desktop.services.draft import DraftKeeper
from tests.ui.test_composer_attachments import composer_with_copies, read
from tests.ui.window_harness import Harness


def asked(harness: Harness, question: str) -> int:
    harness.window.new_chat()
    harness.window.send(question)
    conversation = harness.window.current_conversation
    assert conversation is not None
    return conversation


def test_an_upload_for_one_chat_never_lands_in_another(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    composer_with_copies(harness, tmp_path)
    window, composer = harness.window, harness.window.chat.composer
    DraftKeeper(
        Profile(tmp_path / "profile").ensure(), composer, window.presenter, harness.history, window
    )  # as the app
    first = asked(harness, "chat A")
    qtbot.waitUntil(lambda: not harness.chats.is_busy(first), timeout=15_000)
    second = asked(harness, "chat B")
    qtbot.waitUntil(lambda: not harness.chats.is_busy(second), timeout=15_000)
    window.open_conversation(first)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (4 << 20))
    composer.attach_paths([big])
    read(qtbot, composer)
    harness.server.upload_pace = 2.0  # two seconds per MiB: still going when B is opened
    composer.set_text("about A's file")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: composer.chips.chips()[0].bar.value() > 0, timeout=10_000)
    window.open_conversation(second)
    assert composer.chips.chips() == [] and composer.text() == ""
    assert not composer.uploading and composer.button.text() == "Send"  # A's upload is not B's to cancel
    small = tmp_path / "small.txt"
    small.write_text("B's own file", encoding="utf-8")
    composer.attach_paths([small])
    read(qtbot, composer)
    composer.set_text("about B's file")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    harness.server.upload_pace = 0.0
    qtbot.waitUntil(lambda: composer.attachments() == [] and composer.text() == "", timeout=20_000)
    qtbot.waitUntil(lambda: not harness.chats.is_busy(second), timeout=15_000)
    chats = [r.json_object() for r in harness.server.requests if r.path == "/v3/chat"]
    items = json.loads(chats[-1]["additional_messages"][0]["content"])
    assert [i["type"] for i in items] == ["text", "file"]
    question = [m for m in harness.store.messages.page(second) if m.role == Role.USER][-1]
    assert [a.name for a in harness.store.attachments.of(question.id)] == ["small.txt"]
    assert [m.content for m in harness.store.messages.page(first) if m.role == Role.USER] == ["chat A"]  # not asked
    window.open_conversation(first)
    assert [c.name.text() for c in composer.chips.chips()] == ["big.txt"] and composer.text() == "about A's file"
    assert not composer.uploading and composer.button.text() == "Send"


class _SlowCopies(LocalCopies):
    """The real copies, each read waiting for `go` (a big file being hashed while the user moves on)."""

    go = threading.Event()

    def keep_file(self, path: Path) -> LocalFile:
        assert self.go.wait(10)
        return super().keep_file(path)


def test_a_file_still_being_read_goes_to_the_chat_it_was_attached_in(
    qtbot: QtBot, harness: Harness, tmp_path: Path
) -> None:
    window, composer = harness.window, harness.window.chat.composer
    composer.copies = harness.chats.copies = _SlowCopies(tmp_path / "attachments")
    _SlowCopies.go = threading.Event()
    DraftKeeper(Profile(tmp_path / "profile").ensure(), composer, window.presenter, harness.history, window)
    first = asked(harness, "chat A")
    qtbot.waitUntil(lambda: not harness.chats.is_busy(first), timeout=15_000)
    window.new_chat()
    notes = tmp_path / "notes.txt"
    notes.write_text("attached in chat A", encoding="utf-8")
    window.open_conversation(first)
    composer.attach_paths([notes])
    assert not composer.chips.ready  # still being read
    window.new_chat()
    assert composer.chips.chips() == []
    with qtbot.waitSignal(composer.chips.readAway, timeout=10_000) as read_away:
        _SlowCopies.go.set()
    assert read_away.args is not None and read_away.args[0] == str(first)
    assert composer.chips.chips() == []  # not in the new chat
    window.open_conversation(first)
    qtbot.waitUntil(lambda: [c.name.text() for c in composer.chips.chips()] == ["notes.txt"], timeout=5000)
    assert composer.chips.ready
