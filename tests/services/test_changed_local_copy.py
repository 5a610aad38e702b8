"""The local copy of an attached file (`<profile>/attachments/<sha256>`) changed since it was kept, to other
bytes of the same size (a bad disk block, an editor, another program): it is no copy of that file any more.
Asking the question again sends the file by the id Coze has, and when Coze forgot it says so (FILE_GONE)
rather than uploading the changed bytes as the question's file, which it did before. Attaching the file
again writes a sound copy. Through the real controller, worker thread and local Coze server."""

from __future__ import annotations

import json

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.attachments.copies import LocalCopies
from desktop.core.attachments.local import LocalFile
from desktop.core.coze.errors import ErrorKind
from desktop.core.cozeserver import CozeServer
from desktop.core.store import Message, Store
from desktop.services.chat_controller import ChatController
from tests.coze_fixtures import BOT
from tests.images import image_bytes

PICTURE = image_bytes("PNG", 64, 48, "#2080c0")


@pytest.fixture
def copies(tmp_path_factory: pytest.TempPathFactory) -> LocalCopies:
    return LocalCopies(tmp_path_factory.mktemp("profile") / "attachments")


def uploads(server: CozeServer) -> int:
    return len([r for r in server.requests if r.path == "/v1/files/upload"])


def asked(qtbot: QtBot, store: Store, chats: ChatController, copies: LocalCopies) -> tuple[Message, LocalFile, str]:
    chats.copies = copies
    picture = copies.keep_bytes("sky.png", PICTURE)
    conversation = store.conversations.create(BOT)
    assert chats.send(conversation.id, "what colour is this?", attachments=[picture])
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    question = store.messages.all(conversation.id)[0]
    file_id = store.attachments.file_ids(question.id)[picture.sha256]
    return question, picture, file_id


def spoil(copies: LocalCopies, picture: LocalFile) -> None:
    """Other bytes of the same size where the copy was."""
    target = copies.path_of(picture.sha256)
    data = bytearray(target.read_bytes())
    data[-20:] = b"\0" * 20
    target.write_bytes(bytes(data))
    assert target.stat().st_size == picture.size


def sent_file_ids(server: CozeServer) -> list[str]:
    chat = [r for r in server.requests if r.path == "/v3/chat"][-1].json_object()
    items = json.loads(chat["additional_messages"][0]["content"])
    return [item["file_id"] for item in items if item.get("type") == "image"]


def regenerate(qtbot: QtBot, chats: ChatController, question: Message) -> Message:
    assert chats.regenerate(question.conversation_id, question.id)
    qtbot.waitUntil(lambda: not chats.is_busy(question.conversation_id), timeout=10_000)
    return [m for m in chats._store.messages.all(question.conversation_id) if m.type == "answer"][-1]


def test_a_changed_copy_is_not_used_while_coze_has_the_file(
    qtbot: QtBot, store: Store, server: CozeServer, chats: ChatController, copies: LocalCopies
) -> None:
    question, picture, file_id = asked(qtbot, store, chats, copies)
    spoil(copies, picture)
    before = uploads(server)
    answer = regenerate(qtbot, chats, question)
    assert answer.status == "complete", answer.error
    assert sent_file_ids(server) == [file_id] and uploads(server) == before


def test_a_changed_copy_is_never_uploaded_as_the_question_s_file(
    qtbot: QtBot, store: Store, server: CozeServer, chats: ChatController, copies: LocalCopies
) -> None:
    question, picture, file_id = asked(qtbot, store, chats, copies)
    spoil(copies, picture)
    assert server.uploads.forget(file_id)
    before = uploads(server)
    answer = regenerate(qtbot, chats, question)
    assert answer.status == "failed" and answer.error is not None and answer.error.kind == ErrorKind.FILE_GONE
    assert uploads(server) == before  # before: the changed bytes went up as sky.png
    kept = store.messages.get(question.id)
    assert kept is not None and kept.content == question.content


def test_attaching_the_file_again_writes_a_sound_copy(copies: LocalCopies) -> None:
    picture = copies.keep_bytes("sky.png", PICTURE)
    spoil(copies, picture)
    assert copies.find(picture.sha256, "sky.png") is None
    again = copies.keep_bytes("sky.png", PICTURE)
    assert again.path is not None and again.path.read_bytes() == PICTURE
    found = copies.find(picture.sha256, "sky.png")
    assert found is not None and found.path == again.path
