"""The `gate` fixture: the content check of a saved draft's files (our own, the real one) waits until a test opens
the gate, so a test can act while the check runs (tests/draft_restart.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from desktop.core.attachments import held


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The draft's content check (our own, the real one) waits until the test opens this gate."""
    opened = threading.Event()
    real: Callable[..., bool] = held.holds

    def gated(*args: object) -> bool:
        assert opened.wait(20)
        return real(*args)

    monkeypatch.setattr(held, "holds", gated)
    yield opened
    opened.set()  # (a check still waiting must end before the app's threads are waited for)
