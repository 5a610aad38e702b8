from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.profile import Profile, default_profile_dir

HOME = Path("/home/ada")


def test_linux_uses_xdg_data_home() -> None:
    env = {"XDG_DATA_HOME": "/data/xdg"}
    assert default_profile_dir(platform="linux", environ=env, home=HOME) == Path("/data/xdg/coze-desktop")


@pytest.mark.parametrize("env", [{}, {"XDG_DATA_HOME": ""}, {"XDG_DATA_HOME": "relative/dir"}])
def test_linux_falls_back_to_local_share(env: dict[str, str]) -> None:
    assert default_profile_dir(platform="linux", environ=env, home=HOME) == HOME / ".local/share/coze-desktop"


def test_macos() -> None:
    expected = HOME / "Library" / "Application Support" / "coze-desktop"
    assert default_profile_dir(platform="darwin", environ={}, home=HOME) == expected


def test_windows_uses_appdata() -> None:
    env = {"APPDATA": "C:/Users/ada/AppData/Roaming"}
    expected = Path("C:/Users/ada/AppData/Roaming") / "coze-desktop"
    assert default_profile_dir(platform="win32", environ=env, home=HOME) == expected
    assert default_profile_dir(platform="win32", environ={}, home=HOME) == HOME / "AppData/Roaming/coze-desktop"


def test_default_profile_dir_for_this_machine() -> None:
    assert default_profile_dir().name == "coze-desktop"
    assert Profile.default().path == default_profile_dir()


def test_profile_paths_and_ensure(tmp_path: Path) -> None:
    profile = Profile(tmp_path / "nested" / "me")
    assert profile.database_path == tmp_path / "nested/me/history.sqlite3"
    assert profile.settings_path == tmp_path / "nested/me/settings.ini"
    assert profile.logs_dir == tmp_path / "nested/me/logs"
    assert not profile.exists()
    assert profile.ensure() is profile
    assert profile.exists() and profile.logs_dir.is_dir()
    profile.ensure()  # idempotent
    if os.name == "posix":
        assert stat.S_IMODE(profile.path.stat().st_mode) == 0o700
        assert stat.S_IMODE(profile.logs_dir.stat().st_mode) == 0o700
    assert Profile(str(profile.path)) == profile and len({profile, Profile(profile.path)}) == 1


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_ensure_never_changes_the_mode_of_a_folder_it_did_not_create(tmp_path: Path) -> None:
    folder = tmp_path / "open"
    (folder / "logs").mkdir(parents=True)
    folder.chmod(0o755)
    (folder / "logs").chmod(0o775)
    Profile(folder).ensure()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "logs").stat().st_mode) == 0o775


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_profile_flag_on_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir()
    folder.chmod(0o751)
    assert main(["--profile", str(folder), "list"]) == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o751
    assert stat.S_IMODE((folder / "logs").stat().st_mode) == 0o700, "the folder it made is private"
