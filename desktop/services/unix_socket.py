"""A Unix-domain socket server and socket with the few members of QLocalServer/QLocalSocket that
`single_instance` uses, made of Python's `socket` and a QSocketNotifier (#21).

Why not Qt's: QtNetwork (libQt6Network, its binding and the Kerberos libraries it links) was loaded at
every start for this one socket, ~3 MB of the window's memory. On POSIX QLocalServer is a Unix socket at
the given path too, so either end still talks to the other's (an older version's window, Qt's client).
Windows has no AF_UNIX in Python: `single_instance` uses QtNetwork's named pipe there.

The server side reads on the event loop (a notifier per connection, never blocking); the starting side
blocks with timeouts, as QLocalSocket's `waitFor…` calls did.
"""

from __future__ import annotations

import enum
import os
import socket
import time
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, Signal

_READ_SIZE = 65536
_READS_AT_ONCE = 16  # (1 MB an event)


class UnixSocket(QObject):
    """One connection. Signals: readyRead() when bytes came (read them with `readAll`), disconnected() once
    the peer hung up or the connection was closed (accepted connections only: the starting side waits)."""

    readyRead = Signal()
    disconnected = Signal()

    class LocalSocketState(enum.Enum):
        UnconnectedState = 0
        ConnectedState = 3

    def __init__(self, parent: QObject | None = None, connection: socket.socket | None = None) -> None:
        super().__init__(parent)
        self._socket = connection
        self._address = ""
        self._buffer = b""
        self._unsent = b""
        self._notifier: QSocketNotifier | None = None
        if connection is not None:  # accepted by a UnixServer: read on the event loop
            connection.setblocking(False)
            self._notifier = QSocketNotifier(connection.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._readable)

    def connectToServer(self, address: str) -> None:
        self._address = address

    def waitForConnected(self, msecs: int) -> bool:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(msecs / 1000)
        try:
            connection.connect(self._address)
        except OSError:  # none there, a stale socket file (refused), or too slow
            connection.close()
            return False
        self._socket = connection
        return True

    def socketDescriptor(self) -> int:
        return self._socket.fileno() if self._socket is not None else -1

    def state(self) -> UnixSocket.LocalSocketState:
        return (
            self.LocalSocketState.ConnectedState if self._socket is not None else self.LocalSocketState.UnconnectedState
        )

    def bytesAvailable(self) -> int:
        return len(self._buffer)

    def readAll(self) -> bytes:
        data, self._buffer = self._buffer, b""
        return data

    def write(self, data: bytes) -> int:
        """Queues `data`: the starting side sends it in `waitForBytesWritten`/`waitForReadyRead`, as Qt's does;
        an accepted connection sends its short answers at once (they fit the socket's buffer). -1 when gone."""
        if self._socket is None:
            return -1
        self._unsent += data
        if self._notifier is not None:
            self._send(time.monotonic())
        return len(data)

    def flush(self) -> bool:
        return self._socket is not None

    def waitForBytesWritten(self, msecs: int) -> bool:
        return self._send(time.monotonic() + msecs / 1000)

    def waitForReadyRead(self, msecs: int) -> bool:
        """Blocks up to `msecs` for bytes from the peer (the starting side), sending what is queued first; False
        at a time-out or hang-up."""
        deadline = time.monotonic() + msecs / 1000
        if self._socket is None or not self._send(deadline):
            return False
        self._socket.settimeout(max(deadline - time.monotonic(), 0.001))
        try:
            data = self._socket.recv(_READ_SIZE)
        except TimeoutError:
            return False
        except OSError:
            data = b""
        if not data:
            self._close()
            return False
        self._buffer += data
        return True

    def _send(self, deadline: float) -> bool:
        """Sends what is queued until `deadline`; True once all of it went (what is left stays queued)."""
        while self._unsent and self._socket is not None:
            self._socket.settimeout(max(deadline - time.monotonic(), 0) if self._notifier is None else 0)
            try:
                sent = self._socket.send(self._unsent)
            except (TimeoutError, BlockingIOError):
                return False
            except OSError:
                self._close()
                return False
            self._unsent = self._unsent[sent:]
        return self._socket is not None

    def disconnectFromServer(self) -> None:
        self._close()

    def abort(self) -> None:
        self._close()

    def _readable(self) -> None:
        """Reads what came, _READS_AT_ONCE reads at most (the notifier comes again while there is more): a peer
        writing without end cannot keep the event loop here, nor fill the memory before the reader sees it."""
        if self._socket is None:
            return
        came, ended = b"", False
        for _read in range(_READS_AT_ONCE):
            try:
                data = self._socket.recv(_READ_SIZE)
            except BlockingIOError:
                break
            except OSError:
                data = b""
            if not data:
                ended = True
                break
            came += data
        if came:
            self._buffer += came
            self.readyRead.emit()
        if ended and self._socket is not None:
            self._close()
            self.disconnected.emit()

    def _close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None


class UnixServer(QObject):
    """Listens at a socket path; newConnection() when a peer connected (take it with `nextPendingConnection`:
    a UnixSocket whose parent is this server)."""

    newConnection = Signal()

    class SocketOption(enum.Enum):
        UserAccessOption = 1  # (always: the socket file is this user's only)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._socket: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._address = ""
        self._error = ""
        self._pending: list[UnixSocket] = []

    @staticmethod
    def removeServer(address: str) -> bool:
        """Removes a socket file left at `address` (by an instance that crashed); False when something there cannot
        be removed (a folder: `listen` then fails, as QLocalServer's)."""
        try:
            Path(address).unlink(missing_ok=True)
        except OSError:
            return False
        return True

    def setSocketOptions(self, options: UnixServer.SocketOption) -> None:
        pass

    def listen(self, address: str) -> bool:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind(address)
            os.chmod(address, 0o600)  # (its folder is this user's only too: see desktop.core.runtime_dir)
            server.listen(16)
        except OSError as exc:
            server.close()
            self._error = exc.strerror or str(exc)
            return False
        server.setblocking(False)
        self._socket, self._address = server, address
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def errorString(self) -> str:
        return self._error

    def fullServerName(self) -> str:
        return self._address

    def nextPendingConnection(self) -> UnixSocket | None:
        return self._pending.pop(0) if self._pending else None

    def close(self) -> None:
        """No more connections (the socket file goes, as QLocalServer's does); accepted ones stay."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None
            self.removeServer(self._address)
        self._address = ""

    def _accept(self) -> None:
        accepted = False
        while self._socket is not None:
            try:
                connection, _ = self._socket.accept()
            except (BlockingIOError, InterruptedError):
                break
            except OSError as exc:
                self._error = exc.strerror or str(exc)
                break
            self._pending.append(UnixSocket(self, connection))
            accepted = True
        if accepted:
            self.newConnection.emit()
