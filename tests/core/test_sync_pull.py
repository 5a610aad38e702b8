"""Pulling a bot's conversations from Coze (the local server, over loopback) into the local history."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.core.chat.forget import delete_message
from desktop.core.coze import CozeClient
from desktop.core.coze.backoff import Backoff
from desktop.core.coze.errors import CozeHTTPError
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.scenarios import Scenario
from desktop.core.store import Store
from desktop.core.store.coze_links import TYPE_CONTEXT_BREAK
from desktop.core.store.models import DIALOGUE_TYPES
from desktop.core.sync import Puller, SyncProgress
from tests.coze_fixtures import BOT, USER

FAST = Backoff(delays=(0.01, 0.01, 0.01))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "history.db") as opened:
        yield opened  # type: ignore[misc]


def elsewhere(client: CozeClient, questions: list[str], *, connector_id: str | None = None) -> str:
    """A conversation made on another machine: created on Coze, then chatted in."""
    conversation = client.create_conversation(BOT, connector_id=connector_id)
    for question in questions:
        list(client.stream_chat(BOT, USER, question, conversation_id=conversation.id))
    return conversation.id


def messages_of(store: Store, coze_id: str) -> list[tuple[str, str]]:
    local = store.conversations.find_by_coze_id(coze_id)
    assert local is not None
    return [(m.type, m.content) for m in store.messages.all(local.id)]


def test_pull_adds_both_channels_with_coze_names_and_a_second_pull_adds_nothing(
    client: CozeClient, store: Store
) -> None:
    api = elsewhere(client, ["北京天气怎么样", "明天呢"])
    sdk = elsewhere(client, ["hello from the web"], connector_id="999")
    client.rename_conversation(api, "北京出行")
    first = Puller(client, store).pull(BOT)
    assert (first.conversations_seen, first.conversations_added) == (2, 2)
    assert store.conversations.get(store.conversations.find_by_coze_id(api).id).title == "北京出行"  # type: ignore[union-attr]
    api_messages = messages_of(store, api)
    assert [c for t, c in api_messages if t == "question"] == ["北京天气怎么样", "明天呢"]
    assert any(t == "answer" for t, _ in api_messages)
    assert any(t == "follow_up" for t, _ in api_messages)  # machinery is kept, not dropped
    assert [c for t, c in messages_of(store, sdk) if t == "question"] == ["hello from the web"]
    total = first.messages_added  # what the chats show: 3 questions and their answers, not follow-ups
    shown = [m for i in store.conversations.ids() for m in store.messages.all(i) if m.type in DIALOGUE_TYPES]
    assert total == len(shown) == 6 and first.messages_added == 6

    stored = sum(store.messages.count(i) for i in store.conversations.ids())
    second = Puller(client, store).pull(BOT)
    assert (second.conversations_added, second.messages_added) == (0, 0)
    assert sum(store.messages.count(i) for i in store.conversations.ids()) == stored


def test_a_conversation_unchanged_since_it_was_read_through_is_not_read_again(client: CozeClient, store: Store) -> None:
    elsewhere(client, ["one"])
    elsewhere(client, ["two"])
    later = lambda: time.time() + 3600  # noqa: E731 (an hour on: the conversations have settled)
    first = Puller(client, store, clock=later).pull(BOT)
    second = Puller(client, store, clock=later).pull(BOT)
    assert second.skipped == 2 and second.messages_added == 0
    assert second.requests == 2 < first.requests  # the two listings (API, chat SDK) and nothing else


def test_new_messages_on_coze_are_appended_after_a_sync(client: CozeClient, store: Store) -> None:
    coze_id = elsewhere(client, ["one"])
    Puller(client, store).pull(BOT)
    list(client.stream_chat(BOT, USER, "two", conversation_id=coze_id))
    report = Puller(client, store).pull(BOT)
    assert report.messages_added >= 2 and report.conversations_added == 0
    assert [c for t, c in messages_of(store, coze_id) if t == "question"] == ["one", "two"]


def test_a_conversation_made_here_is_merged_not_duplicated(client: CozeClient, store: Store) -> None:
    coze_id = elsewhere(client, ["asked here"])
    local = store.conversations.create(BOT, "My own title", coze_conversation_id=coze_id)
    for message in client.list_messages(coze_id, order="asc").messages:  # as the chat turn stored them
        store.messages.add(local.id, _as_new(message))
    report = Puller(client, store).pull(BOT)
    assert (report.conversations_added, report.messages_added) == (0, 0)
    assert store.conversations.get(local.id).title == "My own title"  # type: ignore[union-attr]
    client.rename_conversation(coze_id, "Renamed on Coze")
    assert Puller(client, store).pull(BOT).renamed == 1
    assert store.conversations.get(local.id).title == "Renamed on Coze"  # type: ignore[union-attr]


def test_deleted_on_coze_keeps_every_local_message_and_becomes_local_only(client: CozeClient, store: Store) -> None:
    coze_id = elsewhere(client, ["keep me"])
    Puller(client, store).pull(BOT)
    local = store.conversations.find_by_coze_id(coze_id)
    assert local is not None
    count = store.messages.count(local.id)
    client.delete_conversation(coze_id)
    report = Puller(client, store).pull(BOT)
    assert report.gone == 1
    kept = store.conversations.get(local.id)
    assert kept is not None and kept.coze_conversation_id is None
    assert store.messages.count(local.id) == count


def test_a_conversation_only_on_this_computer_is_never_uploaded(
    server: CozeServer, client: CozeClient, store: Store
) -> None:
    store.conversations.create(BOT, "private")
    Puller(client, store).pull(BOT)
    writes = [r for r in server.requests if r.method != "GET" and "message/list" not in r.path]
    assert writes == []
    assert client.list_conversations(BOT).conversations == []


def test_cleared_context_becomes_a_divider(client: CozeClient, store: Store) -> None:
    coze_id = elsewhere(client, ["before"])
    client.clear_conversation(coze_id)
    list(client.stream_chat(BOT, USER, "after", conversation_id=coze_id))
    Puller(client, store).pull(BOT)
    kinds = [t for t, _ in messages_of(store, coze_id)]
    assert kinds.count(TYPE_CONTEXT_BREAK) == 1
    assert kinds.index(TYPE_CONTEXT_BREAK) < [c for _, c in messages_of(store, coze_id)].index("after")
    Puller(client, store).pull(BOT)
    assert [t for t, _ in messages_of(store, coze_id)].count(TYPE_CONTEXT_BREAK) == 1


def test_a_drop_mid_sync_resumes_where_it_stopped(server: CozeServer, client: CozeClient, store: Store) -> None:
    ids = [elsewhere(client, [f"q{n}-{k}" for k in range(3)]) for n in range(4)]
    expected = sum(len(client.list_messages(i, limit=50).messages) for i in ids)
    server.queue(Scenario("list_error", skip=4, status=502))  # 2 listings, then 2 conversations read, then a drop
    with pytest.raises(CozeHTTPError):
        Puller(client, store).pull(BOT)
    stored_before = sum(store.messages.count(i) for i in store.conversations.ids())
    assert 0 < stored_before < expected
    shown_before = sum(1 for i in store.conversations.ids() for m in store.messages.all(i) if m.type in DIALOGUE_TYPES)
    resumed = Puller(client, store).pull(BOT)
    assert sum(store.messages.count(i) for i in store.conversations.ids()) == expected
    # the line dropped as the third's first page was read, before it was adopted: each is added once
    assert resumed.conversations_added == 2 and len(store.conversations.ids()) == 4
    assert resumed.messages_added == 4 * 3 * 2 - shown_before  # the questions and answers it stored


def test_rate_limits_are_waited_out(server: CozeServer, client: CozeClient, store: Store) -> None:
    elsewhere(client, ["slow down"])
    server.queue(Scenario("list_error", skip=1, code=4020, retry_after=0))
    retries: list[int] = []
    progress: list[SyncProgress] = []
    puller = Puller(
        client,
        store,
        backoff=FAST,
        on_retry=lambda s, attempt, e: retries.append(attempt),
        on_progress=lambda p: progress.append(SyncProgress(**vars(p))),
    )
    report = puller.pull(BOT)
    assert retries == [1] and report.conversations_added == 1
    assert progress[-1].done == progress[-1].total == 1 and report.requests >= 4


def _as_new(message: object) -> object:
    from desktop.core.store import NewMessage

    assert hasattr(message, "id")
    return NewMessage(
        role=message.role,  # type: ignore[attr-defined]
        type=message.type,  # type: ignore[attr-defined]
        content=message.content,  # type: ignore[attr-defined]
        coze_message_id=message.id,  # type: ignore[attr-defined]
    )


def test_a_context_cleared_here_gets_no_second_divider_from_the_first_sync(client: CozeClient, store: Store) -> None:
    from desktop.core.store.coze_links import divider

    coze_id = elsewhere(client, ["before"])
    local = store.conversations.create(BOT, "here", coze_conversation_id=coze_id)
    section = client.clear_conversation(coze_id)
    store.messages.add(local.id, divider(section))  # what the window stores after Coze ▸ New topic
    store.coze.set_section(local.id, section)
    list(client.stream_chat(BOT, USER, "after", conversation_id=coze_id))
    Puller(client, store).pull(BOT)
    kinds = [m.type for m in store.messages.all(local.id)]
    assert kinds.count(TYPE_CONTEXT_BREAK) == 1


def _message_lists(server: CozeServer) -> int:
    return sum(1 for r in server.requests if r.path == "/v1/conversation/message/list")


def test_a_second_sync_reads_each_unchanged_conversation_once(
    server: CozeServer, client: CozeClient, store: Store
) -> None:
    """Read moments ago (too recent to skip): one page after the cursor each, no second listing from the start."""
    for question in ("one", "two", "three"):
        elsewhere(client, [question])
    Puller(client, store).pull(BOT)
    before = _message_lists(server)
    report = Puller(client, store).pull(BOT)
    assert report.messages_added == 0
    assert _message_lists(server) - before == 3


def test_a_gone_cursor_is_read_again_from_the_start_when_the_conversation_moved(
    server: CozeServer, client: CozeClient, store: Store
) -> None:
    coze_id = elsewhere(client, ["one"])
    Puller(client, store).pull(BOT)
    answer = next(m for m in client.list_messages(coze_id, order="desc").messages if m.type == "answer")
    delete_message(client, coze_id, answer.id)  # takes the follow-ups, the cursor's message among them
    list(client.stream_chat(BOT, USER, "two", conversation_id=coze_id))
    record = server._ctx.state._conversations[coze_id]  # a later second on Coze's clock
    record.updated_at += 5
    before = _message_lists(server)
    report = Puller(client, store).pull(BOT)
    assert _message_lists(server) - before == 2  # after the cursor (nothing: it is gone), then from the start
    assert "two" in [c for t, c in messages_of(store, coze_id) if t == "question"]
    assert report.messages_added >= 2


def test_questions_with_files_come_with_their_local_copies_when_this_computer_has_them(
    client: CozeClient, store: Store, tmp_path: Path
) -> None:
    """A question asked elsewhere (or here, in a conversation this computer lost) that points at a file
    this computer uploaded gets the local copy's sha256, name and size; a file never on this computer
    keeps Coze's item. Either way the window shows the files, never the object_string."""
    import json

    from desktop.core.attachments.copies import LocalCopies, question_content, question_files
    from desktop.core.attachments.upload import upload_one
    from tests.images import image_bytes

    copies = LocalCopies(tmp_path / "attachments")
    cat = copies.keep_bytes("cat.png", image_bytes("PNG", 32, 24))
    mine = upload_one(client, cat).file_id  # uploaded from here once, in a local conversation
    local = store.conversations.create(BOT).id
    asked = store.messages.add_question(local, *question_content("", [cat]))
    store.attachments.set_file_ids(asked.id, {cat.sha256: mine})
    from desktop.core.attachments.local import inspect_bytes

    theirs = upload_one(client, inspect_bytes("report.pdf", b"%PDF-1.4 elsewhere"), b"%PDF-1.4 elsewhere").file_id
    conversation = client.create_conversation(BOT)
    items = [
        {"type": "text", "text": "compare these"},
        {"type": "image", "file_id": mine},
        {"type": "file", "file_id": theirs},
    ]
    list(
        client.stream_chat(BOT, USER, json.dumps(items), conversation_id=conversation.id, content_type="object_string")
    )

    Puller(client, store).pull(BOT)
    imported = store.conversations.find_by_coze_id(conversation.id)
    assert imported is not None
    question = next(m for m in store.messages.all(imported.id) if m.type == "question")
    text, files = question_files(question.content, question.content_type)
    assert text == "compare these"
    assert [(f.sha256, f.name, f.size, f.is_image, f.file_id) for f in files] == [
        (cat.sha256, "cat.png", cat.size, True, mine),
        ("", "", 0, False, theirs),
    ]
    [row] = store.attachments.of(question.id)  # the trigger saw the local copy: export and resend find it
    assert (row.sha256, row.name, row.file_id) == (cat.sha256, "cat.png", "")
