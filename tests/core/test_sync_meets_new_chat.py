"""A chat's new Coze conversation that a sync finds before the chat has recorded its id: one local
conversation, every Coze message once, whatever the interleaving.

Each interleaving is made exact: the chat's events are held back (as when the window's thread is behind, or
the history refused the write and retries it) and applied before, during or after a sync; `ask` runs as a
second process while this one syncs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.core.chat import ChatPump, ChatTurn, TurnEvent, TurnRequest
from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from desktop.core.sync import Puller
from tests.coze_fixtures import BOT, TOKEN, USER
from tests.cozeserver.rawhttp import wait_until
from tests.store.conftest import child_env


def asked(client: CozeClient, question: str) -> list[TurnEvent]:
    """A whole chat in a new Coze conversation, its events kept for later."""
    events: list[TurnEvent] = []
    ChatPump(TurnRequest(BOT, USER, question)).run(client, events.append)
    return events


def stored_once(store: Store, client: CozeClient) -> None:
    """One conversation, holding each of Coze's messages exactly once and the question asked here once."""
    (only,) = store.conversations.ids()
    conversation = store.conversations.get(only)
    assert conversation is not None and conversation.coze_conversation_id
    rows = store.messages.all(only)
    on_coze = client.list_messages(conversation.coze_conversation_id, order="asc").messages
    assert sorted(m.coze_message_id or "" for m in rows) == sorted(m.id for m in on_coze)
    assert [m.role for m in rows if m.type == "question"] == ["user"]


def test_the_turn_takes_in_the_copy_a_sync_made_of_its_question_and_answer(tmp_path: Path, client: CozeClient) -> None:
    path = tmp_path / "history.sqlite3"
    with Store.open(path) as window, Store.open(path) as syncing:
        chat = window.conversations.create(BOT)
        turn = ChatTurn.begin(window, chat.id, "北京天气怎么样")
        events = asked(client, "北京天气怎么样")
        report = Puller(client, syncing).pull(BOT)  # Coze has the whole chat: the sync copies it
        assert report.conversations_added == 1 and report.messages_added >= 2
        for event in events:
            turn.apply(event)
        assert turn.ended is not None and not turn.unsaved
        assert window.conversations.ids() == [chat.id]  # was two, the second with the chat in it again
        question, answer, *_ = window.messages.all(chat.id)
        assert question.content == "北京天气怎么样" and question.coze_message_id  # given the copy's Coze id
        assert answer.id in turn.message_ids.values() and answer.status == "complete"
        Puller(client, syncing).pull(BOT)  # reads it from the start: stores what the stream did not
        stored_once(window, client)
        assert Puller(client, syncing).pull(BOT).messages_added == 0


def test_a_sync_reading_the_copy_when_the_turn_takes_it_in_goes_on(tmp_path: Path, client: CozeClient) -> None:
    path = tmp_path / "history.sqlite3"
    with Store.open(path) as window, Store.open(path) as syncing:
        chat = window.conversations.create(BOT)
        turn = ChatTurn.begin(window, chat.id, "hello")
        events = asked(client, "hello")
        other = client.create_conversation(BOT).id  # the sync goes on to this one afterwards
        list(client.stream_chat(BOT, USER, "elsewhere", conversation_id=other))
        known = syncing.coze.known_message_ids

        def known_then_the_turn(conversation_id: int) -> set[str]:  # between adopting the copy and storing a page
            found = known(conversation_id)
            if turn.coze_conversation_id is None:
                for event in events:
                    turn.apply(event)
            return found

        syncing.coze.known_message_ids = known_then_the_turn  # type: ignore[method-assign]
        report = Puller(client, syncing).pull(BOT)  # no error: the copy it adopted was merged away
        assert turn.coze_conversation_id is not None
        assert report.conversations_added == 1 and len(window.conversations.ids()) == 2  # the other one
        mine = window.conversations.find_by_coze_id(turn.coze_conversation_id)
        assert mine is not None and mine.id == chat.id
        del syncing.coze.known_message_ids
        Puller(client, syncing).pull(BOT)
        assert window.conversations.find_by_coze_id(turn.coze_conversation_id) == window.conversations.get(chat.id)
        assert sorted(m.coze_message_id or "" for m in window.messages.all(chat.id)) == sorted(
            m.id for m in client.list_messages(turn.coze_conversation_id, order="asc").messages
        )


def test_ask_in_another_process_while_this_one_syncs(tmp_path: Path, server: CozeServer, client: CozeClient) -> None:
    server.queue(Scenario("create_held"))  # Coze's answer to `ask` comes back only once this sync has read it
    profile = tmp_path / "profile"
    env = {**child_env(), "COZE_API_TOKEN": TOKEN, "COZE_API_BASE": server.base_url, "COZE_BOT_ID": BOT}
    ask = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--profile", str(profile), "ask", "--new", "hello from ask"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until(lambda: any(r.path == "/v1/conversation/create" for r in server.requests), timeout=60)
        wait_until(lambda: bool(client.list_conversations(BOT).conversations), timeout=10)
        with Store.open(profile / "history.sqlite3") as store:
            Puller(client, store).pull(BOT)
            _out, err = ask.communicate(timeout=60)
            assert ask.returncode == 0, err
            assert Puller(client, store).pull(BOT).conversations_added == 0
            stored_once(store, client)
    finally:
        if ask.poll() is None:
            ask.kill()
        ask.communicate()
