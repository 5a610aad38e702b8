"""#18 gap: a regenerate deletes the later turns on Coze and creates them again after the new answer; a
process killed in between used to lose them from the bot's memory for good. Now the move is written to a
journal before anything is deleted, and the next start creates again what is missing. A real second
process runs the regenerate against the local Coze server and is killed (SIGKILL) while the new answer
streams; this process then plays the next start."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.chat.forget import Lifted
from desktop.core.chat.move_journal import FILE_NAME, MoveJournal
from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from desktop.services.chat_controller import ChatController
from desktop.services.tasks import TaskRunner
from desktop.services.unfinished_moves import UnfinishedMoves
from tests.coze_fixtures import BOT, TOKEN
from tests.services.conversing import conversation_on_coze
from tests.store.conftest import child_env

CHILD = """
import sys
from pathlib import Path
from desktop.core.chat import ChatPump, ChatTurn, MoveJournal, TurnRequest
from desktop.core.chat.forget import coze_rework
from desktop.core.coze import CozeClient
from desktop.core.store import Store

db, base, token, bot, question_id, journal = sys.argv[1:]
with Store.open(Path(db)) as store:
    turn = store.versions.turn(int(question_id))
    rework = coze_rework(store, turn)
    coze_id = store.conversations.get(turn.question.conversation_id).coze_conversation_id
    reworked = ChatTurn.rework(store, turn)
    request = TurnRequest(bot, "u", turn.question.content, coze_id, rework=rework, journal=MoveJournal(Path(journal)))
    with CozeClient(token, base) as client:
        ChatPump(request).run(client, reworked.apply)
"""

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def questions_on_coze(client: CozeClient, coze_id: str) -> list[str]:
    return [m.content for m in client.list_messages(coze_id, order="asc", limit=50).messages if m.type == "question"]


def test_a_move_cut_short_by_a_killed_process_is_finished_at_the_next_start(
    qtbot: QtBot, tmp_path: Path, store: Store, server: CozeServer, client: CozeClient, chats: ChatController
) -> None:
    conversation_id, coze_id = conversation_on_coze(
        qtbot, store, chats, "my name is Alice", "what is my name?", "thanks"
    )
    first = next(m for m in store.messages.all(conversation_id) if m.type == "question")
    journal = tmp_path / FILE_NAME

    server.pace = 0.5  # the new answer streams slowly: the kill lands between the deletes and the creates
    chats_before = len([r for r in server.requests if r.path == "/v3/chat"])
    command = [sys.executable, "-c", CHILD, str(store.path), server.base_url, TOKEN, BOT, str(first.id), str(journal)]
    child = subprocess.Popen(command, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        started = lambda: len([r for r in server.requests if r.path == "/v3/chat"]) > chats_before  # noqa: E731
        qtbot.waitUntil(started, timeout=20_000)  # the new answer streams: the later turns are off Coze
        assert journal.exists()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(10)
        assert child.stderr is not None and child.stdout is not None
        child.stderr.close()
        child.stdout.close()
    server.pace = 0.0
    assert child.returncode == -signal.SIGKILL
    creates = len([r for r in server.requests if r.path == "/v1/conversation/message/create"])
    assert creates == 0  # killed before any later message came back: without the journal, lost for good
    assert "what is my name?" not in questions_on_coze(client, coze_id)

    tasks = TaskRunner()
    try:
        with qtbot.waitSignal(UnfinishedMoves(tmp_path, store, chats, tasks).finished, timeout=10_000) as done:
            pass  # the next start: it resumes by itself once the event loop runs
    finally:
        assert tasks.shutdown()
    assert done.args == [4]  # two later questions and their answers, created again
    assert questions_on_coze(client, coze_id) == ["my name is Alice", "what is my name?", "thanks"]
    on_coze = {m.id for m in client.list_messages(coze_id, order="asc", limit=50).messages}
    later = [m for m in store.messages.all(conversation_id) if m.type in ("question", "answer")][2:]
    assert len(later) == 4 and all(m.coze_message_id in on_coze for m in later)  # the rows name them again
    assert not journal.exists()
    link = store.coze.get(conversation_id)
    assert link is None or link.cursor is None  # the next sync reads it from the start


def test_a_message_coze_made_just_before_the_kill_is_not_made_twice(
    qtbot: QtBot, tmp_path: Path, store: Store, server: CozeServer, client: CozeClient, chats: ChatController
) -> None:
    """Killed between Coze creating a later message again and the journal noting it: the next start finds
    it on Coze by its tag and creates only the others."""
    conversation_id, coze_id = conversation_on_coze(
        qtbot, store, chats, "my name is Alice", "what is my name?", "thanks"
    )
    first = next(m for m in store.messages.all(conversation_id) if m.type == "question")
    journal = tmp_path / FILE_NAME

    server.queue(Scenario("message_create_held"))  # the first one created again: made, its answer never seen
    command = [sys.executable, "-c", CHILD, str(store.path), server.base_url, TOKEN, BOT, str(first.id), str(journal)]
    child = subprocess.Popen(command, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        creating = lambda: any(r.path == "/v1/conversation/message/create" for r in server.requests)  # noqa: E731
        qtbot.waitUntil(creating, timeout=20_000)  # the answer is in; the later turns are being made again
        made = lambda: questions_on_coze(client, coze_id) == ["my name is Alice", "what is my name?"]  # noqa: E731
        qtbot.waitUntil(made, timeout=5000)  # Coze made the first: its answer is held
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(10)
        assert child.stderr is not None and child.stdout is not None
        child.stderr.close()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    (pending,) = MoveJournal(journal).pending()
    assert len(pending.lifted) == 4 and pending.moved == []  # the journal never heard of the one Coze made
    (raw,) = json.loads(journal.read_text(encoding="utf-8"))
    assert len(raw["tags"]) == 4 and all(item.keys() == raw["lifted"][0].keys() for item in raw["lifted"])
    assert [Lifted(**item).tag for item in raw["lifted"]] == [""] * 4  # as a version before tags reads them

    tasks = TaskRunner()
    try:
        with qtbot.waitSignal(UnfinishedMoves(tmp_path, store, chats, tasks).finished, timeout=10_000) as done:
            pass
    finally:
        assert tasks.shutdown()
    assert done.args == [4]
    # Was ["my name is Alice", "what is my name?", "what is my name?", "thanks"]: the bot heard it twice.
    assert questions_on_coze(client, coze_id) == ["my name is Alice", "what is my name?", "thanks"]
    on_coze = {m.id for m in client.list_messages(coze_id, order="asc", limit=50).messages}
    later = [m for m in store.messages.all(conversation_id) if m.type in ("question", "answer")][2:]
    assert len(later) == 4 and all(m.coze_message_id in on_coze for m in later)
    assert not journal.exists()
