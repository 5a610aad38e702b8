"""One window per profile: a second start hands over to the first (which comes to the front).

The name is derived from the profile path, so two profiles can run side by side. On POSIX the socket
lives in a folder only this user can write (see `desktop.core.runtime_dir`), and before deferring to
a running instance the peer is checked to be this same user: nobody else can squat the name and make
the app quit at start.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.core.runtime_dir import UnsafeRuntimeDir, owned_by_this_user, peer_uid, private_runtime_dir

log = logging.getLogger(__name__)
CONNECT_TIMEOUT_MS = 500


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


def is_same_user(socket: QLocalSocket, address: str) -> bool:
    """True when the connected peer runs as this user: its credentials where the OS gives them, else
    the owner of the socket file."""
    uid = peer_uid(int(socket.socketDescriptor()))
    if uid is not None:
        return uid == os.getuid()
    return os.name != "posix" or owned_by_this_user(Path(address))


class SingleInstance(QObject):
    """`claim()` is True for the first instance; a later one gets False after asking it to show itself.

    Signal: activationRequested() — in the first instance, when another start asked for the window.
    """

    activationRequested = Signal()

    def __init__(self, profile_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._profile_dir = profile_dir
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        try:
            address = instance_address(self._profile_dir)
        except UnsafeRuntimeDir as exc:
            log.warning("running without the single-instance check: %s", exc)
            return True
        socket = QLocalSocket()
        socket.connectToServer(address)
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            if is_same_user(socket, address):
                socket.write(b"activate\n")
                socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
                socket.disconnectFromServer()
                return False
            log.warning("another user's process listens at %s: not deferring to it", address)
            socket.abort()
        QLocalServer.removeServer(address)  # a stale socket left by a crashed instance
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(address):
            log.warning("cannot listen at %s: %s", address, server.errorString())
            return True  # run anyway rather than refuse to start
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    @property
    def address(self) -> str | None:
        return self._server.fullServerName() if self._server is not None else None

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _on_connection(self) -> None:
        assert self._server is not None
        while (connection := self._server.nextPendingConnection()) is not None:
            connection.readyRead.connect(lambda c=connection: c.readAll())  # drain; the message is the knock
            connection.disconnected.connect(connection.deleteLater)
            self.activationRequested.emit()
