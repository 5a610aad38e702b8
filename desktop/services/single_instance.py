"""One window per profile: a second start hands over to the first (which comes to the front).

The name is derived from the profile path, so two profiles can run side by side. On POSIX the socket
lives in a folder only this user can write (see `desktop.core.runtime_dir`), and before deferring to
a running instance the peer is checked to be this same user: nobody else can squat the name and make
the app quit at start.

Who is first is decided by a lock (`flock` on `<socket>.lock`, held for the instance's life and let go by
the kernel when it ends, so never stale), not by whether a socket answers: two starts at the same moment
both found no socket, and the second removed the first's as stale, so both ran on one profile (2 of 25
trials of three simultaneous starts). A start that finds the lock taken knocks, waiting a little for the
first one to listen. An instance stops answering when its event loop ends (it is shutting down, for up to
seconds, still holding the lock): a start then waits for the lock and runs, instead of handing over to a
window about to go (closing the window and starting again at once showed no window at all).

The second start's knock is one line, `activate [TOKEN]`: TOKEN is the activation token its launcher
gave it (XDG_ACTIVATION_TOKEN, Wayland), which a compositor asks for before it lets the first
instance's window come to the front. A start with texts to send (`--send`) knocks with `send [TOKEN]`, then one
line per text (base64 of its UTF-8) and an empty line; the first instance answers `sent` or `refused`, and the
second start says so. An instance of a version before this answers nothing: the texts count as not sent (they
used to be dropped without a word while the second start said all was well).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import logging
import os
import re
import sys
import time
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from desktop.core.runtime_dir import UnsafeRuntimeDir, owned_by_this_user, peer_uid, private_runtime_dir

if sys.platform == "win32":  # a named pipe: Python's socket has no AF_UNIX there
    from PySide6.QtNetwork import QLocalServer as LocalServer
    from PySide6.QtNetwork import QLocalSocket as LocalSocket
else:  # a Unix socket, as QLocalServer's on POSIX, without loading QtNetwork (#21: ~3 MB at start)
    from desktop.services.unix_socket import UnixServer as LocalServer
    from desktop.services.unix_socket import UnixSocket as LocalSocket

try:
    import fcntl
except ImportError:  # Windows: the named pipe alone decides (no flock)
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_MS = 500
LISTEN_WAIT_MS = 3000  # how long a later start knocks often, waiting for the first one (holding the lock) to listen
REPLY_WAIT_MS = 5000  # how long a start that hands over texts waits for the first one to say it took them
MAX_KNOCK_BYTES = 4 * 1024 * 1024  # a peer that sent more than this (a hand-over too big) is refused and hung up on
LOCK_WAIT_MS = 10_000  # how long it waits for one that does not answer (quitting) to let go of the lock
_TOKEN = re.compile(r"[\x21-\x7e]{1,512}")  # printable ASCII, no spaces: what compositors hand out


def instance_name(profile_dir: Path) -> str:
    digest = hashlib.sha1(str(profile_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    user = os.environ.get("USER") or os.environ.get("USERNAME") or "user"
    return f"coze-desktop-{user}-{digest}"


def instance_address(profile_dir: Path) -> str:
    """Where the instance listens: a full socket path in the user's private runtime folder on POSIX,
    a name (a per-user named pipe) elsewhere. Raises UnsafeRuntimeDir."""
    name = instance_name(profile_dir)
    if os.name != "posix":
        return name
    return str(private_runtime_dir() / name)


class _Connected(Protocol):
    def socketDescriptor(self) -> int: ...


def is_same_user(socket: _Connected, address: str) -> bool:
    """True when the connected peer runs as this user: its credentials where the OS gives them, else
    the owner of the socket file."""
    uid = peer_uid(int(socket.socketDescriptor()))
    if uid is not None:
        return uid == os.getuid()
    return os.name != "posix" or owned_by_this_user(Path(address))


class SingleInstance(QObject):
    """`claim()` is True for the first instance; a later one gets False after asking it to show itself.

    Signal: activationRequested(str token) — in the first instance, when another start asked for the
    window; `token` is that start's activation token ("" without one).

    `claim(texts)` of a later start hands `texts` over to the first instance, whose receiver (`set_receiver`)
    takes them or not; `handed_over` then says whether they were taken (True when there were none).
    """

    activationRequested = Signal(str)

    def __init__(self, profile_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._profile_dir = profile_dir
        self._server: LocalServer | None = None
        self._lock: int | None = None  # the lock file's descriptor while this is the first instance
        self._texts: tuple[str, ...] = ()
        self._receiver: Callable[[list[str]], bool] | None = None
        self.handed_over = True

    def set_receiver(self, receiver: Callable[[list[str]], bool]) -> None:
        """What takes the texts a later start hands over (True when it took them); without one they are refused."""
        self._receiver = receiver

    def claim(self, texts: Sequence[str] = ()) -> bool:
        self._texts = tuple(text for text in texts if text)  # (an empty one would end the knock; --send skips it)
        try:
            address = instance_address(self._profile_dir)
        except UnsafeRuntimeDir as exc:
            log.warning("running without the single-instance check: %s", exc)
            return True
        if not self._take_lock(address) and not self._defer_or_follow(address):
            return False
        if self._knock(address):  # (an instance of a version without the lock)
            self._let_go()
            return False
        LocalServer.removeServer(address)  # a stale socket left by a crashed instance (we hold the lock)
        server = LocalServer(self)
        server.setSocketOptions(LocalServer.SocketOption.UserAccessOption)
        if not server.listen(address):
            log.warning("cannot listen at %s: %s", address, server.errorString())
            return True  # run anyway rather than refuse to start
        server.newConnection.connect(self._on_connection)
        self._server = server
        app = QCoreApplication.instance()
        if app is not None:  # from then on it is shutting down: a knock would hand over to a window about to go
            app.aboutToQuit.connect(self.stop_listening)
        return True

    def _defer_or_follow(self, address: str) -> bool:
        """Another start holds the lock: False once it answers (it listens now, or very soon); True when it let go
        of the lock meanwhile (it was quitting: this start is first now, and holds the lock). One that neither
        answers nor lets go within LOCK_WAIT_MS (it could not listen) is deferred to as well."""
        listen_by = time.monotonic() + LISTEN_WAIT_MS / 1000
        give_up = time.monotonic() + LOCK_WAIT_MS / 1000
        while not self._knock(address):
            if self._take_lock(address):
                return True
            if time.monotonic() >= give_up:
                log.warning("another start holds the profile but does not answer: not starting a second window")
                return False
            QThread.msleep(50 if time.monotonic() < listen_by else 200)
        return False

    def stop_listening(self) -> None:
        """No more knocks are answered (the lock is kept until `release`): the application is quitting."""
        app = QCoreApplication.instance()
        if app is not None and self._server is not None:
            with contextlib.suppress(RuntimeError):  # (never connected)
                app.aboutToQuit.disconnect(self.stop_listening)
        if self._server is not None:
            self._server.close()
            self._server = None

    @property
    def address(self) -> str | None:
        return self._server.fullServerName() if self._server is not None else None

    def release(self) -> None:
        self.stop_listening()
        self._let_go()

    def _take_lock(self, address: str) -> bool:
        """True when this start holds the instance lock (always where there is no flock)."""
        if fcntl is None:
            return True
        try:
            fd = os.open(address + ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            log.warning("cannot open the instance lock: %s", exc)
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._lock = fd
        return True

    def _let_go(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # (closing lets go of the flock)
            self._lock = None

    def _knock(self, address: str) -> bool:
        if not self._texts:
            return _knock(address)
        answer = _hand_over(address, self._texts)
        self.handed_over = answer == "sent"
        return answer is not None

    def _on_connection(self) -> None:
        assert self._server is not None
        receive = weakref.WeakMethod(self._receive)  # (a strong one: this outlives its server, which dies under it)
        while (connection := self._server.nextPendingConnection()) is not None:
            _Knock(
                connection,
                self.activationRequested.emit,
                lambda texts: (taker := receive()) is not None and taker(texts),
            )

    def _receive(self, texts: list[str]) -> bool:
        return self._receiver is not None and self._receiver(texts)


def _knock(address: str) -> bool:
    """Ask the instance listening at `address` to show itself; False when none of this user's answers."""
    return _hand_over(address, ()) is not None


