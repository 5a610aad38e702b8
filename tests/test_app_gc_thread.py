"""Python's cyclic garbage collector runs on the window's thread only (services/gui_collector.py).

Found in a CI run of the suite: a chat worker's allocation set off a collection that destroyed a PySide
object in a reference cycle on the worker; its destructor held Qt's lock and waited for the GIL, the GUI
thread held the GIL and waited for that lock in a connect, and the process hung for good."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.profile import Profile
from tests.test_app_session import close_app, open_app


def test_no_collection_runs_on_a_worker_thread_while_the_window_is_open(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    gc.enable()  # as a process starts (the suite keeps it off: tests/conftest.py)
    app = open_app(qapp, Profile(tmp_path / "profile").ensure())
    collected_on: list[int] = []

    def seen(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collected_on.append(threading.get_ident())

    gc.callbacks.append(seen)
    try:
        app.start(demo=True)

        def allocate_cycles() -> None:  # what a worker's parsing does: plenty of young container objects
            for _ in range(20_000):
                cycle: list[object] = []
                cycle.append(cycle)

        worker = threading.Thread(target=allocate_cycles)
        worker.start()
        worker.join()
        assert worker.ident not in collected_on
        qtbot.waitUntil(lambda: threading.main_thread().ident in collected_on, timeout=5000)
        assert set(collected_on) == {threading.main_thread().ident}
    finally:
        gc.callbacks.remove(seen)
        close_app(app)
        gc.disable()
