"""Owner lock files (desktop.core.owner_locks) of processes killed with SIGKILL are swept away: the history's
`writers/` of a process killed while it owned no streaming answer, the demo server's `<state>.servers` of one killed
mid-chat in a conversation nobody asks again. Before, nothing ever looked at them again: they stayed forever, one more
at every such kill. A live owner's file is never swept, and a process taking its lock while another sweeps never
loses it (a lock file is removed only by whoever holds its lock, and only while its path still names that file)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.cozeserver import DEMO_BOT_ID
from desktop.core.cozeserver.state import State
from desktop.core.cozeserver.state_file import StateFile
from desktop.core.owner_locks import owner_is_live
from desktop.core.store import Store
from desktop.core.store.writers import writers_dir

REPO = Path(__file__).resolve().parents[1]

WRITER = """
import sys
from pathlib import Path
from desktop.core.store import Store

store = Store.open(Path(sys.argv[1]))
print(store.messages.stream_owner(), flush=True)  # its writer lock taken (as when it streamed an answer)
sys.stdin.readline()  # killed here, owning no streaming answer
"""

SERVER = """
import sys
from pathlib import Path
from desktop.core.cozeserver.state import State
from desktop.core.cozeserver.state_file import StateFile

state = State(StateFile(Path(sys.argv[1])))
conversation = state.create_conversation(sys.argv[2], {})["id"]
state.start_chat(bot_id=sys.argv[2], conversation_id=conversation, additional=[], meta_data=None, save=True)
print(conversation, flush=True)
sys.stdin.readline()  # killed here, mid-chat
"""


@contextmanager
def _child(script: str, *args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """A real process running `script`; yields it with the first line it printed, and reaps it."""
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert child.stdout is not None
        yield child, child.stdout.readline().strip()
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=30)


def _killed(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL


def test_the_writer_locks_of_processes_killed_owning_nothing_are_swept(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    Store.open(db).close()
    directory = writers_dir(db)
    with _child(WRITER, str(db)) as (live, live_owner), _child(WRITER, str(db)) as (dead, dead_owner):
        with _child(WRITER, str(db)) as (also_dead, also_dead_owner):
            _killed(dead)
            _killed(also_dead)
            assert {p.stem for p in directory.glob("*.lock")} == {live_owner, dead_owner, also_dead_owner}
            with Store.open(db) as store:
                mine = store.messages.stream_owner()  # this process takes its lock: the dead ones' go
                assert {p.stem for p in directory.glob("*.lock")} == {live_owner, mine}  # the dead stayed before
                assert owner_is_live(directory, live_owner)
        assert live.poll() is None


def test_the_chat_locks_of_a_server_killed_mid_chat_are_swept(tmp_path: Path) -> None:
    path = tmp_path / "demo-server.json"
    directory = path.with_name(path.name + ".servers")
    with _child(SERVER, str(path), DEMO_BOT_ID) as (dead, conversation):
        _killed(dead)
        assert len(list(directory.glob("*.lock"))) == 1
        state = State(StateFile(path))
        try:
            state.delete_conversation(conversation)  # nobody asks that conversation again
            other = state.create_conversation(DEMO_BOT_ID, {})["id"]
            started = state.start_chat(
                bot_id=DEMO_BOT_ID, conversation_id=other, additional=[], meta_data=None, save=True
            )
            assert len(list(directory.glob("*.lock"))) == 1  # its own only: 2 before
            state.end_stream(started.handle)
        finally:
            state.close()
    assert list(directory.glob("*.lock")) == []


TAKER = """
import os
import sys
from pathlib import Path
from desktop.core.owner_locks import WriterLock, owner_is_live

directory = Path(sys.argv[1])
for _ in range(int(sys.argv[2])):
    lock = WriterLock(directory)  # sweeps what it finds unlocked, while the other process does the same
    named = os.stat(lock.path).st_ino == os.fstat(lock._handle.fileno()).st_ino
    if not (named and owner_is_live(directory, lock.owner)):
        sys.exit(f"lost {lock.owner}")
    lock.release()
"""


def test_processes_taking_and_sweeping_locks_at_once_never_lose_theirs(tmp_path: Path) -> None:
    directory = tmp_path / "owners"
    directory.mkdir()
    takers = [
        subprocess.Popen(
            [sys.executable, "-c", TAKER, str(directory), "400"],
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        for _ in range(3)
    ]
    for taker in takers:
        _out, err = taker.communicate(timeout=120)
        assert taker.returncode == 0, err
    assert list(directory.glob("*.lock")) == []
