"""Shared by the CLI tests: the environment that points `ask` at the local Coze server."""

from __future__ import annotations

import pytest

from desktop.core.cozeserver import CozeServer
from tests.coze_fixtures import BOT, TOKEN


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, server: CozeServer) -> CozeServer:
    monkeypatch.setenv("COZE_API_TOKEN", TOKEN)
    monkeypatch.setenv("COZE_API_BASE", server.base_url)
    monkeypatch.setenv("COZE_BOT_ID", BOT)
    return server
