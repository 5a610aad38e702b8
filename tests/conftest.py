"""Test-wide setup: offscreen Qt, an in-memory keyring, and a private HOME so no test touches real data."""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt widgets: without a display Qt would abort the whole process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if "XDG_RUNTIME_DIR" not in os.environ:  # QStandardPaths warns without it
    _runtime = tempfile.mkdtemp(prefix="coze-desktop-runtime-")
    os.chmod(_runtime, 0o700)
    os.environ["XDG_RUNTIME_DIR"] = _runtime

import keyring
import pytest
from hypothesis import settings as hypothesis_settings

from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer
from desktop.core.heap import collect_due
from tests.coze_fixtures import TOKEN
from tests.draft_gate import gate  # noqa: F401 (a fixture: a saved draft's content check held until a test opens it)
from tests.memory_keyring import MemoryKeyring
from tests.small_disk import disk  # noqa: F401 (a fixture: a small tmpfs to fill, for full-disk tests)

# Property tests draw the same examples on every run and every machine (and keep no example database
# between runs): a test that passed once passes again, and one that fails names its example for good.
# Randomised search belongs in a deliberate long run (`--hypothesis-profile=explore`), not in every test run.
hypothesis_settings.register_profile("deterministic", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", derandomize=False, database=None)
hypothesis_settings.load_profile("deterministic")


# The cyclic collector runs on the main thread only, between tests, as the window runs it on its thread
# (desktop/services/gui_collector.py): left automatic, a worker thread's allocation once collected a PySide
# object in a cycle on that worker, and its destructor and the GUI thread deadlocked the whole run.
gc.disable()


def pytest_runtest_teardown(item: pytest.Item) -> None:
    collect_due()


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Widgets the last test closed (pytest-qt calls deleteLater on them) are deleted before this test
    starts. Left to the next event loop, they were deleted inside this test, beside its worker threads:
    once a PDF export's layout worker (holding the GIL in QTextDocument.size) and the GUI thread deleting
    an earlier test's menu bar (holding a Qt lock, wanting the GIL) deadlocked a whole test run."""
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QEvent

        if QCoreApplication.instance() is not None:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own HOME and XDG dirs and no Coze environment from the developer's shell."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name in ("COZE_API_TOKEN", "COZE_API_BASE", "COZE_BOT_ID"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The in-memory keyring backend for every test; the real Secret Service test opts out."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def server() -> Iterator[CozeServer]:
    """A live local Coze server on a loopback port, full speed, accepting tests.coze_fixtures.TOKEN."""
    with CozeServer(accepted_tokens={TOKEN}, pace=0.0, language="en") as srv:
        yield srv


@pytest.fixture
def client(server: CozeServer) -> Iterator[CozeClient]:
    with CozeClient(TOKEN, server.base_url, read_timeout=10) as cli:
        yield cli
