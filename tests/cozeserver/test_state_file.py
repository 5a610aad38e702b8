"""The local server keeps conversations, messages and chats in a state file: a restart forgets nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.coze import CozeClient, ErrorKind
from desktop.core.coze.errors import CozeAPIError
from desktop.core.cozeserver import DEMO_TOKEN, CozeServer
from desktop.core.cozeserver.state_file import StateFile
from tests.coze_fixtures import BOT, USER


def say(server: CozeServer, text: str, conversation_id: str | None = None) -> tuple[str, str]:
    """One chat over loopback: (conversation id, answer text)."""
    with CozeClient(DEMO_TOKEN, server.base_url) as client:
        stream = client.stream_chat(BOT, USER, text, conversation_id=conversation_id)
        for _event in stream:
            pass
        return stream.transcript.conversation_id, stream.transcript.text()


def test_the_demo_bot_continues_a_conversation_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "demo-server.json"
    with CozeServer(state_path=path) as first:
        conversation, _ = say(first, "我叫小明")
        say(first, "今天天气怎么样", conversation)
    with CozeServer(state_path=path) as second:
        again, answer = say(second, "我叫什么名字？", conversation)
        assert again == conversation
        assert "你叫 **小明**" in answer
        assert "第 3 轮对话" in answer
        with CozeClient(DEMO_TOKEN, second.base_url) as client:
            listed = client.list_messages(conversation)
    assert [m.content for m in listed.messages if m.role == "user"][:1] == ["我叫什么名字？"]  # newest first
    assert len([m for m in listed.messages if m.role == "user"]) == 3


def test_the_file_is_replaced_whole_and_holds_chats(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    with CozeServer(state_path=path) as server:
        conversation, _ = say(server, "hello")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [c["id"] for c in data["conversations"]] == [conversation]
    assert [c["status"] for c in data["chats"]] == ["completed"]
    assert not list(tmp_path.glob("*.tmp"))  # no temporary file left beside it
    snapshot = StateFile(path).load()
    assert snapshot.chats[0].handle.conversation_id == conversation
    assert [m["role"] for m in snapshot.conversations[0].messages][:1] == ["user"]


def test_a_damaged_file_is_kept_aside_and_the_server_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text('{"version": 1, "conversations": [{"id": ', encoding="utf-8")
    with CozeServer(state_path=path) as server:
        conversation, answer = say(server, "hello")
    assert answer
    assert (tmp_path / "state.json.unreadable").read_text(encoding="utf-8").startswith('{"version": 1')
    assert [c.id for c in StateFile(path).load().conversations] == [conversation]


def test_without_a_file_a_restart_forgets_and_coze_says_the_conversation_is_gone(tmp_path: Path) -> None:
    with CozeServer() as first:
        conversation, _ = say(first, "hello")
    with CozeServer() as second, pytest.raises(CozeAPIError) as raised:
        say(second, "again", conversation)
    assert raised.value.code == 4002  # Coze's "invalid conversation" (wrong id, or not found)
    assert raised.value.kind is ErrorKind.CONVERSATION_NOT_FOUND
