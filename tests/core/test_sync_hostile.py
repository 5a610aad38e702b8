"""A sync against a server that misbehaves on purpose (the local server's scenarios, over loopback): a
listing stuck on its first page that always says "more" ends the sync with a protocol error instead of
asking forever; what was stored before stays; a gateway's HTML page or Coze's refusal mid-sync keeps
what was read and the next sync resumes."""

from __future__ import annotations

import io
import json
import threading
import time
from pathlib import Path

import pytest

from desktop.core.coze import CozeClient
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.scenarios import Scenario
from desktop.core.store import Store
from desktop.core.store.transfer import write_markdown
from desktop.core.sync import Puller, SyncReport
from tests.coze_fixtures import BOT, USER


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "history.db") as opened:
        yield opened  # type: ignore[misc]


def elsewhere(client: CozeClient, questions: list[str]) -> str:
    conversation = client.create_conversation(BOT)
    for question in questions:
        list(client.stream_chat(BOT, USER, question, conversation_id=conversation.id))
    return conversation.id


def pull_within(client: CozeClient, store: Store, seconds: float = 20.0, **options: int) -> SyncReport | Exception:
    """Pull on a thread; a pull still asking after `seconds` is stopped and the test fails (never hangs)."""
    stop = threading.Event()
    outcome: list[SyncReport | Exception] = []

    def run() -> None:
        try:
            outcome.append(Puller(client, store, stopped=stop, **options).pull(BOT))
        except Exception as exc:  # the outcome is asserted on
            outcome.append(exc)

    # The store belongs to this thread: the pull runs here, a timer thread stops it when it takes too long.
    timer = threading.Timer(seconds, stop.set)
    timer.start()
    try:
        run()
    finally:
        timer.cancel()
    assert not stop.is_set(), "the pull was still asking after its time: it would never have ended"
    return outcome[0]


def test_a_conversation_listing_that_always_says_more_ends_the_sync(
    client: CozeClient, store: Store, server: CozeServer
) -> None:
    for number in range(3):
        elsewhere(client, [f"q{number}"])
    server.queue(Scenario("list_stuck"))
    outcome = pull_within(client, store)
    assert isinstance(outcome, CozeError) and outcome.kind is ErrorKind.PROTOCOL
    assert len([r for r in server.requests if "conversations" in r.path]) <= 3


def test_a_message_listing_stuck_on_its_first_page_ends_the_sync_and_keeps_that_page(
    client: CozeClient, store: Store, server: CozeServer
) -> None:
    coze_id = elsewhere(client, ["一", "二", "三"])
    # The two conversation listings (API, chat SDK) pass; the message listing is stuck twice, then behaves.
    server.queue(Scenario("list_stuck", skip=2, times=2))
    outcome = pull_within(client, store)
    assert isinstance(outcome, CozeError) and outcome.kind is ErrorKind.PROTOCOL
    local = store.conversations.find_by_coze_id(coze_id)
    assert local is not None
    stored = [m.coze_message_id for m in store.messages.all(local.id)]
    assert stored and len(stored) == len(set(stored))  # the page is kept, once

    report = Puller(client, store).pull(BOT)  # the next sync, with Coze behaving, completes it
    assert report.conversations_added == 0
    questions = [m.content for m in store.messages.all(local.id) if m.type == "question"]
    assert questions == ["一", "二", "三"]


@pytest.mark.parametrize(
    "body",
    [
        '{"code": 0, "data": ',  # cut off
        '{"code": 0, "data": ' + "[" * 100_000,  # nested beyond any parser's depth
        '{"code": 0, "data": {"conversations": "all of them", "has_more": "yes"}}',  # the wrong shapes
        '{"code": 0, "data": {"conversations": [{"id": null}, 5, {"name": "no id"}], "has_more": false}}',
        "<html><body>502 Bad Gateway</body></html>",
    ],
)
def test_garbage_in_a_listing_ends_the_sync_with_a_coze_error_or_adopts_nothing_broken(
    client: CozeClient, store: Store, server: CozeServer, body: str
) -> None:
    elsewhere(client, ["q"])
    server.queue(Scenario("list_body", body=body))
    outcome = pull_within(client, store)
    if isinstance(outcome, Exception):
        assert isinstance(outcome, CozeError), repr(outcome)  # never a RecursionError, KeyError, TypeError...
    assert all(link for link in store.coze.for_bot(BOT))  # no conversation adopted under an empty id


def _listing(conversation: dict[str, object]) -> str:
    return json.dumps({"code": 0, "msg": "", "data": {"conversations": [conversation], "has_more": False}})


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        (1_733_400_000_000, 1_733_400_000),  # milliseconds: the same moment in seconds
        (10**30, None),  # SQLite refused it ("int too large") and the sync died with a traceback
        (-(10**15), None),
        ("Infinity", None),
    ],
)
def test_timestamps_in_milliseconds_or_out_of_range_are_read_as_seconds_or_unknown(
    client: CozeClient, store: Store, server: CozeServer, stamp: object, expected: int | None
) -> None:
    coze_id = elsewhere(client, ["q"])
    conversation = {"id": coze_id, "name": "x", "created_at": stamp, "updated_at": stamp, "meta_data": {}}
    messages = [
        {"id": f"m{n}", "conversation_id": coze_id, "bot_id": BOT, "chat_id": "c1", "role": role, "type": kind,
         "content": "x", "content_type": "text", "created_at": stamp, "updated_at": stamp, "section_id": "s"}
        for n, (role, kind) in enumerate([("user", "question"), ("assistant", "answer")])
    ]  # fmt: skip
    server.queue(Scenario("list_body", body=_listing(conversation)))  # the API channel
    server.queue(Scenario("list_body", body=_listing(conversation)))  # the chat SDK's
    server.queue(Scenario("list_body", body=json.dumps({"code": 0, "data": messages, "has_more": False})))
    before = time.time()
    report = pull_within(client, store)
    assert isinstance(report, SyncReport), repr(report)
    local = store.conversations.find_by_coze_id(coze_id)
    assert local is not None
    stamps = [local.created_at, *(m.created_at for m in store.messages.all(local.id))]
    if expected is None:  # unknown: the time it was read
        assert all(before - 1 <= s <= time.time() + 1 for s in stamps), stamps
    else:
        assert stamps == [expected] * 3
    out = io.StringIO()
    write_markdown(store, out)  # the export reads them (a year 56899 had raised ValueError)
    assert "x" in out.getvalue()


LIMIT = 500


def test_a_message_listing_that_never_ends_ends_the_sync_and_the_next_goes_on(
    client: CozeClient, store: Store, server: CozeServer
) -> None:
    """Every page full of messages never seen before, and "more": the sync asked for ever, its memory
    growing (the ids it had seen). Now one sync reads at most MAX_MESSAGES_PER_SYNC of a conversation
    (20,000; 500 here), commits them with the cursor, and leaves the conversation for the next sync."""
    coze_id = elsewhere(client, ["q"])
    server.queue(Scenario("list_endless", skip=2))  # the two conversation listings pass
    outcome = pull_within(client, store, max_messages=LIMIT)
    assert isinstance(outcome, SyncReport), repr(outcome)
    assert outcome.cut_short == 1
    local = store.conversations.find_by_coze_id(coze_id)
    assert local is not None
    assert LIMIT <= len(store.messages.all(local.id)) <= LIMIT + 50
    assert (
        store.coze.for_bot(BOT)[coze_id].seen_updated_at is None
    )  # not read through: the next sync reads on from the cursor
