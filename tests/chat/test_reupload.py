"""File ids are kept and reused; a file Coze forgot is uploaded again from the local copy (and only
then), over loopback against the local server, recorded through the same ChatTurn the app uses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.attachments import LocalFile
from desktop.core.attachments.copies import LocalCopies, question_content
from desktop.core.attachments.upload import forgotten
from desktop.core.chat import ChatPump, ChatTurn, TurnEvent, TurnRequest
from desktop.core.chat.events import ChatStarted, Ended, FilesUploaded
from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.scenarios import Scenario
from desktop.core.store import Message, Store
from desktop.core.vocabulary import ChatOutcome
from tests.coze_fixtures import BOT, USER
from tests.images import image_bytes


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "history.sqlite3") as opened:
        yield opened


def _ask(client: CozeClient, store: Store, request: TurnRequest, question_id: int) -> list[TurnEvent]:
    conversation = store.messages.get(question_id).conversation_id  # type: ignore[union-attr]
    turn = ChatTurn.begin(store, conversation, None, question_id=question_id)
    events: list[TurnEvent] = []

    def emit(event: TurnEvent) -> None:
        events.append(event)
        turn.apply(event)

    ChatPump(request).run(client, emit)
    return events


def _asked_with_a_file(
    client: CozeClient, store: Store, tmp_path: Path
) -> tuple[LocalFile, int, Message, dict[str, str]]:
    """A question with one text file, asked once (the file went up): the file, the conversation, the
    question and its file ids."""
    doc = LocalCopies(tmp_path / "attachments").keep_bytes("notes.txt", b"hello")
    conversation = store.conversations.create(BOT).id
    question = store.messages.add_question(conversation, *question_content("", [doc]))
    _ask(client, store, TurnRequest(BOT, USER, "", attachments=[doc]), question.id)
    return doc, conversation, question, store.attachments.file_ids(question.id)


def _uploads(server: CozeServer) -> int:
    return len([r for r in server.requests if r.path == "/v1/files/upload"])


def test_a_known_file_id_is_reused_and_a_forgotten_one_uploaded_again(
    client: CozeClient, server: CozeServer, store: Store, tmp_path: Path
) -> None:
    copies = LocalCopies(tmp_path / "attachments")
    picture = copies.keep_bytes("cat.png", image_bytes("PNG", 16, 12))
    conversation = store.conversations.create(BOT).id
    question = store.messages.add_question(conversation, *question_content("what is it?", [picture]))

    first = _ask(client, store, TurnRequest(BOT, USER, "what is it?", attachments=[picture]), question.id)
    assert isinstance(first[-1], Ended) and first[-1].outcome is ChatOutcome.COMPLETED
    [uploaded] = [e for e in first if isinstance(e, FilesUploaded)]
    file_id = store.attachments.file_ids(question.id)[picture.sha256]
    assert uploaded.file_ids == ((picture.sha256, file_id),) and _uploads(server) == 1

    # Asked again while Coze still has it: no upload, the same id goes in the message.
    coze_id = store.conversations.get(conversation).coze_conversation_id  # type: ignore[union-attr]
    again = TurnRequest(BOT, USER, "what is it?", coze_id, [picture], store.attachments.file_ids(question.id))
    second = _ask(client, store, again, question.id)
    assert isinstance(second[-1], Ended) and second[-1].outcome is ChatOutcome.COMPLETED
    assert _uploads(server) == 1
    chat = [r for r in server.requests if r.path == "/v3/chat"][-1].json_object()
    assert json.loads(chat["additional_messages"][0]["content"])[1]["file_id"] == file_id

    # Coze forgot it (uploads last about three months): the chat is refused, retrieve says the id is
    # unknown, the local copy goes up again once, and the chat runs with the new id.
    assert server.uploads.forget(file_id)
    third = _ask(client, store, again, question.id)
    assert isinstance(third[-1], Ended) and third[-1].outcome is ChatOutcome.COMPLETED
    assert _uploads(server) == 2
    new_id = store.attachments.file_ids(question.id)[picture.sha256]
    assert new_id != file_id and server.uploads.get(new_id) is not None
    chat = [r for r in server.requests if r.path == "/v3/chat"][-1].json_object()
    assert json.loads(chat["additional_messages"][0]["content"])[1]["file_id"] == new_id


def test_a_refused_chat_with_files_coze_still_has_is_not_uploaded_again(
    client: CozeClient, server: CozeServer, store: Store, tmp_path: Path
) -> None:
    doc, _conversation, question, known = _asked_with_a_file(client, store, tmp_path)
    # A conversation Coze does not know: the chat fails for a reason that is not the file.
    ended = _ask(client, store, TurnRequest(BOT, USER, "", "7000000000000000000", [doc], known), question.id)[-1]
    assert isinstance(ended, Ended) and ended.outcome is ChatOutcome.FAILED
    assert _uploads(server) == 1  # every id was still known: nothing went up again


def test_forgotten_asks_retrieve(client: CozeClient, server: CozeServer) -> None:
    from desktop.core.attachments.local import inspect_bytes
    from desktop.core.attachments.upload import upload_one

    kept = upload_one(client, inspect_bytes("a.txt", b"a"), b"a").file_id
    gone = upload_one(client, inspect_bytes("b.txt", b"b"), b"b").file_id
    server.uploads.forget(gone)
    assert forgotten(client, [kept, gone]) == {gone}


def test_a_file_error_arriving_mid_stream_uploads_only_the_forgotten_files_again(
    client: CozeClient, server: CozeServer, store: Store, tmp_path: Path
) -> None:
    copies = LocalCopies(tmp_path / "attachments")
    kept = copies.keep_bytes("notes.txt", b"still known")
    gone = copies.keep_bytes("cat.png", image_bytes("PNG", 20, 10))
    conversation = store.conversations.create(BOT).id
    question = store.messages.add_question(conversation, *question_content("and these?", [kept, gone]))
    _ask(client, store, TurnRequest(BOT, USER, "and these?", attachments=[kept, gone]), question.id)
    known = store.attachments.file_ids(question.id)
    server.uploads.forget(known[gone.sha256])
    coze_id = store.conversations.get(conversation).coze_conversation_id  # type: ignore[union-attr]

    # Coze takes the chat and fails it once the model looks for the file: chat.created, then chat.failed.
    server.queue(Scenario("file_failed"))
    request = TurnRequest(BOT, USER, "and these?", coze_id, [kept, gone], known)
    events = _ask(client, store, request, question.id)

    assert len([e for e in events if isinstance(e, ChatStarted)]) == 2  # the failed chat, then the new one
    ended = events[-1]
    assert isinstance(ended, Ended) and ended.outcome is ChatOutcome.COMPLETED
    assert [e.file_ids for e in events if isinstance(e, FilesUploaded)] == [
        ((gone.sha256, store.attachments.file_ids(question.id)[gone.sha256]),)
    ]
    assert _uploads(server) == 3  # two at first, then only the forgotten one
    ids = store.attachments.file_ids(question.id)
    assert ids[kept.sha256] == known[kept.sha256] and ids[gone.sha256] != known[gone.sha256]
    chat = [r for r in server.requests if r.path == "/v3/chat"][-1].json_object()
    sent = json.loads(chat["additional_messages"][0]["content"])
    assert [item.get("file_id") for item in sent[1:]] == [ids[kept.sha256], ids[gone.sha256]]
    # The failed chat's question was deleted from Coze's conversation: the bot sees it once.
    listed = client.list_messages(coze_id, order="asc", limit=50).messages
    assert sum(1 for m in listed if m.role == "user" and "and these?" in m.content) == 2  # the first turn + the retry
    answer = store.messages.get(question.id + 1)
    assert answer is not None and answer.status == "complete"


def test_a_mid_stream_failure_after_answer_text_is_not_retried(
    client: CozeClient, server: CozeServer, store: Store, tmp_path: Path
) -> None:
    doc, conversation, question, known = _asked_with_a_file(client, store, tmp_path)
    coze_id = store.conversations.get(conversation).coze_conversation_id  # type: ignore[union-attr]
    chats = len([r for r in server.requests if r.path == "/v3/chat"])
    # Part of the answer is already on screen: a failure now is the answer's, never a reason to resend.
    server.queue(Scenario("chat_failed", after_deltas=2, code=5000))
    ended = _ask(client, store, TurnRequest(BOT, USER, "", coze_id, [doc], known), question.id)[-1]
    assert isinstance(ended, Ended) and ended.outcome is ChatOutcome.FAILED
    assert len([r for r in server.requests if r.path == "/v3/chat"]) == chats + 1
    assert not [r for r in server.requests if r.path == "/v1/files/retrieve"]
