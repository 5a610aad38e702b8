"""Two processes serving one demo state file — the window's demo server and `coze-desktop ask` on a demo
chat, each with its own server in process — both keep their turns: each change is made under the file's
lock on what the file holds then. Before, each process wrote back the state it had read at its start and
the last save won: the window's next turn took away the turn `ask` had added."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer, Scenario
from desktop.core.profile import Profile
from tests.cozeserver.rawhttp import RawConnection, chat_body, wait_until
from tests.cozeserver.test_state_file import say

REPO = Path(__file__).resolve().parents[2]


def _user_turns(path: Path, conversation: str) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    found = next(c for c in data["conversations"] if c["id"] == conversation)
    return [m["content"] for m in found["messages"] if m["role"] == "user"]


def _without_coze_settings() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COZE_")}
    return {**env, "PYTHONPATH": str(REPO)}


def test_a_turn_asked_by_another_process_survives_the_windows_next_turn(tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    with CozeServer(pace=0, state_path=profile.demo_state_path) as window:  # the window's demo, running throughout
        conversation, _ = say(window, "My name is Ada")
        command = [sys.executable, "-m", "desktop", "--profile", str(profile.path), "ask", "--bot-id", DEMO_BOT_ID]
        asked = subprocess.run(  # a real `ask` on that demo chat: its own demo server, on the same file
            [*command, "--conversation-id", conversation, "What is my name?"],
            capture_output=True,
            text=True,
            env=_without_coze_settings(),
            timeout=60,
            check=False,
        )
        assert asked.returncode == 0, asked.stderr
        assert "Ada" in asked.stdout
        say(window, "And the weather?", conversation)  # the window's next turn, after ask's
        assert _user_turns(profile.demo_state_path, conversation) == [
            "My name is Ada",
            "What is my name?",
            "And the weather?",
        ]


WRITER = """
import sys
from pathlib import Path
from desktop.core.cozeserver.state import State
from desktop.core.cozeserver.state_file import StateFile

state = State(StateFile(Path(sys.argv[1])))
print("ready", flush=True)
sys.stdin.readline()  # both processes have read the file: now they write at the same time
for number in range(int(sys.argv[2])):
    state.create_conversation("bot", {"writer": sys.argv[3], "n": str(number)})
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path, each = tmp_path / "demo_state.json", 40
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(each), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=_without_coze_settings(),
        )
        for name in ("window", "ask")
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.close()
    for writer in writers:
        assert writer.wait(timeout=60) == 0
        assert writer.stdout is not None
        writer.stdout.close()
    data = json.loads(path.read_text(encoding="utf-8"))
    made = sorted((c["meta_data"]["writer"], int(c["meta_data"]["n"])) for c in data["conversations"])
    assert made == sorted((name, n) for name in ("window", "ask") for n in range(each))


def test_a_chat_streaming_in_another_process_keeps_the_conversation_occupied(tmp_path: Path) -> None:
    """Coze answers one chat at a time per conversation (4016, coze-py cozepy/chat/__init__.py: "一个会话中，只能有
    一个进行中的对话，否则调用此接口时会报错 4016"). The window's demo streaming in a conversation occupies it for
    `ask` in another process too. Before, which chat ran was known only to the process running it: `ask` was
    answered alongside, and both answers went into the one conversation."""
    profile = Profile(tmp_path / "profile").ensure()
    with CozeServer(pace=0, state_path=profile.demo_state_path) as window:
        conversation, _ = say(window, "My name is Ada")
        window.queue(Scenario("stall", after_deltas=1, seconds=30))
        with RawConnection(window.port) as stream:  # the window's answer, still streaming
            stream.send("POST", f"/v3/chat?conversation_id={conversation}", chat_body("Tell me a long story"))
            assert stream.read_head().status == 200 and stream.read_chunk() is not None
            command = [sys.executable, "-m", "desktop", "--profile", str(profile.path), "ask", "--bot-id", DEMO_BOT_ID]
            asked = subprocess.run(
                [*command, "--conversation-id", conversation, "What is my name?"],
                capture_output=True,
                text=True,
                env={**_without_coze_settings(), "LANG": "C.UTF-8"},
                timeout=60,
                check=False,
            )
            assert asked.returncode == 1, asked.stdout
            assert "A chat is already running in this conversation." in asked.stderr
            assert "4016" in asked.stderr
        wait_until(lambda: window.open_streams == 0)  # the window's answer ended (its client left)
        assert "What is my name?" not in _user_turns(profile.demo_state_path, conversation)
        say(window, "And now?", conversation)  # the conversation is free again


CRASHER = """
import sys
from pathlib import Path
from desktop.core.cozeserver.state import State
from desktop.core.cozeserver.state_file import StateFile

state = State(StateFile(Path(sys.argv[1])))
state.start_chat(bot_id=sys.argv[2], conversation_id=sys.argv[3], additional=[], meta_data=None, save=True)
print("streaming", flush=True)
sys.stdin.readline()  # killed here, its chat never finished
"""


def test_a_chat_whose_process_died_does_not_occupy_its_conversation(tmp_path: Path) -> None:
    """A demo process killed mid-answer (its chat never settled) leaves the conversation free: the process that
    ran it is gone, as Coze's chat would have ended."""
    profile = Profile(tmp_path / "profile").ensure()
    with CozeServer(pace=0, state_path=profile.demo_state_path) as window:
        conversation, _ = say(window, "hello")
        crasher = subprocess.Popen(
            [sys.executable, "-c", CRASHER, str(profile.demo_state_path), DEMO_BOT_ID, conversation],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=_without_coze_settings(),
        )
        assert crasher.stdout is not None and crasher.stdout.readline() == "streaming\n"
        with RawConnection(window.port) as conn:
            busy = conn.request("POST", f"/v3/chat?conversation_id={conversation}", chat_body("again")).json()
            assert busy["code"] == 4016  # while it lives
        crasher.kill()
        crasher.wait(timeout=30)
        assert crasher.stdin is not None and crasher.stdout is not None
        crasher.stdin.close()
        crasher.stdout.close()
        _conversation, answer = say(window, "again", conversation)
        assert answer
