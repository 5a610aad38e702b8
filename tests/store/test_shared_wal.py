"""A history open in the window stays shared while the window's own threads open and close it too.

The search indexer, a sync and an import each open the history in the window's process beside its
connection. Reading the file's header with Python's open() and closing it let go of every POSIX lock
the process held on the file (the window connection's SHARED lock with it), so the next `coze-desktop
list` or `ask` to close took itself for the last user: it merged the -wal and deleted it under the
window. The window then read a frozen snapshot (ask's turns never showed) and wrote into a deleted
-wal: a kill -9 lost its answers since (found under Xvfb with the real app and `list`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.core.store import Store

ADD_A_CHAT = """
import sys
from desktop.core.store import Store
with Store.open(sys.argv[1]) as store:
    store.conversations.create("bot", "from another process")
"""


def test_another_process_closing_leaves_the_windows_wal_in_place(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    window = Store.open(path)
    try:
        window.conversations.create("bot", "the window's")
        with Store.open(path, integrity_check=False, recover_streaming=False):
            pass  # a thread of the window's process (the search indexer) opened it and closed it
        subprocess.run([sys.executable, "-c", ADD_A_CHAT, str(path)], check=True, timeout=60)

        assert path.with_name(path.name + "-wal").exists()
        titles = {c.title for c in window.conversations.page()}
        assert titles == {"the window's", "from another process"}
    finally:
        window.close()
