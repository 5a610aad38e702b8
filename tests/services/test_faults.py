"""Fault injection through the real worker, controller and store: every failure keeps the question and
what arrived, with the right status and error kind, and the chat can be retried."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from desktop.ui.presenters import message_item
from tests.coze_fixtures import BOT, TOKEN


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "history.sqlite3") as opened:
        yield opened


def run_chat(
    qtbot: QtBot, store: Store, connection: Connection, text: str = "the question"
) -> tuple[ChatController, int]:
    chats = ChatController(store, lambda _bot: connection)
    conversation = store.conversations.create(BOT)
    assert chats.send(conversation.id, text)
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=15_000)
    return chats, conversation.id


def check(store: Store, conversation_id: int, status: str, kind: str | None, partial: bool = False) -> None:
    dialogue = [m for m in store.messages.page(conversation_id) if m.type in ("question", "answer")]  # not tool steps
    question, answer = dialogue[:2]
    assert question.role == "user" and question.content == "the question"
    assert answer.role == "assistant" and answer.status == status
    if kind is None:
        assert answer.error is None
    else:
        assert answer.error is not None and answer.error.kind == kind
    if partial:
        assert answer.content, "what arrived before the fault is kept"


@pytest.mark.parametrize(
    ("scenario", "status", "kind", "partial"),
    [
        (Scenario("drop", text="one two three four five six", after_deltas=3), "interrupted", "interrupted", True),
        (
            Scenario("drop", text="one two three four five six", after_deltas=3, reset=True),
            "interrupted",
            "interrupted",
            True,
        ),
        (Scenario("http_error_html", status=502), "failed", "server", False),
        (Scenario("rate_limited", retry_after=3600, code=4020), "failed", "rate_limited", False),  # too long to retry
        (Scenario("json_error", code=4100), "failed", "invalid_token", False),
        (Scenario("stream_json_error", code=4101), "failed", "permission", False),  # not "interrupted"
        (Scenario("error_event", text="a b c d e f", after_deltas=2, code=5000), "failed", "chat_failed", True),
        (Scenario("chat_failed", text="a b c d e f", after_deltas=2, code=5000), "failed", "chat_failed", True),
        (Scenario("html_200"), "failed", "protocol", False),
        (Scenario("garbage", text="survives garbage and invalid UTF-8 bytes"), "complete", None, True),
        (Scenario("future_fields", text="fields and events Coze adds later"), "complete", None, True),
        (Scenario("huge_event", size_bytes=10_000_000), "complete", None, True),
    ],
)
def test_server_faults(
    qtbot: QtBot, store: Store, server: CozeServer, scenario: Scenario, status: str, kind: str | None, partial: bool
) -> None:
    server.queue(scenario)
    chats, conversation_id = run_chat(qtbot, store, Connection(server.base_url, TOKEN, BOT, "u"))
    check(store, conversation_id, status, kind, partial)
    if status != "complete":  # and the user can retry: the next attempt goes through
        failed = store.messages.page(conversation_id)[1]
        assert chats.retry(conversation_id, failed.id)
        qtbot.waitUntil(lambda: not chats.is_busy(conversation_id), timeout=10_000)
        assert store.messages.page(conversation_id)[-1].status == "complete"
    assert chats.shutdown(2000)


def test_busy_after_answer_text_keeps_it_and_says_so_in_the_users_language(
    qtbot: QtBot, store: Store, server: CozeServer
) -> None:
    """4009 in the stream once text was shown: not sent again (the answer would double), the text stays, and
    the error says so, not "the app retries on its own" (it did not); the logid is in the details."""
    server.queue(Scenario("error_event", text="one two three four five six", after_deltas=3, code=4009))
    chats, conversation_id = run_chat(qtbot, store, Connection(server.base_url, TOKEN, BOT, "u"))
    check(store, conversation_id, "failed", "busy_partway", partial=True)
    assert sum(1 for r in server.requests if r.path == "/v3/chat") == 1
    answer = store.messages.page(conversation_id)[1]
    logid = next(r for r in server.requests if r.path == "/v3/chat").logid
    item = message_item(answer, "Demo", "zh_CN")
    assert item.error_sentence == "扣子当前繁忙或限制了请求频率，这条回答中途停止了；已收到的内容会保留。"
    assert "自动重试" not in item.error_action and f"logid: {logid}" in item.error_details
    assert "retries" not in message_item(answer, "Demo", "en").error_action
    assert chats.shutdown(2000)


def test_read_timeout_when_the_server_goes_quiet(qtbot: QtBot, store: Store, server: CozeServer) -> None:
    server.queue(Scenario("stall", text="a b c d e f g", after_deltas=3, seconds=30))
    connection = Connection(server.base_url, TOKEN, BOT, "u", read_timeout=0.5)
    chats, conversation_id = run_chat(qtbot, store, connection)
    check(store, conversation_id, "interrupted", "timeout", partial=True)
    assert chats.shutdown(2000)


def test_never_ending_stream_still_stops(qtbot: QtBot, store: Store, server: CozeServer) -> None:
    server.queue(Scenario("endless", pace=0.005))
    chats = ChatController(store, lambda _bot: Connection(server.base_url, TOKEN, BOT, "u"))
    conversation = store.conversations.create(BOT)
    chats.send(conversation.id, "the question")
    qtbot.waitUntil(lambda: server.open_streams == 1, timeout=5000)
    qtbot.waitUntil(lambda: chats.answer_duration(conversation.id) > 0.3, timeout=5000)
    chats.stop(conversation.id)
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=1000)
    check(store, conversation.id, "cancelled", None, partial=True)
    assert chats.shutdown(2000)


def test_connection_refused(qtbot: QtBot, store: Store) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    chats, conversation_id = run_chat(qtbot, store, Connection(f"http://127.0.0.1:{port}", TOKEN, BOT, "u"))
    check(store, conversation_id, "failed", "network")
    assert chats.shutdown(2000)


def test_tls_failure(qtbot: QtBot, store: Store, server: CozeServer) -> None:
    https_to_plain = server.base_url.replace("http://", "https://")
    chats, conversation_id = run_chat(qtbot, store, Connection(https_to_plain, TOKEN, BOT, "u"))
    check(store, conversation_id, "failed", "tls")
    assert chats.shutdown(2000)


def test_connect_timeout(qtbot: QtBot, store: Store) -> None:
    """A listener whose accept queue is full: the SYN goes unanswered, as with a black-holed host."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(8):  # fill the backlog so further connects hang
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    try:
        connection = Connection(f"http://127.0.0.1:{port}", TOKEN, BOT, "u", connect_timeout=0.5, read_timeout=0.5)
        chats, conversation_id = run_chat(qtbot, store, connection)
        _question, answer = store.messages.page(conversation_id)[:2]
        assert answer.status == "failed" and answer.error is not None
        assert answer.error.kind in ("timeout", "network")
        assert chats.shutdown(2000)
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare(1) for a network namespace")
def test_dns_failure_in_an_empty_network_namespace(tmp_path: Path) -> None:
    """`ask` against a name that cannot resolve, in a namespace with no network at all (no packet leaves)."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("unshare -n is not permitted here")
    result = subprocess.run(
        [
            "unshare",
            "-n",
            sys.executable,
            "-m",
            "desktop",
            "--profile",
            str(tmp_path / "p"),
            "ask",
            "--api-base",
            "https://api.coze.invalid",
            "--bot-id",
            BOT,
            "hello",
        ],
        capture_output=True,
        text=True,
        env={"COZE_API_TOKEN": TOKEN, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "resolve" in result.stderr and "Traceback" not in result.stderr


def test_a_bot_that_needs_a_client_side_tool(qtbot: QtBot, store: Store, server: CozeServer) -> None:
    server.queue(Scenario("requires_action"))
    chats, conversation_id = run_chat(qtbot, store, Connection(server.base_url, TOKEN, BOT, "u"))
    check(store, conversation_id, "failed", "requires_action")
    qtbot.waitUntil(lambda: len(server.cancelled_chats) == 1, timeout=3000)  # not left waiting on Coze
    assert chats.shutdown(2000)


def test_deleting_a_conversation_while_it_streams(qtbot: QtBot, store: Store, server: CozeServer) -> None:
    server.queue(Scenario("endless", pace=0.01))
    chats = ChatController(store, lambda _bot: Connection(server.base_url, TOKEN, BOT, "u"))
    conversation = store.conversations.create(BOT)
    chats.send(conversation.id, "the question")
    qtbot.waitUntil(lambda: server.open_streams == 1, timeout=5000)
    qtbot.waitUntil(lambda: store.messages.count(conversation.id) == 2, timeout=5000)
    with qtbot.waitSignal(chats.busyChanged, timeout=1000):
        chats.discard(conversation.id)
    store.conversations.delete(conversation.id)
    assert not chats.is_busy(conversation.id)
    assert chats.shutdown(2000)  # the worker's late signals found nothing to write, and nothing raised
    assert store.conversations.get(conversation.id) is None


def test_stop_while_the_request_waits_for_its_first_byte(qtbot: QtBot, store: Store) -> None:
    """A server that accepts but never answers: Stop still frees the chat within about a second."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    try:
        connection = Connection(f"http://127.0.0.1:{port}", TOKEN, BOT, "u", connect_timeout=3, read_timeout=3)
        chats = ChatController(store, lambda _bot: connection)
        conversation = store.conversations.create(BOT)
        chats.send(conversation.id, "the question")
        chats.stop(conversation.id)
        qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=2500)  # before the 3 s read timeout
        question, answer = store.messages.page(conversation.id)
        assert question.content == "the question" and answer.status == "cancelled"
        chats.shutdown(5000)  # the blocked request ends by its own timeout; its late signals change nothing
        assert store.messages.page(conversation.id)[-1].status == "cancelled"
    finally:
        listener.close()


