"""A keyring backend in one JSON file, for tests that need several processes to share a keyring.

Test infrastructure only (the app refuses file-backed keyrings): it stands in for the OS keyring
service that real processes share. Writes are atomic and serialised with a file lock.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 0.5  # type: ignore[assignment]  # below any real keyring, should keyring ever pick it itself

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self._path = path

    @property
    def path(self) -> Path:
        return self._path or Path(os.environ["TEST_KEYRING_FILE"])

    def _edit(self, change: str, key: str, value: str | None = None) -> str | None:
        with open(self.path.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = json.loads(self.path.read_text()) if self.path.exists() else {}
            old = data.get(key)
            if change == "set":
                data[key] = value
            elif change == "delete":
                data.pop(key, None)
            if change != "get":
                tmp = self.path.with_suffix(".tmp")
                tmp.write_text(json.dumps(data))
                os.replace(tmp, self.path)
            return old if isinstance(old, str) else None

    def get_password(self, service: str, username: str) -> str | None:
        return self._edit("get", f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self._edit("set", f"{service}\0{username}", password)

    def delete_password(self, service: str, username: str) -> None:
        if self._edit("delete", f"{service}\0{username}") is None:
            raise PasswordDeleteError(username)
