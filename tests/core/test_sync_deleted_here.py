"""A chat deleted here (not on Coze) stays deleted: the next sync finds it still on Coze and must not bring it
back as new (found by the attack run: delete a synced chat, restart, the start's sync said "新增对话：1").
Only an explicit import of an export that holds it brings it back."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.coze import CozeClient
from desktop.core.store import NotFoundError, Store
from desktop.core.store.transfer import TransferCancelled, export_json, import_json
from desktop.core.sync import Puller
from tests.coze_fixtures import BOT, USER


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "history.db") as opened:
        yield opened  # type: ignore[misc]


def elsewhere(client: CozeClient, question: str) -> str:
    conversation = client.create_conversation(BOT)
    list(client.stream_chat(BOT, USER, question, conversation_id=conversation.id))
    return conversation.id


def synced(client: CozeClient, store: Store, question: str) -> tuple[str, int]:
    coze_id = elsewhere(client, question)
    Puller(client, store).pull(BOT)
    local = store.conversations.find_by_coze_id(coze_id)
    assert local is not None
    return coze_id, local.id


def test_a_chat_deleted_here_is_not_brought_back_by_the_next_sync(client: CozeClient, store: Store) -> None:
    coze_id, local_id = synced(client, store, "forget me here")
    kept, _ = synced(client, store, "keep me")
    store.conversations.delete(local_id)
    report = Puller(client, store).pull(BOT)
    assert report.conversations_added == 0 and report.added_ids == []
    assert store.conversations.find_by_coze_id(coze_id) is None
    assert store.conversations.find_by_coze_id(kept) is not None
    assert [c.coze_conversation_id for c in map(store.conversations.get, store.conversations.ids())] == [kept]
    assert client.retrieve_conversation(coze_id).id == coze_id  # Coze still has it: only this computer forgot it


def test_a_sync_that_listed_it_before_the_delete_does_not_adopt_it_after(client: CozeClient, store: Store) -> None:
    coze_id, local_id = synced(client, store, "deleted while a sync reads")
    store.conversations.delete(local_id)
    with pytest.raises(NotFoundError):
        store.coze.adopt(BOT, coze_id, "its name", 1.0)
    assert store.conversations.find_by_coze_id(coze_id) is None


def test_importing_an_export_that_holds_it_brings_it_back_and_syncs_it_again(client: CozeClient, store: Store) -> None:
    coze_id, local_id = synced(client, store, "exported first")
    exported = export_json(store, local_id)
    store.conversations.delete(local_id)
    Puller(client, store).pull(BOT)
    assert import_json(store, exported).conversations_added == 1
    back = store.conversations.find_by_coze_id(coze_id)
    assert back is not None
    list(client.stream_chat(BOT, USER, "and later on Coze", conversation_id=coze_id))
    report = Puller(client, store).pull(BOT)
    assert report.conversations_added == 0 and report.messages_added >= 2
    assert "and later on Coze" in [m.content for m in store.messages.all(back.id)]


def test_an_import_cancelled_halfway_leaves_no_record(client: CozeClient, store: Store, tmp_path: Path) -> None:
    """What the import made is taken out again; that is no delete by the user: a sync still adopts it, and
    one the user had deleted before the import stays deleted."""
    coze_id, local_id = synced(client, store, "from another computer")
    exported = export_json(store, local_id)
    with Store.open(tmp_path / "other.db") as other:

        def cancel(done: int, total: int) -> None:
            if done:
                raise TransferCancelled()

        with pytest.raises(TransferCancelled):
            import_json(other, exported, cancel)
        assert other.conversations.ids() == []
        assert Puller(client, other).pull(BOT).conversations_added == 1

    store.conversations.delete(local_id)
    with pytest.raises(TransferCancelled):
        import_json(store, exported, cancel)
    assert Puller(client, store).pull(BOT).conversations_added == 0
    assert store.conversations.find_by_coze_id(coze_id) is None


def test_the_record_goes_once_coze_no_longer_has_the_chat(client: CozeClient, store: Store) -> None:
    """The record of a chat deleted here is needed only while Coze still has that chat: once a whole listing
    leaves it out and Coze says it has no such conversation (4002/4200), nothing can bring it back (Coze never
    gives an id again), so the record goes instead of staying for ever."""
    gone_on_coze, first = synced(client, store, "deleted here, then on Coze")
    still_on_coze, second = synced(client, store, "deleted here only")
    store.conversations.delete(first)
    store.conversations.delete(second)
    client.delete_conversation(gone_on_coze)
    report = Puller(client, store).pull(BOT)
    assert report.conversations_added == 0
    assert not store.conversations.deleted_here(gone_on_coze)
    assert store.conversations.deleted_here(still_on_coze)  # still listed: it would come back without its record
    assert Puller(client, store).pull(BOT).conversations_added == 0
    assert store.conversations.find_by_coze_id(still_on_coze) is None
