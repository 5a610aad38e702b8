"""#15 gap: asking again a question that came from a Coze sync reuses its files' ids while Coze still has
them (no upload), uploads again from the local copy only the ones Coze forgot (`/v1/files/retrieve`
decides), and when Coze forgot a file this computer never had, says so and keeps the question. Through
the real sync, controller, worker thread and local Coze server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.attachments.copies import LocalCopies, question_content, question_files
from desktop.core.attachments.local import LocalFile, inspect_bytes
from desktop.core.attachments.upload import upload_one
from desktop.core.coze import CozeClient
from desktop.core.coze.errors import ErrorKind
from desktop.core.cozeserver import CozeServer
from desktop.core.store import Message, Store
from desktop.core.sync import Puller
from desktop.core.vocabulary import Role
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from tests.coze_fixtures import BOT, TOKEN, USER
from tests.images import image_bytes

PDF = b"%PDF-1.4 made on another computer"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "history.sqlite3") as opened:
        yield opened


@pytest.fixture
def copies(tmp_path: Path) -> LocalCopies:
    return LocalCopies(tmp_path / "attachments")


@pytest.fixture
def chats(store: Store, server: CozeServer, copies: LocalCopies) -> Iterator[ChatController]:
    controller = ChatController(store, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, "u"))
    controller.copies = copies
    yield controller
    assert controller.shutdown(3000)


def synced_question(client: CozeClient, store: Store, copies: LocalCopies) -> tuple[Message, LocalFile, str, str]:
    """A question asked on Coze (another computer) with a picture this computer once uploaded (its local
    copy is here) and a PDF it never had; synced in. (question, the picture, its file_id, the PDF's)."""
    cat = copies.keep_bytes("cat.png", image_bytes("PNG", 32, 24, "#c04080"))
    mine = upload_one(client, cat).file_id
    earlier = store.messages.add_question(store.conversations.create(BOT).id, *question_content("", [cat]))
    store.attachments.set_file_ids(earlier.id, {cat.sha256: mine})
    theirs = upload_one(client, inspect_bytes("report.pdf", PDF), PDF).file_id
    conversation = client.create_conversation(BOT)
    items = [{"type": "text", "text": "compare these"}, {"type": "image", "file_id": mine}]
    items.append({"type": "file", "file_id": theirs})
    list(
        client.stream_chat(BOT, USER, json.dumps(items), conversation_id=conversation.id, content_type="object_string")
    )
    Puller(client, store).pull(BOT)
    local = store.conversations.find_by_coze_id(conversation.id)
    assert local is not None
    question = next(m for m in store.messages.all(local.id) if m.type == "question")
    return question, cat, mine, theirs


def answer_of(store: Store, question: Message) -> Message:
    return next(m for m in store.messages.all(question.conversation_id) if m.type == "answer" and m.id > question.id)


def requests_to(server: CozeServer, path: str) -> int:
    return len([r for r in server.requests if r.path == path])


def sent_ids(server: CozeServer) -> list[str]:
    chat = [r for r in server.requests if r.path == "/v3/chat"][-1].json_object()
    return [item.get("file_id", "") for item in json.loads(chat["additional_messages"][0]["content"])[1:]]


def regenerate(qtbot: QtBot, chats: ChatController, question: Message, text: str | None = None) -> None:
    assert chats.regenerate(question.conversation_id, question.id, text)
    qtbot.waitUntil(lambda: not chats.is_busy(question.conversation_id), timeout=10_000)


def test_regenerating_a_synced_question_reuses_the_ids_coze_still_has(
    qtbot: QtBot, store: Store, server: CozeServer, client: CozeClient, copies: LocalCopies, chats: ChatController
) -> None:
    question, _cat, mine, theirs = synced_question(client, store, copies)
    uploads, retrieves = requests_to(server, "/v1/files/upload"), requests_to(server, "/v1/files/retrieve")
    regenerate(qtbot, chats, question)
    answer = answer_of(store, question)
    assert answer.role == Role.ASSISTANT and answer.status == "complete", answer.error
    assert sent_ids(server) == [mine, theirs]  # both files, by the ids Coze has; before: the PDF was dropped
    assert requests_to(server, "/v1/files/upload") == uploads  # nothing went up again
    assert requests_to(server, "/v1/files/retrieve") == retrieves  # nothing to ask: the chat was not refused


def test_a_forgotten_file_with_a_local_copy_is_uploaded_again_and_the_other_reused(
    qtbot: QtBot, store: Store, server: CozeServer, client: CozeClient, copies: LocalCopies, chats: ChatController
) -> None:
    question, cat, mine, theirs = synced_question(client, store, copies)
    assert server.uploads.forget(mine)
    uploads, retrieves = requests_to(server, "/v1/files/upload"), requests_to(server, "/v1/files/retrieve")
    regenerate(qtbot, chats, question, "compare these two, please")  # an edit keeps the files
    answer = answer_of(store, question)
    assert answer.status == "complete", answer.error
    assert requests_to(server, "/v1/files/upload") == uploads + 1  # the picture, from its local copy
    assert requests_to(server, "/v1/files/retrieve") == retrieves + 2  # which of the two Coze forgot
    again = store.attachments.file_ids(question.id)[cat.sha256]
    assert again != mine and sent_ids(server) == [again, theirs]
    edited = store.messages.get(question.id)
    assert edited is not None
    text, files = question_files(edited.content, edited.content_type)
    assert text == "compare these two, please"
    assert [(f.name, f.is_image, f.file_id) for f in files] == [("cat.png", True, ""), ("", False, theirs)]


def test_a_forgotten_file_with_no_local_copy_is_said_and_the_question_kept(
    qtbot: QtBot, store: Store, server: CozeServer, client: CozeClient, copies: LocalCopies, chats: ChatController
) -> None:
    question, _cat, _mine, theirs = synced_question(client, store, copies)
    assert server.uploads.forget(theirs)
    uploads = requests_to(server, "/v1/files/upload")
    regenerate(qtbot, chats, question)
    answer = answer_of(store, question)
    assert answer.status == "failed" and answer.error is not None
    assert answer.error.kind == ErrorKind.FILE_GONE and theirs in answer.error.msg  # Coze never said its name: its id
    assert requests_to(server, "/v1/files/upload") == uploads  # nothing to upload it from
    kept = store.messages.get(question.id)
    assert kept is not None and kept.content == question.content  # the question and its files stay


def test_retry_of_a_synced_question_sends_its_coze_files_too(
    qtbot: QtBot, store: Store, server: CozeServer, client: CozeClient, copies: LocalCopies, chats: ChatController
) -> None:
    question, _cat, mine, theirs = synced_question(client, store, copies)
    answer = answer_of(store, question)
    uploads = requests_to(server, "/v1/files/upload")
    assert chats.retry(question.conversation_id, answer.id)
    qtbot.waitUntil(lambda: not chats.is_busy(question.conversation_id), timeout=10_000)
    assert sent_ids(server) == [mine, theirs] and requests_to(server, "/v1/files/upload") == uploads
