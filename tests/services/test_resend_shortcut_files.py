"""A question sent with a shortcut command's file input (the demo bot's /look) asked again — regenerated,
edited or retried — sends its file again, by the rules of test_resend_synced_files.py: by the file_id Coze
still has (no upload), uploaded again from the local copy when Coze forgot it, and said (the question
kept) when there is neither. Before, the command went without the file and the bot answered that none
came. Through the real controller, worker thread and local Coze server."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.attachments.copies import LocalCopies
from desktop.core.attachments.local import LocalFile
from desktop.core.coze.errors import ErrorKind
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.demo_shortcuts import LOOK_ID
from desktop.core.shortcut_use import ShortcutUse
from desktop.core.store import Message, Store
from desktop.services.chat_controller import ChatController
from tests.coze_fixtures import BOT
from tests.images import image_bytes


@pytest.fixture
def copies(tmp_path_factory: pytest.TempPathFactory) -> LocalCopies:
    return LocalCopies(tmp_path_factory.mktemp("profile") / "attachments")


@pytest.fixture
def with_copies(chats: ChatController, copies: LocalCopies) -> Iterator[ChatController]:
    chats.copies = copies
    yield chats


def uploads(server: CozeServer) -> int:
    return len([r for r in server.requests if r.path == "/v1/files/upload"])


def sent_shortcut(server: CozeServer) -> dict[str, object]:
    body = [r for r in server.requests if r.path == "/v3/chat"][-1].json_object()
    shortcut = body.get("shortcut_command")
    assert isinstance(shortcut, dict)
    return shortcut


def file_id_sent(server: CozeServer) -> str:
    parameters = sent_shortcut(server).get("parameters")
    assert isinstance(parameters, dict) and "file" in parameters, "the command went without its file"
    item = json.loads(parameters["file"])
    assert item["type"] == "image"
    return str(item["file_id"])


def done(qtbot: QtBot, chats: ChatController, conversation_id: int) -> None:
    qtbot.waitUntil(lambda: not chats.is_busy(conversation_id), timeout=10_000)


def latest_answer(store: Store, conversation_id: int) -> Message:
    return [m for m in store.messages.all(conversation_id) if m.type == "answer"][-1]


def asked_with_look(qtbot: QtBot, store: Store, chats: ChatController, copies: LocalCopies) -> tuple[Message, str]:
    """A question sent with /look and a picture chosen in its form (kept as a local copy, as the form
    keeps it); (the question, the file_id of its upload)."""
    picture: LocalFile = copies.keep_bytes("kitten.png", image_bytes("PNG", 120, 90, "#c04080"))
    use = ShortcutUse(LOOK_ID, "/look", "Look", (("file", "kitten.png"),), files=(("file", picture),))
    conversation = store.conversations.create(BOT)
    assert chats.send(conversation.id, "Please look at this file and tell me what it is.", shortcut=use)
    done(qtbot, chats, conversation.id)
    question = store.messages.all(conversation.id)[0]
    answer = latest_answer(store, conversation.id)
    assert answer.status == "complete" and "120 × 90" in answer.content, answer.content
    stored = json.loads(question.shortcut or "{}")
    file_id = stored["file_items"]["file"]["file_id"]  # the upload is recorded with the question
    assert stored["file_items"]["file"]["sha256"] == picture.sha256 and file_id
    return question, file_id


def test_regenerating_a_shortcut_question_sends_its_file_by_the_id_coze_still_has(
    qtbot: QtBot, store: Store, server: CozeServer, with_copies: ChatController, copies: LocalCopies
) -> None:
    question, file_id = asked_with_look(qtbot, store, with_copies, copies)
    before = uploads(server)
    assert with_copies.regenerate(question.conversation_id, question.id)
    done(qtbot, with_copies, question.conversation_id)
    assert sent_shortcut(server)["command_id"] == LOOK_ID
    assert file_id_sent(server) == file_id and uploads(server) == before  # the same file, not uploaded again
    answer = latest_answer(store, question.conversation_id)
    assert answer.status == "complete" and "kitten.png" in answer.content and "120 × 90" in answer.content


def test_an_edited_shortcut_question_sends_its_file_too(
    qtbot: QtBot, store: Store, server: CozeServer, with_copies: ChatController, copies: LocalCopies
) -> None:
    question, file_id = asked_with_look(qtbot, store, with_copies, copies)
    assert with_copies.regenerate(question.conversation_id, question.id, "What is in this picture?")
    done(qtbot, with_copies, question.conversation_id)
    assert file_id_sent(server) == file_id
    assert "120 × 90" in latest_answer(store, question.conversation_id).content


def test_retrying_a_shortcut_question_sends_its_file_too(
    qtbot: QtBot, store: Store, server: CozeServer, with_copies: ChatController, copies: LocalCopies
) -> None:
    question, file_id = asked_with_look(qtbot, store, with_copies, copies)
    answer = latest_answer(store, question.conversation_id)
    assert with_copies.retry(question.conversation_id, answer.id)
    done(qtbot, with_copies, question.conversation_id)
    assert file_id_sent(server) == file_id
    assert "120 × 90" in latest_answer(store, question.conversation_id).content


def test_a_file_coze_forgot_is_uploaded_again_from_the_local_copy(
    qtbot: QtBot, store: Store, server: CozeServer, with_copies: ChatController, copies: LocalCopies
) -> None:
    question, file_id = asked_with_look(qtbot, store, with_copies, copies)
    assert server.uploads.forget(file_id)
    before = uploads(server)
    assert with_copies.regenerate(question.conversation_id, question.id)
    done(qtbot, with_copies, question.conversation_id)
    answer = latest_answer(store, question.conversation_id)
    assert answer.status == "complete" and "120 × 90" in answer.content, answer.error
    again = file_id_sent(server)
    assert again != file_id and uploads(server) == before + 1  # once, from the local copy
    stored = store.messages.get(question.id)
    assert stored is not None and json.loads(stored.shortcut or "{}")["file_items"]["file"]["file_id"] == again


def test_a_forgotten_file_with_no_local_copy_is_said_and_the_question_kept(
    qtbot: QtBot, store: Store, server: CozeServer, with_copies: ChatController, copies: LocalCopies
) -> None:
    question, file_id = asked_with_look(qtbot, store, with_copies, copies)
    sha = json.loads(question.shortcut or "{}")["file_items"]["file"]["sha256"]
    copies.path_of(sha).unlink()
    assert server.uploads.forget(file_id)
    before = uploads(server)
    assert with_copies.regenerate(question.conversation_id, question.id)
    done(qtbot, with_copies, question.conversation_id)
    answer = latest_answer(store, question.conversation_id)
    assert answer.status == "failed" and answer.error is not None and answer.error.kind == ErrorKind.FILE_GONE
    assert "kitten.png" in answer.error.msg and uploads(server) == before
    kept = store.messages.get(question.id)
    assert kept is not None and kept.shortcut == question.shortcut


def test_a_shortcut_file_s_local_copy_stays_when_another_conversation_goes(
    qtbot: QtBot, store: Store, with_copies: ChatController, copies: LocalCopies
) -> None:
    question, _file_id = asked_with_look(qtbot, store, with_copies, copies)
    sha = json.loads(question.shortcut or "{}")["file_items"]["file"]["sha256"]
    assert sha in store.attachments.hashes()  # what deleting a conversation keeps (HistoryService.delete)
    assert copies.delete_unused(store.attachments.hashes()) == 0 and copies.path_of(sha).is_file()
