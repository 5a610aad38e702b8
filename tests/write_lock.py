"""Another process holding the history's write lock, as a long import, a sync or an `ask` does: a real
SQLite `BEGIN IMMEDIATE` in a child process, held until `release()`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import TracebackType

_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
print("released", flush=True)
"""


class WriteLock:
    """`with WriteLock(path):` holds the write lock of the database at `path` in another process."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._process: subprocess.Popen[str] | None = None

    def hold(self) -> WriteLock:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(self._path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self._process.stdout is not None
        assert self._process.stdout.readline().strip() == "locked"
        return self

    def release(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write("\n")
        process.stdin.flush()
        assert process.stdout.readline().strip() == "released"
        process.stdin.close()
        process.stdout.close()
        process.wait(10)

    def __enter__(self) -> WriteLock:
        return self.hold()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
