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


@pytest.mark.parametrize("typed", [f"{TOKEN}中", f"{TOKEN}\x7f", f"{TOKEN}é"])
def test_a_token_with_a_character_no_token_has_is_one_sentence_and_never_sent(
    typed: str, env: CozeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Coze's tokens are printable ASCII. One with another character (a Chinese one typed into the variable, a
    control character from a file) could not even be put in a request (requests: UnicodeEncodeError, a traceback),
    or went as Latin-1 bytes: it is the token's problem, said as such, and nothing is sent."""
    monkeypatch.setenv("COZE_API_TOKEN", typed)
    for verb in (("ask", "hello"), ("bots",), ("sync", "--bot-id", BOT)):
        code, _out, err = run_verb(capsys, tmp_path, *verb)
        assert code != 0 and "Traceback" not in err, err
        assert "not accept your sign-in or access token" in err, err
    assert env.requests == []
