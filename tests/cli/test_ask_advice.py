"""After a Coze error `ask` says what to do with the command line (a verb, a flag, an environment
variable), never the window's pages and buttons, in the profile's language; the real errors of the local
Coze server: a token it does not take, an unknown bot, a conversation it does not have."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from tests.cli.verbs import run_ask as run

WINDOW_WORDS = ("Settings", "设置", "Continue in a new Coze conversation", "paste", "粘贴", "in the box")
UNKNOWN_COZE_CONVERSATION = "7400000000000000001"


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


def _error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if not line.startswith("conversation:")]
    assert len(lines) == 1, err
    return lines[0]


def _says_no_window_words(line: str) -> None:
    assert not [word for word in WINDOW_WORDS if word in line], line


@pytest.mark.usefixtures("english")
def test_a_token_coze_does_not_take_names_login_and_the_variable(
    env: CozeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("COZE_API_TOKEN", "pat_not_one_the_server_knows")
    code, _, err = run(capsys, tmp_path, "hello")
    line = _error_line(err)
    assert code == 1 and "4100" in line and "logid" in line
    assert "coze-desktop login" in line and "COZE_API_TOKEN" in line
    _says_no_window_words(line)


@pytest.mark.usefixtures("english")
def test_an_unknown_conversation_names_new(env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, tmp_path, "--conversation-id", UNKNOWN_COZE_CONVERSATION, "hello")
    line = _error_line(err)
    assert code == 1 and "4002" in line
    assert "Coze no longer has this conversation." in line and "--new" in line
    _says_no_window_words(line)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("code", "flag"),
    [(4015, "--api-base"), (4016, "--new"), (4200, "--bot-id"), (4010, "--new"), (4102, "ask again")],
)
def test_coze_codes_name_the_flags(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, code: int, flag: str
) -> None:
    env.queue(Scenario("json_error", code=code))
    exit_code, _, err = run(capsys, tmp_path, "hello")
    line = _error_line(err)
    assert exit_code == 1 and f"Coze code {code}" in line and flag in line
    _says_no_window_words(line)


@pytest.mark.usefixtures("chinese")
def test_in_chinese_the_advice_names_the_same_flags(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, tmp_path, "--conversation-id", UNKNOWN_COZE_CONVERSATION, "hello")
    line = _error_line(err)
    assert code == 1 and "扣子上已经没有这个会话了。" in line and "加上 --new" in line
    _says_no_window_words(line)


@pytest.mark.usefixtures("english")
def test_the_profiles_language_setting_wins_over_the_environment(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    settings = Settings.load(profile.settings_path)
    settings.language = "zh_CN"
    settings.save(profile.settings_path)
    env.queue(Scenario("json_error", code=4015))
    code, _, err = run(capsys, tmp_path, "hello")
    line = _error_line(err)
    assert code == 1 and "--api-base 或 COZE_API_BASE" in line
    _says_no_window_words(line)
