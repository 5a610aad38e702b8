"""Two syncs of one profile at once (the window's and `coze-desktop sync`, each its own connection): what one
stored the other never stores again. The interleaving is made exact: the second sync runs whole while
the first is paused right after listing, or right before it stores a page of messages."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer
from desktop.core.store import Store
from desktop.core.store.coze_links import CozeLink
from desktop.core.sync import Puller
from tests.coze_fixtures import BOT, TOKEN, USER


def elsewhere(client: CozeClient, questions: list[str]) -> str:
    conversation = client.create_conversation(BOT)
    for question in questions:
        list(client.stream_chat(BOT, USER, question, conversation_id=conversation.id))
    return conversation.id


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


@pytest.fixture
def two(path: Path) -> Iterator[tuple[Store, Store]]:
    with Store.open(path) as first, Store.open(path) as second:
        yield first, second


def counts(store: Store) -> tuple[int, int, int]:
    """Conversations, messages, and distinct Coze message ids (equal to messages when nothing is doubled)."""
    ids = store.conversations.ids()
    messages = [m for i in ids for m in store.messages.all(i)]
    return len(ids), len(messages), len({m.coze_message_id or f"local{m.id}" for m in messages})


def test_a_conversation_both_syncs_find_new_is_adopted_once(client: CozeClient, two: tuple[Store, Store]) -> None:
    first, second = two
    elsewhere(client, ["北京天气怎么样", "明天呢"])
    elsewhere(client, ["hello"])
    ran: list[bool] = []
    links = first.coze.for_bot

    def links_then_the_other_sync(bot_id: str) -> dict[str, CozeLink]:
        found = links(bot_id)
        if not ran:  # the first sync knows what it has linked; the other one adopts everything now
            ran.append(True)
            Puller(client, second).pull(BOT)
        return found

    first.coze.for_bot = links_then_the_other_sync  # type: ignore[method-assign]
    Puller(client, first).pull(BOT)
    assert ran
    conversations, messages, distinct = counts(first)
    assert conversations == 2  # was 4: each sync adopted both
    assert messages == distinct


def test_a_page_the_other_sync_stored_meanwhile_is_not_stored_again(
    client: CozeClient, two: tuple[Store, Store]
) -> None:
    first, second = two
    coze_id = elsewhere(client, ["one"])
    Puller(client, first).pull(BOT)  # both know the conversation now
    list(client.stream_chat(BOT, USER, "two", conversation_id=coze_id))
    ran: list[bool] = []
    known = first.coze.known_message_ids

    def known_then_the_other_sync(conversation_id: int) -> set[str]:
        ids = known(conversation_id)
        if not ran:  # the first sync has read what it knows; the other one stores the new page now
            ran.append(True)
            Puller(client, second).pull(BOT)
        return ids

    first.coze.known_message_ids = known_then_the_other_sync  # type: ignore[method-assign]
    Puller(client, first).pull(BOT)
    assert ran
    _conversations, messages, distinct = counts(first)
    assert messages == distinct


SYNC = """
import sys
from desktop.core.coze import CozeClient
from desktop.core.store import Store
from desktop.core.sync import Puller
with CozeClient(sys.argv[3], sys.argv[2]) as client, Store.open(sys.argv[1]) as store:
    Puller(client, store).pull(sys.argv[4])
"""


def test_two_processes_syncing_one_profile_store_everything_once(
    client: CozeClient, server: CozeServer, path: Path
) -> None:
    for number in range(6):
        elsewhere(client, [f"question {number}", f"follow-up {number}"])
    Store.open(path).close()
    argv = [sys.executable, "-c", SYNC, str(path), server.base_url, TOKEN, BOT]
    processes = [subprocess.Popen(argv, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for process in processes:
        _out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    with Store.open(path) as store:
        conversations, messages, distinct = counts(store)
    assert conversations == 6 and messages == distinct