def test_a_stopped_requests_late_end_does_not_end_the_next_answer(
    qtbot: QtBot, store: Store, server: CozeServer
) -> None:
    """Stop while Coze has not answered: the chat is freed after a grace and the next question streams; the
    first request's end, when its connection finally fails, is not the next answer's end."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    silent = Connection(f"http://127.0.0.1:{listener.getsockname()[1]}", TOKEN, BOT, "u", read_timeout=60)
    first = iter([silent])
    chats = ChatController(store, lambda _bot: next(first, Connection(server.base_url, TOKEN, BOT, "u")))
    conversation = store.conversations.create(BOT)
    try:
        assert chats.send(conversation.id, "the question")
        chats.stop(conversation.id)
        qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=2500)
        server.queue(Scenario("long_answer", size_bytes=4000, deltas=200, pace=0.02))
        deltas: list[str] = []
        chats.answerDelta.connect(lambda _c, _m, text, _r: deltas.append(text))
        assert chats.send(conversation.id, "the next question")
        qtbot.waitUntil(lambda: bool(deltas), timeout=5000)
    finally:
        listener.close()  # the first request's connection is reset now: its worker ends (cancelled)
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=15_000)
    answer = store.messages.page(conversation.id)[-1]
    assert answer.status == "complete" and answer.content == "".join(deltas) and len(deltas) == 200
    assert chats.shutdown(5000)


@pytest.mark.parametrize(
    ("scenario", "stored"),
    [
        (Scenario("rewritten", text="as it streamed", final="the corrected final text"), "the corrected final text"),
        (Scenario("stray_deltas", text="the answer, once"), "the answer, once"),
        (Scenario("function_call_same_id", text="only the answer text"), "only the answer text"),
    ],
)
def test_an_inconsistent_stream_stores_the_final_answer_ungarbled(
    qtbot: QtBot, store: Store, server: CozeServer, scenario: Scenario, stored: str
) -> None:
    server.queue(scenario)
    _chats, conversation_id = run_chat(qtbot, store, Connection(server.base_url, TOKEN, BOT, "u"))
    check(store, conversation_id, "complete", None)
    assert [m.content for m in store.messages.page(conversation_id)[1:]] == [stored]
