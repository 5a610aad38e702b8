"""Who owns a streaming answer, across processes on one profile: the window never marks a live
`ask`'s answer, any process recovers it once its writer is gone (kill -9 included), and `ask` stopped
by SIGTERM or a closed stdout stores what arrived and exits 143 / 141 without a traceback."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from desktop.core.store.writers import WriterLock, owner_is_live, writers_dir
from tests.coze_fixtures import BOT, TOKEN
from tests.gui_process import latest_answer


def environment(server: CozeServer, home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "COZE_API_TOKEN": TOKEN,
        "COZE_API_BASE": server.base_url,
        "COZE_BOT_ID": BOT,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
    }


@pytest.fixture
def endless_ask(server: CozeServer, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """`ask --json` streaming an endless answer into tmp_path/profile; yields once it is streaming."""
    server.queue(Scenario("endless", text="a never ending answer ", pace=0.01))
    ask = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--profile", str(tmp_path / "profile"), "ask", "--json", "hello"],
        env=environment(server, tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    db = tmp_path / "profile" / "history.sqlite3"
    deadline = time.monotonic() + 30
    while True:
        state = latest_answer(db)
        if state is not None and state[0] == "streaming" and state[1] > 0:
            break
        assert ask.poll() is None, ask.communicate()
        assert time.monotonic() < deadline, "no streaming answer in 30 s"
        with contextlib.suppress(subprocess.TimeoutExpired):
            ask.wait(0.05)
    try:
        yield ask
    finally:
        if ask.poll() is None:
            ask.kill()
        ask.communicate(timeout=10)


def run_verb(server: CozeServer, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--profile", str(tmp_path / "profile"), *args],
        env=environment(server, tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def answer_status(tmp_path: Path) -> tuple[str, int]:
    state = latest_answer(tmp_path / "profile" / "history.sqlite3")
    assert state is not None
    return state


def test_the_window_and_the_cli_leave_a_live_ask_alone_and_recover_it_after_kill_9(
    server: CozeServer, tmp_path: Path, endless_ask: subprocess.Popen[str]
) -> None:
    gui = run_verb(server, tmp_path, "--smoke")  # the window starts on the same profile, offscreen
    assert gui.returncode == 0 and "smoke: window shown" in gui.stdout, gui.stderr
    assert answer_status(tmp_path)[0] == "streaming", "the window did not mark a live answer interrupted"
    listed = run_verb(server, tmp_path, "list")
    assert listed.returncode == 0, listed.stderr
    assert answer_status(tmp_path)[0] == "streaming"
    assert endless_ask.poll() is None

    endless_ask.send_signal(signal.SIGKILL)
    endless_ask.wait(10)
    listed = run_verb(server, tmp_path, "list")  # any verb: its open recovers the dead writer's row
    assert listed.returncode == 0, listed.stderr
    status, length = answer_status(tmp_path)
    assert status == "interrupted" and length > 0
    assert list(writers_dir(tmp_path / "profile" / "history.sqlite3").glob("*.lock")) == []


def test_sigterm_stores_what_arrived_and_exits_143(
    server: CozeServer, tmp_path: Path, endless_ask: subprocess.Popen[str]
) -> None:
    endless_ask.send_signal(signal.SIGTERM)
    _out, err = endless_ask.communicate(timeout=20)
    assert endless_ask.returncode == 143
    assert "Traceback" not in err
    status, length = answer_status(tmp_path)
    assert status == "cancelled" and length > 0


def test_a_closed_stdout_stores_what_arrived_and_exits_141(
    server: CozeServer, tmp_path: Path, endless_ask: subprocess.Popen[str]
) -> None:
    assert endless_ask.stdout is not None
    endless_ask.stdout.close()  # the reader goes away (`ask ... | head -1`)
    endless_ask.wait(20)
    err = endless_ask.stderr.read() if endless_ask.stderr is not None else ""
    assert endless_ask.returncode == 141, err
    assert "Traceback" not in err and "BrokenPipe" not in err
    status, length = answer_status(tmp_path)
    assert status == "cancelled" and length > 0


def test_a_writer_is_live_exactly_while_it_holds_its_lock(tmp_path: Path) -> None:
    directory = tmp_path / "writers"
    writer = WriterLock(directory)
    assert owner_is_live(directory, writer.owner)
    writer.release()
    assert not owner_is_live(directory, writer.owner)
    assert not owner_is_live(directory, "../../etc/passwd")


def test_a_store_recovers_only_rows_whose_owner_is_gone(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    with Store.open(db) as live:
        conversation = live.conversations.create(BOT)
        streaming = live.messages.start_answer(conversation.id)
        with Store.open(db) as other:  # another process's view: the owner's lock is held
            assert other.recovered_streaming == 0
            assert other.messages.get(streaming.id).status == "streaming"  # type: ignore[union-attr]
    with Store.open(db) as after:  # the owner closed without finishing: now it is recovered
        assert after.recovered_streaming == 1
        assert after.messages.get(streaming.id).status == "interrupted"  # type: ignore[union-attr]
