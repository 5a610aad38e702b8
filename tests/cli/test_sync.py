"""`coze-desktop sync` against the local server: what it adds, and that a second run adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.chat.targets import chatflow_key
from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.demo_chatflow import DEMO_APP_ID, DEMO_CHATFLOW_ID
from desktop.core.cozeserver.scenarios import Scenario
from tests.cli.verbs import run_verb
from tests.coze_fixtures import BOT, TOKEN, USER


def seed(server: CozeServer, count: int) -> None:
    with CozeClient(TOKEN, server.base_url) as client:
        for n in range(count):
            conversation = client.create_conversation(BOT)
            list(client.stream_chat(BOT, USER, f"question {n}", conversation_id=conversation.id))


def test_sync_prints_what_it_added_and_a_second_run_adds_nothing(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    seed(env, 3)
    code, out, _ = run_verb(capsys, tmp_path, "sync", "--json", "--bot-id", BOT)
    assert code == 0
    first = json.loads(out)
    assert (first["bot_id"], first["conversations_added"]) == (BOT, 3) and first["messages_added"] >= 6
    code, out, _ = run_verb(capsys, tmp_path, "sync", "--json")  # COZE_BOT_ID
    assert code == 0
    assert (json.loads(out)["conversations_added"], json.loads(out)["messages_added"]) == (0, 0)
    code, out, _ = run_verb(capsys, tmp_path, "list")
    assert len(out.splitlines()) == 3


def test_sync_that_drops_says_so_and_the_next_run_finishes(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    seed(env, 2)
    env.queue(Scenario("list_error", skip=3))
    code, out, err = run_verb(capsys, tmp_path, "sync")
    assert code == 1 and "run sync again" in err
    # The line dropped as the second's first page was read (a new conversation is adopted once that page
    # shows it is not a chat still recording its id): it is added now, once.
    code, out, _ = run_verb(capsys, tmp_path, "sync")
    assert code == 0 and "added 1 conversation and" not in out and ": 1 conversation and " in out and "2 on Coze" in out
    code, out, _ = run_verb(capsys, tmp_path, "list")
    assert len(out.splitlines()) == 2


def test_sync_without_a_bot_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("COZE_BOT_ID")
    code, _, err = run_verb(capsys, tmp_path, "sync")
    assert code == 2 and "--bot-id" in err


def test_a_question_asked_here_is_not_added_again_by_the_sync(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run_verb(capsys, tmp_path, "ask", "--new", "只问一次")[0] == 0
    code, out, _ = run_verb(capsys, tmp_path, "sync", "--json")
    assert code == 0 and json.loads(out)["conversations_added"] == 0
    code, out, _ = run_verb(capsys, tmp_path, "show", "1")
    assert out.count("You:") == 1  # the question once, now with its Coze id


def test_a_chatflow_is_not_synced_and_says_why_instead_of_0_on_coze(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Coze lists conversations by bot: a chatflow has no list, so "0 on Coze" was untrue."""
    seed(env, 1)
    flow = chatflow_key(DEMO_CHATFLOW_ID, app_id=DEMO_APP_ID)
    code, out, err = run_verb(capsys, tmp_path, "sync", "--bot-id", flow, "--bot-id", BOT)
    assert code == 0 and f"{flow}: not synced: Coze lists conversations by bot, not by chatflow" in err
    assert flow not in out and f"{BOT}: 1 conversation and " in out
    assert not [r for r in env.requests if r["path"] == "/v1/conversations" and r["query"].get("bot_id") == flow]
