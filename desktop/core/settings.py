"""Non-secret settings, kept as an INI file in the profile. The token is never here (see secrets.py).

The CLI and the window share this one file. Environment variables (`COZE_API_TOKEN`,
`COZE_API_BASE`, `COZE_BOT_ID`) override the saved values for one run and are never written back.
"""

from __future__ import annotations

import configparser
import contextlib
import os
import uuid
from dataclasses import Field, dataclass, field, fields
from pathlib import Path

from desktop.core.coze.client import COZE_CN, READ_TIMEOUT
from desktop.core.coze.sites import is_coze_site
from desktop.core.demo_ids import renamed
from desktop.core.files import atomic_write, atomic_write_bytes, exclusive_lock
from desktop.core.token_text import clean_token

THEMES = ("system", "light", "dark")
LANGUAGES = ("system", "zh_CN", "en")


def _fields() -> list[Field[object]]:
    return [f for f in fields(Settings) if not f.name.startswith("_")]


@dataclass
class Settings:
    api_base: str = COZE_CN
    bot_ids: list[str] = field(default_factory=list)
    default_bot_id: str = ""
    last_bot_id: str = ""  # the bot last chosen for a new chat (the header's chooser starts there)
    user_id: str = ""  # stable per installation: Coze keys conversations by (bot, user)
    current_conversation: int = 0  # the profile's current local conversation, for `ask` and the window
    theme: str = "system"
    language: str = "system"
    font_size: int = 0  # 0 = the system's size
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    splitter_state: str = ""
    sidebar_hidden: bool = False  # the chat list put aside (View ▸ Show the chat list, Ctrl+B)
    session_token_only: bool = False
    stream_timeout: int = int(
        READ_TIMEOUT
    )  # seconds without an event before a chat counts as stalled (pings do not count)
    load_images: bool = True  # pictures in answers are downloaded and shown (off: links, no requests)
    auto_sync: bool = True  # pull the chats from Coze at start and when a chat is opened (Coze ▸ Sync automatically)
    oauth_client_ids: list[str] = field(default_factory=list)  # "API base=client id": the OAuth app per base
    account_credential: list[str] = field(default_factory=list)  # "API base=account|pat": the active credential
    expiry_dates: list[str] = field(default_factory=list)  # "API base=YYYY-MM-DD": when that base's PAT expires
    chatflow_parameters: list[str] = field(default_factory=list)  # "target key?k=v&…": a chatflow's inputs
    # 1: the demo's ids are desktop.core.demo_ids' (a file without it names the demo by its 0.1.0 ids)
    demo_ids_version: int = 1
    # The values as read from (or last written to) the file: `save` writes only what differs from them.
    _baseline: dict[str, str] | None = field(default=None, init=False, repr=False, compare=False)
    # Read from a file with lines or bytes that could not be read: its first replacement keeps it aside.
    _damaged: bool = field(default=False, init=False, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path) -> Settings:
        section, damaged = _read_section(path)
        settings = cls()
        settings._damaged = damaged
        for f in _fields():
            raw = section.get(f.name)
            if raw is None:
                continue
            if f.type == "list[str]":
                setattr(settings, f.name, [item for item in raw.split(",") if item.strip()])
            elif f.type == "int":
                setattr(settings, f.name, int(raw) if raw.strip().lstrip("-").isdigit() else 0)
            elif f.type == "bool":
                setattr(settings, f.name, raw.strip().lower() in ("1", "true", "yes"))
            else:
                setattr(settings, f.name, raw)
        if "demo_ids_version" not in section:  # written by 0.1.0: the demo's bot and chatflow had other ids
            settings._rename_demo_ids()
        if settings.theme not in THEMES:
            settings.theme = "system"
        if settings.language not in LANGUAGES:
            settings.language = "system"
        settings._baseline = settings._values()
        return settings

    def _values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for f in _fields():
            value = getattr(self, f.name)
            if isinstance(value, list):
                values[f.name] = ",".join(v.strip() for v in value if v.strip())
            elif isinstance(value, bool):
                values[f.name] = "true" if value else "false"
            else:
                values[f.name] = str(value)
        return values

    def save(self, path: Path) -> None:
        """Write the settings this object changed since it was loaded onto what the file holds now.

        Several processes share the file (the window, `ask`, `login`): under a lock, the file is read
        again, only this object's changes are applied, and it is replaced atomically, so one writer
        never undoes another's change. Nothing changed: the file is not touched at all. A Settings not
        made by `load` (or `dataclasses.replace` of one) counts every field as changed.
        """
        mine = self._values()
        changed = mine if self._baseline is None else {k: v for k, v in mine.items() if self._baseline.get(k) != v}
        path.parent.mkdir(parents=True, exist_ok=True)
        with exclusive_lock(path.with_name(path.name + ".lock")):
            on_disk = Settings.load(path) if path.exists() else None
            current = on_disk._values() if on_disk is not None else None
            merged = {**(current or Settings()._values()), **changed}
            if merged != current:
                if on_disk is not None and on_disk._damaged:
                    _keep_aside(path)
                parser = configparser.ConfigParser(interpolation=None)
                parser["settings"] = merged
                with atomic_write(path) as out:  # a crash or a second writer never leaves half a file
                    parser.write(out)
        self._baseline = merged

    def _rename_demo_ids(self) -> None:
        """The demo's former ids (desktop.core.demo_ids) become its current ones, once: a file that says
        `demo_ids_version` keeps its ids, a real bot whose id was the demo's former one included.

        Only at Coze's own address, where no real bot has such an id and it can only be the demo picked
        from the bot list. At a custom address it is that server's bot (a Coze-compatible server of the
        user's had the demo's bot as 7451000000000000001 too): renaming it would put the demo in its place."""
        if not is_coze_site(self.api_base):
            return
        self.bot_ids = [renamed(bot_id) for bot_id in self.bot_ids]
        self.default_bot_id, self.last_bot_id = renamed(self.default_bot_id), renamed(self.last_bot_id)
        self.chatflow_parameters = [renamed(entry) for entry in self.chatflow_parameters]

    def ensure_user_id(self) -> bool:
        """Give this installation its stable Coze user_id; True if one was created (save it)."""
        if self.user_id:
            return False
        self.user_id = f"coze-desktop-{uuid.uuid4()}"
        return True

    def add_bot(self, bot_id: str) -> None:
        bot_id = bot_id.strip()
        if bot_id and bot_id not in self.bot_ids:
            self.bot_ids.append(bot_id)
        if bot_id and not self.default_bot_id:
            self.default_bot_id = bot_id


