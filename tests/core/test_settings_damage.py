"""A damaged settings.ini (a hand edit, an editor's BOM, a few spoiled bytes) costs only its bad lines.

Before, any flaw made the whole file read as defaults, and the next start saved those defaults over it:
the region, the bot IDs and the installation's Coze user_id (which keys its conversations on Coze)
were gone without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.settings import Settings

GOOD = "[settings]\napi_base = https://api.coze.com\nbot_ids = 123,456\nuser_id = coze-desktop-keep-me\n"

DAMAGE = {
    "a key written twice": GOOD + "theme = dark\ntheme = light\n",
    "a byte-order mark (Notepad)": "\ufeff" + GOOD,
    "a line that is not a setting": GOOD + "this line is not a key = value pair\n<<<<<<< HEAD\n",
    "bytes that are not UTF-8": GOOD + "theme = dark\xff\xfe\n",
    "a section written twice": GOOD + "[settings]\ntheme = dark\n",
}


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("latin-1") if "\xff" in text else text.encode("utf-8"))


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=list(DAMAGE))
def test_the_readable_settings_of_a_damaged_file_are_kept(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "settings.ini"
    _write(path, damage)
    settings = Settings.load(path)
    assert (settings.api_base, settings.bot_ids, settings.user_id) == (
        "https://api.coze.com",
        ["123", "456"],
        "coze-desktop-keep-me",
    )


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=list(DAMAGE))
def test_a_start_after_the_damage_does_not_save_defaults_over_it(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "settings.ini"
    _write(path, damage)
    settings = Settings.load(path)  # what the window does at start
    if settings.ensure_user_id():
        settings.save(path)
    settings.font_size = 15
    settings.save(path)
    again = Settings.load(path)
    assert (again.api_base, again.bot_ids, again.user_id, again.font_size) == (
        "https://api.coze.com",
        ["123", "456"],
        "coze-desktop-keep-me",
        15,
    )


def test_a_damaged_file_is_kept_aside_before_it_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    damaged = DAMAGE["bytes that are not UTF-8"] + "<<<<<<< HEAD\n"
    _write(path, damaged)
    settings = Settings.load(path)
    settings.font_size = 15
    settings.save(path)
    assert (tmp_path / "settings.ini.damaged").read_bytes() == damaged.encode("latin-1")
    assert "<<<<<<<" not in path.read_text(encoding="utf-8")


def test_a_sound_file_leaves_nothing_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    _write(path, GOOD)
    settings = Settings.load(path)
    settings.font_size = 15
    settings.save(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.ini", "settings.ini.lock"]
