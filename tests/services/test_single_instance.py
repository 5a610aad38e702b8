"""One window per profile: a second start hands over to the first."""

from __future__ import annotations

import os
import shutil
import socket as stdlib_socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL, QCoreApplication
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from desktop.core.runtime_dir import UnsafeRuntimeDir, private_runtime_dir
from desktop.services.single_instance import SingleInstance, is_same_user


def test_second_instance_hands_over_to_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "profile")
    assert first.claim()
    try:
        with qtbot.waitSignal(first.activationRequested, timeout=3000):
            assert not SingleInstance(tmp_path / "profile").claim()
        other_profile = SingleInstance(tmp_path / "other")
        assert other_profile.claim()  # another profile runs side by side
        other_profile.release()
    finally:
        first.release()
    again = SingleInstance(tmp_path / "profile")
    assert again.claim()  # released: the next start is first again
    again.release()


@pytest.mark.skipif(os.name != "posix", reason="POSIX runtime folder")
def test_the_socket_lives_in_a_folder_only_this_user_can_write(tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "profile")
    assert first.claim()
    try:
        assert first.address is not None
        folder = Path(first.address).parent
        info = folder.lstat()
        assert stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
        assert stat.S_IMODE(info.st_mode) == 0o700
        assert folder == Path(os.environ["XDG_RUNTIME_DIR"]) / "coze-desktop"
    finally:
        first.release()


@pytest.mark.skipif(os.name != "posix", reason="POSIX runtime folder")
def test_a_runtime_dir_others_can_write_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    folder = private_runtime_dir()
    assert shared not in folder.parents
    assert folder.lstat().st_uid == os.getuid() and stat.S_IMODE(folder.lstat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="POSIX runtime folder")
def test_a_squatted_fallback_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    squatted = tmp_path / f"coze-desktop-{os.getuid()}"
    squatted.mkdir()
    squatted.chmod(0o777)  # made by somebody else, open to all
    with pytest.raises(UnsafeRuntimeDir):
        private_runtime_dir()
    assert SingleInstance(tmp_path / "profile").claim(), "the app still starts, without the check"


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to run a peer as another user")
def test_a_peer_of_another_user_is_not_deferred_to(qtbot: QtBot) -> None:
    folder = Path(tempfile.mkdtemp(prefix="coze-peer-"))  # pytest's tmp_path is closed to other users
    folder.chmod(0o777)
    address = folder / "sock"
    script = (
        "import socket,sys;s=socket.socket(socket.AF_UNIX);s.bind(sys.argv[1]);s.listen(1);"
        "print('ready',flush=True);c,_=s.accept();sys.stdin.read()"
    )
    peer = subprocess.Popen(
        ["/usr/bin/python3", "-c", script, str(address)],
        user=65534,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert peer.stdout is not None and peer.stdout.readline().strip() == "ready"
        socket = QLocalSocket()
        socket.connectToServer(str(address))
        assert socket.waitForConnected(3000)
        assert not is_same_user(socket, str(address))
        socket.abort()
    finally:
        peer.kill()
        peer.wait(5)
        if peer.stdin is not None:
            peer.stdin.close()
        if peer.stdout is not None:
            peer.stdout.close()
        shutil.rmtree(folder)


def test_a_peer_of_this_user_is_the_same_user(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "profile")
    assert first.claim()
    try:
        assert first.address is not None
        socket = QLocalSocket()
        socket.connectToServer(first.address)
        assert socket.waitForConnected(3000)
        assert is_same_user(socket, first.address)
        socket.abort()
    finally:
        first.release()


def test_the_second_start_passes_its_activation_token(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On Wayland a window comes to the front only with the token the launcher gave the new start.
    first = SingleInstance(tmp_path / "profile")
    assert first.claim()
    try:
        monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "kwin-1234_abcd")
        with qtbot.waitSignal(first.activationRequested, timeout=3000) as heard:
            assert not SingleInstance(tmp_path / "profile").claim()
        assert heard.args == ["kwin-1234_abcd"]
        monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "not a token\nactivate evil")
        with qtbot.waitSignal(first.activationRequested, timeout=3000) as heard:
            assert not SingleInstance(tmp_path / "profile").claim()
        assert heard.args == [""]  # anything else is no token at all
    finally:
        first.release()


