"""`ask --conversation-id N` continues with the conversation's own bot: when no bot is configured anywhere,
and when it is the demo bot, whose chats the demo server started in the process answers (as in the
window: no token needed, nothing sent to Coze) unless an explicit API base names another server."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.chat import ChatPump, ChatTurn, TurnRequest
from desktop.core.cozeserver import CozeServer
from desktop.core.demo_ids import DEMO_BOT_ID
from desktop.core.profile import Profile
from desktop.core.store import Store
from desktop.services.demo import DemoBackend
from tests.cli.verbs import run_ask as run
from tests.coze_fixtures import TOKEN

OTHER = "7400000000000000042"


def _chat_bots(server: CozeServer) -> list[object]:
    return [r.json_object()["bot_id"] for r in server.requests if r.path == "/v3/chat"]


def test_a_conversation_continues_with_its_own_bot_when_no_bot_is_configured(
    env: CozeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    env.add_bot(OTHER)
    monkeypatch.delenv("COZE_BOT_ID")
    assert run(capsys, tmp_path, "--bot-id", OTHER, "hello")[0] == 0
    code, out, err = run(capsys, tmp_path, "--conversation-id", "1", "again")
    assert (code, err.count("no bot ID")) == (0, 0) and out.strip()
    assert _chat_bots(env) == [OTHER, OTHER]
    code, _, err = run(capsys, tmp_path, "--new", "hi")  # nothing names a bot: the error is still there
    assert code == 2 and "no bot ID" in err


def _demo_chat_as_the_window(profile: Profile, question: str) -> None:
    """What the window's demo mode does: its in-process demo server (DemoBackend) answers a new chat."""
    profile.ensure()
    demo = DemoBackend("en", pace=0, state_path=profile.demo_state_path)
    store = Store.open(profile.database_path)
    try:
        connection = demo.connection("window-user")
        conversation = store.conversations.create(DEMO_BOT_ID)
        turn = ChatTurn.begin(store, conversation.id, question)
        request = TurnRequest(DEMO_BOT_ID, connection.user_id, question, None, [])
        with connection.client() as client:
            ChatPump(request).run(client, turn.apply)
    finally:
        store.close()
        demo.stop()


def test_a_demo_chat_continues_with_the_demo_bot_in_process_without_a_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("COZE_API_TOKEN", "COZE_API_BASE", "COZE_BOT_ID"):
        monkeypatch.delenv(name, raising=False)
    _demo_chat_as_the_window(Profile(tmp_path / "profile"), "My name is Ada")
    code, out, err = run(capsys, tmp_path, "--conversation-id", "1", "What is my name?")
    assert code == 0, err
    assert "Your name is **Ada**" in out  # the window's demo conversation, remembered by the demo server


def test_an_explicit_api_base_wins_over_the_demo_server(
    server: CozeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("COZE_BOT_ID", raising=False)
    _demo_chat_as_the_window(Profile(tmp_path / "profile"), "hello")
    monkeypatch.setenv("COZE_API_TOKEN", TOKEN)
    run(capsys, tmp_path, "--api-base", server.base_url, "--conversation-id", "1", "again")  # (it may not know it)
    code, _, _ = run(capsys, tmp_path, "--api-base", server.base_url, "--new", "--bot-id", DEMO_BOT_ID, "hi")
    assert code == 0 and _chat_bots(server) == [DEMO_BOT_ID, DEMO_BOT_ID]  # both went to the server named