def _hand_over(address: str, texts: Sequence[str]) -> str | None:
    """Ask the instance listening at `address` to show itself (and take `texts`); None when none of this user's
    answers, else its answer to texts: "sent", "refused", or "" (none: an older version, or too slow)."""
    socket = LocalSocket()
    socket.connectToServer(address)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return None
    if not is_same_user(socket, address):
        log.warning("another user's process listens at %s: not deferring to it", address)
        socket.abort()
        return None
    token = os.environ.get("XDG_ACTIVATION_TOKEN", "")
    word = "send" if texts else "activate"
    knock = f"{word} {token}" if _TOKEN.fullmatch(token) else word
    lines = [knock.encode("ascii")] + [base64.b64encode(text.encode("utf-8")) for text in texts]
    socket.write(b"\n".join(lines) + (b"\n\n" if texts else b"\n"))
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    answer = b""
    if texts:
        deadline = time.monotonic() + REPLY_WAIT_MS / 1000
        while b"\n" not in answer and socket.state() == LocalSocket.LocalSocketState.ConnectedState:
            left = int((deadline - time.monotonic()) * 1000)
            if left <= 0 or not socket.waitForReadyRead(left):
                break
            answer += bytes(socket.readAll())
        answer += bytes(socket.readAll())
    socket.disconnectFromServer()
    return answer.split(b"\n", 1)[0].decode("ascii", "replace").strip()


