"""A whole CLI session with a known token: afterwards no file in the profile holds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.cozeserver import CozeServer, Scenario
from tests.coze_fixtures import BOT, TOKEN


def files_containing(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_token_never_reaches_the_profile(
    server: CozeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "profile"
    monkeypatch.setenv("COZE_API_TOKEN", TOKEN)
    base = ["--profile", str(profile)]
    assert main([*base, "ask", "--api-base", server.base_url, "--bot-id", BOT, "hello"]) == 0
    server.queue(Scenario("json_error", code=4100))
    assert main([*base, "ask", "--api-base", server.base_url, "--bot-id", BOT, "again"]) == 1
    export = tmp_path / "export.json"
    assert main([*base, "export", "--format", "json", "-o", str(export)]) == 0
    out, err = capsys.readouterr()
    assert TOKEN not in out and TOKEN not in err
    assert list(profile.rglob("*.sqlite3")), "the session wrote history"
    assert files_containing(profile, TOKEN.encode()) == []
    assert TOKEN.encode() not in export.read_bytes()
