"""The demo's former ids (desktop.core.demo_ids: 7451000000000000001 and the like until 0.1.0) are renamed in the local
server's state file once: a file without `demo_ids_version` (as 0.1.0 wrote it) is renamed and marked at once; a
marked file, this version's or a newer one's, is never renamed. Before, every conversation, chat and message was
renamed on every load (each start, and each time another process had written the file): a bot of a Coze-compatible
server whose id was the demo's former one lost its conversations to the demo at the server's next start."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.coze import CozeClient
from desktop.core.cozeserver import DEMO_BOT_ID, DEMO_TOKEN, CozeServer
from desktop.core.cozeserver.state import State
from desktop.core.cozeserver.state_file import StateFile
from desktop.core.demo_ids import FORMER_IDS
from tests.coze_fixtures import USER

OLD_BOT = next(iter(FORMER_IDS))  # the demo bot's id in 0.1.0


def _conversations(server: CozeServer, bot_id: str) -> list[str]:
    with CozeClient(DEMO_TOKEN, server.base_url) as client:
        return [c.id for c in client.list_conversations(bot_id).conversations]


def test_a_bot_with_the_demos_former_id_keeps_its_conversations_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "demo-server.json"
    with CozeServer(pace=0, state_path=path) as first:
        first.add_bot(OLD_BOT, name="A bot of this server")
        with CozeClient(DEMO_TOKEN, first.base_url) as client:
            stream = client.stream_chat(OLD_BOT, USER, "My name is Ada")
            for _event in stream:
                pass
            conversation = stream.transcript.conversation_id
        assert _conversations(first, OLD_BOT) == [conversation]
    with CozeServer(pace=0, state_path=path) as second:
        second.add_bot(OLD_BOT, name="A bot of this server")
        assert _conversations(second, OLD_BOT) == [conversation]  # [] before: the demo's
        assert _conversations(second, DEMO_BOT_ID) == []


def _file_of_0_1_0(path: Path) -> None:
    """A state file as 0.1.0 wrote it: no mark, the demo named by its former id."""
    state = State(StateFile(path))
    conversation = state.create_conversation(DEMO_BOT_ID, {})["id"]
    started = state.start_chat(
        bot_id=DEMO_BOT_ID, conversation_id=conversation, additional=[], meta_data=None, save=True
    )
    state.end_stream(started.handle)
    state.close()
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("demo_ids_version", None)
    path.write_text(json.dumps(data).replace(f'"{DEMO_BOT_ID}"', f'"{OLD_BOT}"'), encoding="utf-8")


def test_a_file_of_0_1_0_is_renamed_once_and_marked(tmp_path: Path) -> None:
    path = tmp_path / "demo-server.json"
    _file_of_0_1_0(path)
    State(StateFile(path)).close()  # a start that changes nothing
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["demo_ids_version"] == 1  # missing before: renamed again at every load
    assert OLD_BOT not in json.dumps(data)
    assert [c["bot_id"] for c in data["conversations"]] == [DEMO_BOT_ID]
    assert [c["bot_id"] for c in data["chats"]] == [DEMO_BOT_ID]


def test_a_file_of_a_newer_version_is_never_renamed(tmp_path: Path) -> None:
    path = tmp_path / "demo-server.json"
    _file_of_0_1_0(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "demo_ids_version": 2}), encoding="utf-8")  # its ids are its own
    written = path.read_bytes()
    state = State(StateFile(path))
    try:
        assert path.read_bytes() == written  # loading touches nothing
        assert [c["id"] for c in state.list_conversations(OLD_BOT, 1, 50, desc=True)[0]] == [
            data["conversations"][0]["id"]
        ]  # [] before: renamed to the demo's
        state.create_conversation(OLD_BOT, {})
    finally:
        state.close()
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["demo_ids_version"] == 2  # its mark kept when this version writes it
    assert [c["bot_id"] for c in again["conversations"]] == [OLD_BOT, OLD_BOT]