def _read_section(path: Path) -> tuple[dict[str, str], bool]:
    """The [settings] of `path` and whether any of it could not be read. Every readable line counts:
    a key written twice (the last wins), lines before the header, an editor's byte-order mark, a bad
    line or bad bytes cost only themselves, never the whole file. Missing or unreadable: defaults."""
    try:
        raw = path.read_bytes()
    except OSError:
        return {}, False
    try:
        text, damaged = raw.decode("utf-8"), False
    except UnicodeDecodeError:
        text, damaged = raw.decode("utf-8", errors="replace"), True
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string("[settings]\n" + text.removeprefix("\ufeff"), source=str(path))
    except configparser.ParsingError:
        damaged = True  # raised after the whole file is read: the readable lines are in the parser
    except configparser.Error:
        return {}, True
    return dict(parser["settings"]), damaged


def _keep_aside(path: Path) -> None:
    """A copy of a damaged settings file before it is first replaced, for the user (or support) to read."""
    with contextlib.suppress(OSError), atomic_write_bytes(path.with_name(path.name + ".damaged")) as out:
        out.write(path.read_bytes())


@dataclass(frozen=True)
class Overrides:
    """Values from the environment that win over the saved settings for this run only. The token is cleaned as a
    pasted one is: "Bearer pat_…" copied from a request, or the newline of `$(cat token.txt)`, still works.
    COZE_API_TOKEN set but holding no token (empty, only whitespace or only "Bearer": an empty token.txt) is taken
    as not set, so the saved credential is used, and `token_set_empty` says so, to be told once (CLI, window)."""

    token: str | None
    api_base: str | None
    bot_id: str | None
    token_set_empty: bool = False

    @classmethod
    def from_environment(cls, environ: dict[str, str] | None = None) -> Overrides:
        env = os.environ if environ is None else environ
        raw = env.get("COZE_API_TOKEN")
        token = clean_token(raw or "") or None
        return cls(
            token=token,
            api_base=env.get("COZE_API_BASE") or None,
            bot_id=env.get("COZE_BOT_ID") or None,
            token_set_empty=raw is not None and token is None,
        )
