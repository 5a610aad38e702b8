"""COZE_API_TOKEN copied as a header ("Bearer pat_…", a trailing newline from `$(cat file)` or an editor) is cleaned
as a pasted token is (token_text.clean_token): every verb reaches the local Coze server with the bare token."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.cozeserver import CozeServer
from tests.cli.verbs import run_verb
from tests.coze_fixtures import BOT, TOKEN

COPIES = (f"Bearer {TOKEN}", f"  bearer {TOKEN}\n", f"Authorization: Bearer {TOKEN}\r\n", f"\t{TOKEN}\n")


@pytest.mark.parametrize("copied", COPIES)
def test_ask_bots_and_sync_clean_the_environment_token(
    copied: str,
    env: CozeServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("COZE_API_TOKEN", copied)
    code, out, err = run_verb(capsys, tmp_path, "ask", "hello")
    assert code == 0 and out.strip(), err
    code, out, err = run_verb(capsys, tmp_path, "bots", "--json")
    assert code == 0, err
    assert BOT in out
    code, out, err = run_verb(capsys, tmp_path, "sync", "--json", "--bot-id", BOT)
    assert code == 0, err
    assert json.loads(out)["bot_id"] == BOT
    sent = {r["headers"]["authorization"] for r in env.requests}
    assert sent == {f"Bearer {TOKEN}"}
