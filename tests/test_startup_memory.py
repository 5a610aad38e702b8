"""What start-up keeps in memory (#21): PySide6's per-import source check keeps no module's source,
settling the heap freezes start-up's objects out of later garbage collections, and the demo start
loads no keyring (Settings loads it, off the GUI thread) nor the Settings dialog and the PDF export."""

from __future__ import annotations

import gc
import linecache
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core import heap
from desktop.core.profile import Profile
from desktop.ui.qt_imports import lighten_pyside_imports
from desktop.ui.settings_dialog import SettingsDialog
from tests.memory_keyring import MemoryKeyring
from tests.test_app_session import close_app, open_app


def test_modules_imported_after_pyside6_leave_no_source_in_linecache() -> None:
    # A fresh interpreter: the check runs for imports after PySide6 only, as the app's are.
    code = textwrap.dedent(
        """
        import linecache
        from desktop.ui.qt_imports import lighten_pyside_imports
        assert lighten_pyside_imports()
        import desktop.ui.main_window
        kept = [name for name in linecache.cache if "/desktop/" in name]
        print(len(kept))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"QT_QPA_PLATFORM": "offscreen"}
    )
    assert result.stdout.strip() == "0"


def test_the_lighter_check_gives_pysides_answers() -> None:
    assert lighten_pyside_imports()
    feature = sys.modules["shibokensupport.feature"]
    import desktop.core.vocabulary as qt_free
    import desktop.ui.qt_imports as uses_qt

    assert feature._mod_uses_pyside(uses_qt) is True
    assert feature._mod_uses_pyside(qt_free) is False
    assert feature._mod_uses_pyside(sys) is False  # a built-in module: PySide6's own check answers
    linecache.clearcache()


def test_settle_freezes_what_start_up_built() -> None:
    thresholds = gc.get_threshold()
    try:
        heap.settle()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_after_settle_objects_a_long_answer_keeps_alive_set_off_no_full_collection() -> None:
    """#21: a flood's 30,000-50,000 live objects (the view's lines and pages) set off one or two full
    collections of 10-16 ms each on the window's thread; after settle a full collection waits far longer."""
    thresholds = gc.get_threshold()
    full: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    try:
        heap.settle()
        gc.callbacks.append(count)
        kept = [[] for _ in range(150_000)]  # (lists: tracked by the collector, alive until the end)
        assert len(kept) == 150_000
        assert full == []
    finally:
        gc.callbacks.remove(count)
        gc.unfreeze()
        gc.set_threshold(*thresholds)


# What finding the keyring's backend loads: its plugins (an entry-point scan), SecretStorage and its
# D-Bus client, cryptography's OpenSSL (#21: ~11 MB of the demo start's RSS).
KEYRING_MODULES = ("keyring", "keyring.backends.SecretService", "secretstorage", "jeepney", "cryptography")
# What the window imports when it is first opened, not at start (#21: ~0.7 MB of Python heap).
UNSHOWN_UI = (
    "desktop.ui.settings_dialog",
    "desktop.ui.settings.account_page",
    "desktop.ui.pdf_export",
    "desktop.ui.image_preview",
    "desktop.ui.shortcut_form",
    "desktop.ui.shortcuts_dialog",
)


def _demo_start(tmp_path: Path, after: str, before: str = "") -> subprocess.CompletedProcess[str]:
    """A `--demo --smoke` start through the app's entry point in a fresh interpreter: `before`, the start,
    then `after`."""
    code = textwrap.dedent(before) + textwrap.dedent(
        f"""
        import sys
        from desktop.cli import main
        code = main(["--profile", {str(tmp_path / "profile")!r}, "--demo", "--smoke"])
        """
    )
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    for folder in (home, runtime):
        folder.mkdir(mode=0o700)
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime), "LANG": "C.UTF-8"}
    return subprocess.run(
        [sys.executable, "-c", code + textwrap.dedent(after)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_a_demo_start_loads_no_keyring_nor_the_dialogs_it_does_not_show(tmp_path: Path) -> None:
    result = _demo_start(
        tmp_path,
        f"""
        print("loaded:", sorted(name for name in {KEYRING_MODULES!r} if name in sys.modules))
        print("unshown:", sorted(name for name in {UNSHOWN_UI!r} if name in sys.modules))
        print("window:", "desktop.ui.main_window" in sys.modules, "exit:", code)
        """,
    )
    assert "loaded: []" in result.stdout, result.stdout + result.stderr
    assert "unshown: []" in result.stdout, result.stdout + result.stderr
    assert "window: True exit: 0" in result.stdout, result.stdout + result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="Windows' single instance is QtNetwork's named pipe")
def test_a_window_start_does_not_load_qt_network(tmp_path: Path) -> None:
    # The single-instance socket was QLocalServer's: libQt6Network, its binding and Kerberos, ~3 MB (#21).
    result = _demo_start(tmp_path, 'print("network:", "PySide6.QtNetwork" in sys.modules, "exit:", code)')
    assert "network: False exit: 0" in result.stdout, result.stdout + result.stderr


def test_a_demo_start_loads_no_character_set_guesser_and_requests_warns_nothing(tmp_path: Path) -> None:
    # requests loads charset_normalizer (3.2 MiB) for `Response.text`'s guess, which the app never asks
    # for; without it, requests warns at its import unless told not to (#21, desktop/core/requests_loading.py).
    result = _demo_start(
        tmp_path,
        """
        guessers = [name for name in ("chardet", "charset_normalizer") if sys.modules.get(name) is not None]
        print("guessers:", guessers, "requests:", "requests" in sys.modules, "exit:", code)
        """,
        before='import warnings\nwarnings.filterwarnings("error", module="requests")\n',
    )
    assert "guessers: [] requests: True exit: 0" in result.stdout, result.stdout + result.stderr


@pytest.mark.skipif(not heap.is_glibc(), reason="glibc's malloc only")
def test_the_windows_threads_share_two_malloc_arenas_on_glibc(tmp_path: Path) -> None:
    # glibc gives each thread that allocates an arena of its own (up to 8 per core; a demo start made ~10,
    # each keeping the pages its thread freed): the window's start caps them at two (#21).
    result = _demo_start(
        tmp_path,
        """
        import ctypes
        print("exit:", code, flush=True)
        ctypes.CDLL(None).malloc_stats()  # to stderr: an "Arena N:" paragraph per arena
        """,
    )
    assert "exit: 0" in result.stdout, result.stdout + result.stderr
    arenas = [line for line in result.stderr.splitlines() if line.startswith("Arena ")]
    assert 1 <= len(arenas) <= 2, result.stderr


class _RecordingKeyring(MemoryKeyring):
    """The in-memory backend; once armed, it notes the thread that first checks it and holds that check until
    told (unarmed it is MemoryKeyring: keyring's own discovery instantiates every backend class)."""

    def __init__(self) -> None:
        super().__init__()
        self.armed = False
        self.checked_on: list[threading.Thread] = []
        self.release = threading.Event()

    @property
    def priority(self) -> float:  # type: ignore[override]
        if self.armed and not self.checked_on:
            self.checked_on.append(threading.current_thread())
            self.release.wait(10)
        return 1


def test_settings_loads_the_keyring_off_the_gui_thread_once(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    backend = _RecordingKeyring()
    keyring.set_keyring(backend)
    app = open_app(qapp, Profile(tmp_path / "profile").ensure())
    app.start(demo=True)
    assert not app.destinations.tokens.loaded  # the demo start never asked the keyring
    backend.armed = True
    seen: list[object] = []

    def second_click() -> None:  # while the first one waits for the keyring: the window still runs
        seen.append(app.keyring.loading)
        app.open_settings()  # returns at once: one load, one dialog
        backend.release.set()
        QTimer.singleShot(10, close_dialog)

    def close_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, close_dialog)
            return
        assert isinstance(dialog, SettingsDialog)
        seen.append("dialog")
        dialog.reject()

    QTimer.singleShot(0, second_click)
    app.open_settings()
    assert backend.checked_on and backend.checked_on[0] is not threading.main_thread()
    assert seen == [True, "dialog"]
    assert app.destinations.tokens.loaded and not app.keyring.loading
    assert app.keyring.ready()  # loaded: no second load
    close_app(app)


def test_the_heap_is_trimmed_once_an_answer_ends_and_after_an_export(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    # What an answer, a left conversation or an export freed goes back to the system once nothing streams (#21).
    app = open_app(qapp, Profile(tmp_path / "profile").ensure())
    app.start(demo=True)
    streaming_at_trim: list[list[int]] = []
    app.idle_trim.trimmed.connect(lambda: streaming_at_trim.append(app.chats.busy_conversations))
    with qtbot.waitSignal(app.chats.busyChanged, timeout=10_000, check_params_cb=lambda _c, busy: not busy):
        app.window.send("hello")
    with qtbot.waitSignal(app.idle_trim.trimmed, timeout=5_000):
        pass  # the answer ended
    with qtbot.waitSignal(app.idle_trim.trimmed, timeout=10_000):
        app.history.start_export(tmp_path / "export.json", None, "json")
    assert streaming_at_trim and all(busy == [] for busy in streaming_at_trim)
    close_app(app)
