"""A restart with a saved draft, for the tests of what a restored draft's files do: a new chat's words and notes.txt
kept at one start, then the app started again with the content check of notes.txt's copy held at a gate."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.profile import Profile
from desktop.ui.composer import Composer
from tests.test_app_session import close_app, open_app


def draft_in_a_new_chat(
    qapp: QApplication, qtbot: QtBot, profile: Profile, notes: Path, words: str = "what is in it?"
) -> Path:
    """A restart's worth of draft: the new chat's `words` and `notes`, kept in drafts.json; the copy's path."""
    app = open_app(qapp, profile)
    app.start(demo=True)
    composer = app.window.chat.composer
    try:
        app.window.new_chat()
        composer.set_text(words)
        composer.attach_paths([notes])
        qtbot.waitUntil(lambda: len(composer.attachments()) == 1, timeout=5000)
        copy = composer.attachments()[0].path
    finally:
        close_app(app)
    assert copy is not None
    return copy


def questions(app: DesktopApp) -> list[tuple[str, int]]:
    """Each question sent (its text or object string, how many files went with it)."""
    return [
        (message.content, len(app.store.attachments.of(message.id)))
        for conversation in app.store.conversations.ids()
        for message in app.store.messages.page(conversation)
        if message.role == "user"
    ]


@contextlib.contextmanager
def restarted_with_a_draft(
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    *gates: threading.Event,
    change: Callable[[Path], object] = lambda _copy: None,
    words: str = "what is in it?",
) -> Iterator[tuple[DesktopApp, Path]]:
    """A new chat's draft (its `words` and notes.txt) kept at one start, `change` done between the two starts (given
    notes.txt's copy), then the app started again: that app and the copy. A test holding the check (`gate`,
    tests/draft_gate.py) passes its gate, with any other, in `gates`: they open before the app closes (a thread still
    waiting on one must end before the app's threads are waited for)."""
    profile = Profile(tmp_path / "profile").ensure()
    notes = tmp_path / "notes.txt"
    notes.write_text("the words that were attached", encoding="utf-8")
    copy = draft_in_a_new_chat(qapp, qtbot, profile, notes, words)
    change(copy)
    app = open_app(qapp, profile)
    app.start(demo=True)
    try:
        yield app, copy
    finally:
        for gate in gates:
            gate.set()
        close_app(app)


def paste_a_picture(composer: Composer) -> None:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    mime = QMimeData()
    mime.setImageData(image)
    composer.attach_mime(mime)


def changed(copy: Path) -> None:
    copy.write_text("the words that were changed!", encoding="utf-8")  # the same size, other contents
