"""A profile: the folder that holds everything of one user's app state except the token.

Layout::

    <profile>/history.sqlite3   conversations and messages (see desktop.core.store)
    <profile>/settings.ini      non-secret settings
    <profile>/drafts.json       each chat's unsent text in the message box (services/draft.py)
    <profile>/logs/             rotating log files

The token never lives here; it is in the OS keyring. The default location follows the platform's
data-dir rule, computed without Qt so the core and the CLI can use it headless.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP_DIR_NAME = "coze-desktop"
DATABASE_NAME = "history.sqlite3"
SETTINGS_NAME = "settings.ini"
DRAFT_NAME = "draft.txt"
DRAFTS_NAME = "drafts.json"
LOGS_NAME = "logs"
DEMO_STATE_NAME = "demo-server.json"


def default_profile_dir(
    *, platform: str | None = None, environ: Mapping[str, str] | None = None, home: Path | None = None
) -> Path:
    """The platform data dir for the app (parameters exist only so tests can ask for other platforms).

    - Linux and other POSIX: ``$XDG_DATA_HOME/coze-desktop`` (if set and absolute), else
      ``~/.local/share/coze-desktop``
    - macOS: ``~/Library/Application Support/coze-desktop``
    - Windows: ``%APPDATA%/coze-desktop`` (else ``~/AppData/Roaming/coze-desktop``)
    """
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    if platform.startswith("win"):
        appdata = environ.get("APPDATA", "")
        base = Path(appdata) if appdata else home / "AppData" / "Roaming"
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = environ.get("XDG_DATA_HOME", "")
        # The XDG spec says relative paths are invalid and must be ignored.
        base = Path(xdg) if xdg and os.path.isabs(xdg) else home / ".local" / "share"
    return base / APP_DIR_NAME


class Profile:
    """The paths of one profile folder; `ensure()` creates it, private to the user on POSIX."""

    def __init__(self, path: Path | str) -> None:
        self._path = Path(path).expanduser()

    @classmethod
    def default(cls) -> Profile:
        return cls(default_profile_dir())

    @property
    def path(self) -> Path:
        return self._path

    @property
    def database_path(self) -> Path:
        return self._path / DATABASE_NAME

    @property
    def settings_path(self) -> Path:
        return self._path / SETTINGS_NAME

    @property
    def drafts_path(self) -> Path:
        """Each chat's unsent text in the message box (services/draft.py)."""
        return self._path / DRAFTS_NAME

    @property
    def draft_path(self) -> Path:
        """The single unsent text of versions before drafts per chat: moved into `drafts_path` at start."""
        return self._path / DRAFT_NAME

    @property
    def demo_state_path(self) -> Path:
        """The demo bot's server-side conversations (what Coze would keep for a real bot)."""
        return self._path / DEMO_STATE_NAME

    @property
    def logs_dir(self) -> Path:
        return self._path / LOGS_NAME

    @property
    def image_cache_dir(self) -> Path:
        """Downloaded pictures of answers (a cache: deleting it loses nothing)."""
        return self._path / "cache" / "images"

    @property
    def attachments_dir(self) -> Path:
        """Local copies of attached files, named by their SHA-256."""
        return self._path / "attachments"

    def exists(self) -> bool:
        return self._path.is_dir()

    def is_writable(self) -> bool:
        """False for an existing profile this user cannot write (a read-only mount, another user's)."""
        return not self._path.is_dir() or os.access(self._path, os.W_OK)

    def ensure(self) -> Profile:
        """Create the folder and its `logs/` where missing (mode 0o700 on POSIX); returns self.

        A folder that already exists keeps its mode: `--profile ~/Documents` must never make the
        user's own folder private (or anything else) behind their back.
        """
        for folder in (self._path, self.logs_dir):
            try:
                folder.mkdir(mode=0o700, parents=True)
            except FileExistsError:
                continue
            if os.name == "posix":
                folder.chmod(0o700)  # mkdir's mode is filtered by the umask; this folder is ours
        return self

    def __repr__(self) -> str:
        return f"Profile({str(self._path)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Profile) and other._path == self._path

    def __hash__(self) -> int:
        return hash(self._path)
