"""settings.ini is shared by several processes (the window, `ask`, `login`): no writer undoes another's
change, a reader never sees an empty or half file, and a save that changes nothing writes nothing."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.settings import Settings
from tests.coze_fixtures import BOT, TOKEN
from tests.store.conftest import child_env

WRITER = """
import sys
from pathlib import Path
from desktop.core.settings import Settings

path, field, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for i in range(1, rounds + 1):
    settings = Settings.load(path)  # read ...
    setattr(settings, field, i if field == "font_size" else f"{field}-{i}")  # ... modify ...
    settings.save(path)  # ... write
"""


def test_concurrent_writers_of_different_settings_keep_both_changes(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    Settings(theme="dark").save(path)
    rounds = 150
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), field, str(rounds)], env=child_env(), stderr=subprocess.PIPE
        )
        for field in ("font_size", "splitter_state", "window_geometry")
    ]
    seen_while_writing = 0
    while any(writer.poll() is None for writer in writers):
        parser = configparser.ConfigParser(interpolation=None)
        parser.read_string(path.read_text(encoding="utf-8"))  # never empty, never half a file
        assert parser.get("settings", "theme") == "dark"
        seen_while_writing += 1
    for writer in writers:
        _out, err = writer.communicate()
        assert writer.returncode == 0, err.decode()
    final = Settings.load(path)
    assert (final.font_size, final.splitter_state, final.window_geometry, final.theme) == (
        rounds,
        f"splitter_state-{rounds}",
        f"window_geometry-{rounds}",
        "dark",
    )
    assert seen_while_writing > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.ini", "settings.ini.lock"]


def test_a_save_that_changes_nothing_does_not_touch_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    Settings(theme="dark").save(path)
    before = path.stat()
    settings = Settings.load(path)
    settings.save(path)
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_stale_object_does_not_undo_a_newer_change(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    Settings().save(path)
    window = Settings.load(path)  # the window loaded its settings at start
    other = Settings.load(path)
    other.language = "zh_CN"  # meanwhile the settings dialog of... another process saved a language
    other.save(path)
    window.current_conversation = 7  # then the window saves what it changed
    window.save(path)
    final = Settings.load(path)
    assert (final.language, final.current_conversation) == ("zh_CN", 7)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, server: CozeServer) -> CozeServer:
    monkeypatch.setenv("COZE_API_TOKEN", TOKEN)
    monkeypatch.setenv("COZE_API_BASE", server.base_url)
    monkeypatch.setenv("COZE_BOT_ID", BOT)
    return server


def test_ask_does_not_rewrite_settings_it_did_not_change(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = tmp_path / "profile"
    env.queue(Scenario("framing", text="one"))
    assert main(["--profile", str(profile), "ask", "first"]) == 0
    settings_path = profile / "settings.ini"
    before = settings_path.stat()
    env.queue(Scenario("framing", text="two"))
    assert main(["--profile", str(profile), "ask", "second"]) == 0  # same conversation, same user
    after = settings_path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    capsys.readouterr()
