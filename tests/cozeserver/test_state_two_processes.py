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

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer
from desktop.core.profile import Profile
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