def test_a_knock_without_a_line_still_asks_for_the_window(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "profile")
    assert first.claim()
    try:
        assert first.address is not None
        socket = QLocalSocket()
        with qtbot.waitSignal(first.activationRequested, timeout=3000) as heard:
            socket.connectToServer(first.address)
            assert socket.waitForConnected(1000)
            socket.disconnectFromServer()  # an older start's bare knock, or one that hung up early
        assert heard.args == [""]
    finally:
        first.release()


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_a_start_that_is_first_but_not_listening_yet_is_deferred_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two starts at the same moment: the first holds the instance lock but does not listen yet. The second
    used to find no socket, remove the first's as stale and run too (two windows on one profile)."""
    from desktop.services import single_instance

    monkeypatch.setattr(single_instance, "LOCK_WAIT_MS", single_instance.LISTEN_WAIT_MS)  # (it never listens)
    lock = single_instance.instance_address(tmp_path / "profile") + ".lock"
    hold = (
        "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600);"
        " fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()"
    )
    first = subprocess.Popen(
        [sys.executable, "-c", hold, lock], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert first.stdout is not None and first.stdout.readline() == "held\n"
        second = SingleInstance(tmp_path / "profile")
        assert not second.claim() and second.address is None  # neither listening nor running
    finally:
        first.communicate("", timeout=10)  # it ends: the kernel lets go of its lock, nothing stale is left
    third = SingleInstance(tmp_path / "profile")
    assert third.claim()
    third.release()


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_a_start_while_the_first_one_quits_waits_for_it_and_is_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the window and starting again at once: the first one still holds the lock while it shuts down
    (up to seconds) but no longer answers. The new start used to knock for 3 s and give up, saying the window
    was brought to the front: no window at all. Now it waits for the lock and runs."""
    from desktop.services import single_instance

    lock = single_instance.instance_address(tmp_path / "profile") + ".lock"
    hold = (
        "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600);"
        " fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()"
    )
    quitting = subprocess.Popen(
        [sys.executable, "-c", hold, lock], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert quitting.stdout is not None and quitting.stdout.readline() == "held\n"
    real_knock = single_instance._knock

    def knock_then_the_first_one_ends(address: str) -> bool:
        answered = real_knock(address)  # nobody listens: the first one is shutting down
        if quitting.poll() is None:
            quitting.communicate("", timeout=10)  # ... and now it has ended (the kernel let go of its lock)
        return answered

    monkeypatch.setattr(single_instance, "_knock", knock_then_the_first_one_ends)
    second = SingleInstance(tmp_path / "profile")
    try:
        assert second.claim() and second.address is not None
    finally:
        second.release()
        if quitting.poll() is None:
            quitting.kill()
            quitting.wait()


def test_an_instance_stops_answering_when_its_event_loop_ends(qtbot: QtBot, tmp_path: Path) -> None:
    """From then on it is shutting down: a start that knocked now would hand over to a window about to go."""
    from desktop.services import single_instance

    app = QCoreApplication.instance()
    assert app is not None
    before = app.receivers(SIGNAL("aboutToQuit()"))
    first = SingleInstance(tmp_path / "profile")
    assert first.claim()
    address = first.address
    try:
        assert address is not None and single_instance._knock(address)
        assert app.receivers(SIGNAL("aboutToQuit()")) == before + 1  # what ends the event loop stops it
        first.stop_listening()
        assert first.address is None and not single_instance._knock(address)
    finally:
        first.release()
    assert app.receivers(SIGNAL("aboutToQuit()")) == before


@pytest.mark.skipif(os.name != "posix", reason="a socket file")
def test_a_socket_file_left_by_a_crashed_instance_is_replaced(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.services import single_instance

    address = single_instance.instance_address(tmp_path / "profile")
    crashed = stdlib_socket.socket(stdlib_socket.AF_UNIX)
    crashed.bind(address)  # bound, never listening, never removed: what a killed instance leaves
    crashed.close()
    assert Path(address).exists() and not single_instance._knock(address)
    first = SingleInstance(tmp_path / "profile")
    assert first.claim()
    try:
        with qtbot.waitSignal(first.activationRequested, timeout=3000):
            assert not SingleInstance(tmp_path / "profile").claim()
    finally:
        first.release()
    assert not Path(address).exists()  # (and the socket goes with the instance)


def test_a_big_hand_over_from_another_process_arrives_whole(qtbot: QtBot, tmp_path: Path) -> None:
    # More than the socket's buffer holds: the later start keeps writing while this event loop reads.
    first = SingleInstance(tmp_path / "profile")
    taken: list[str] = []
    first.set_receiver(lambda texts: taken.extend(texts) or True)
    assert first.claim()
    text = "问" * 300_000 + "\nend"  # ~0.9 MB of UTF-8, ~1.2 MB on the wire
    (tmp_path / "text").write_text(text, encoding="utf-8")
    later = (
        "import sys; from pathlib import Path; from desktop.services.single_instance import SingleInstance;"
        " s = SingleInstance(Path(sys.argv[1])); print(s.claim([Path(sys.argv[2]).read_text('utf-8')]), s.handed_over)"
    )
    try:
        start = subprocess.Popen(
            [sys.executable, "-c", later, str(tmp_path / "profile"), str(tmp_path / "text")],
            stdout=subprocess.PIPE,
            text=True,
        )
        qtbot.waitUntil(lambda: start.poll() is not None, timeout=30_000)
        out, _ = start.communicate()
        assert out.strip() == "False True"
        assert taken == [text]
    finally:
        first.release()
