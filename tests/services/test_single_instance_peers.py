"""The first instance's socket against odd peers and odd files: a folder where the socket goes, a peer that writes
without end. (Same user: the socket's folder is this user's only.)"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.services import single_instance
from desktop.services.single_instance import MAX_KNOCK_BYTES, SingleInstance

pytestmark = pytest.mark.skipif(os.name != "posix", reason="a Unix socket")


def test_a_folder_where_the_socket_goes_does_not_stop_the_start(tmp_path: Path) -> None:
    address = single_instance.instance_address(tmp_path / "profile")
    os.mkdir(address)  # (QLocalServer.removeServer said False for it; the start ran without listening)
    try:
        first = SingleInstance(tmp_path / "profile")
        assert first.claim()
        assert first.address is None  # not listening: the lock alone keeps a second start out
        first.release()
    finally:
        os.rmdir(address)


def _flood(address: str, outcome: dict[str, object]) -> None:
    """Writes junk without a line end until hung up on, or 32 MB went; what happened goes in `outcome`."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(10)
    connection.connect(address)
    piece, sent = b"x" * 65536, 0
    try:
        while sent < 32 * 1024 * 1024:
            sent += connection.send(piece)
        outcome["end"] = "all sent"
    except OSError as exc:  # hung up on (EPIPE / ECONNRESET), or nobody read for 10 s
        outcome["end"] = type(exc).__name__
    finally:
        outcome["sent"] = sent
        connection.close()


def test_a_peer_that_writes_without_end_is_hung_up_on_and_the_window_still_answers(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = SingleInstance(tmp_path / "profile")
    assert first.claim()
    assert first.address is not None
    outcome: dict[str, object] = {}
    flood = threading.Thread(target=_flood, args=(first.address, outcome))
    try:
        flood.start()
        qtbot.waitUntil(lambda: "end" in outcome, timeout=20_000)
        flood.join()
        assert outcome["end"] in ("BrokenPipeError", "ConnectionResetError")
        assert isinstance(outcome["sent"], int) and outcome["sent"] < MAX_KNOCK_BYTES + 4 * 1024 * 1024
        with qtbot.waitSignal(first.activationRequested, timeout=3000):
            assert not SingleInstance(tmp_path / "profile").claim()
    finally:
        first.release()


def test_a_hand_over_too_big_to_take_is_refused_and_the_window_asked_for(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "profile")
    taken: list[str] = []
    first.set_receiver(lambda texts: taken.extend(texts) or True)
    assert first.claim()
    (tmp_path / "text").write_text("问" * (MAX_KNOCK_BYTES // 3), encoding="utf-8")  # 4/3 of it in base64
    later = (
        "import sys; from pathlib import Path; from desktop.services.single_instance import SingleInstance;"
        " s = SingleInstance(Path(sys.argv[1])); print(s.claim([Path(sys.argv[2]).read_text('utf-8')]), s.handed_over)"
    )
    try:
        with qtbot.waitSignal(first.activationRequested, timeout=10_000):
            start = subprocess.Popen(
                [sys.executable, "-c", later, str(tmp_path / "profile"), str(tmp_path / "text")],
                stdout=subprocess.PIPE,
                text=True,
            )
        qtbot.waitUntil(lambda: start.poll() is not None, timeout=30_000)
        out, _ = start.communicate()
        assert out.strip() == "False False"  # not first, and the texts were not taken (it says so)
        assert taken == []
    finally:
        first.release()