def knock_token(line: bytes) -> str:
    """The activation token of a knock line ("" for none or for anything that is not one)."""
    word, _, rest = line.decode("ascii", "replace").strip().partition(" ")
    return rest if word in ("activate", "send") and _TOKEN.fullmatch(rest) else ""


def handed_texts(buffer: bytes) -> list[str] | None:
    """The texts of a complete `send` knock (its lines up to the empty one); None when it is not one, or is cut."""
    head, _, rest = buffer.partition(b"\n")
    if head.split(b" ", 1)[0].strip() != b"send" or b"\n\n" not in b"\n" + rest:
        return None
    try:
        return [base64.b64decode(line, validate=True).decode("utf-8") for line in rest.split(b"\n\n", 1)[0].split()]
    except (binascii.Error, UnicodeDecodeError):
        return None


class _Knock(QObject):
    """One connection's knock: answered once, at its first line (a `send` knock: at its empty line, with a reply)
    or when the peer hangs up."""

    def __init__(
        self, connection: LocalSocket, answer: Callable[[str], object], receive: Callable[[list[str]], bool]
    ) -> None:
        super().__init__(connection)
        self._connection = connection
        self._answer: Callable[[str], object] | None = answer
        self._receive = receive
        self._buffer = b""
        self._gone = False  # the peer hung up, or was hung up on
        connection.readyRead.connect(self._read)
        connection.disconnected.connect(self._hung_up)
        if connection.bytesAvailable():
            self._read()
        if connection.state() == LocalSocket.LocalSocketState.UnconnectedState:  # gone before we looked
            self._hung_up()

    def _read(self) -> None:
        if not shiboken6.isValid(self._connection):  # being destroyed (the server closed under it)
            return
        self._buffer += bytes(self._connection.readAll())
        if len(self._buffer) > MAX_KNOCK_BYTES:
            self._hang_up_on()
        elif self._buffer.startswith(b"send"):
            if b"\n\n" in self._buffer:
                self._take_texts()
        elif b"\n" in self._buffer:
            self._done()

    def _take_texts(self) -> None:
        if self._answer is None:
            return
        self._done()  # the window comes to the front first, then the texts go in
        texts = handed_texts(self._buffer)
        taken = texts is not None and self._receive(texts)
        connected = LocalSocket.LocalSocketState.ConnectedState
        if shiboken6.isValid(self._connection) and self._connection.state() == connected:
            self._connection.write(b"sent\n" if taken else b"refused\n")
            self._connection.flush()

    def _hung_up(self) -> None:
        if self._gone:
            return
        self._gone = True
        self._read()
        self._done()
        if shiboken6.isValid(self._connection):
            self._connection.disconnected.disconnect(self._hung_up)  # its destructor says it once more
            self._connection.deleteLater()

    def _hang_up_on(self) -> None:
        """Too much came (a peer writing without end, or texts too big to take): the window is asked for as the knock
        wanted, its texts refused, and the connection closed, so the peer stops."""
        if self._answer is not None and self._buffer.startswith(b"send"):
            self._connection.write(b"refused\n")
            self._connection.flush()
        self._done()
        self._buffer = b""
        self._connection.abort()  # (Qt's says disconnected() here, ours does not)
        self._hung_up()

    def _done(self) -> None:
        answer, self._answer = self._answer, None
        if answer is not None:
            answer(knock_token(self._buffer.split(b"\n", 1)[0]))
