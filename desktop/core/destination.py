"""Where a chat goes: the API base, the token and the bot, decided in one place for the window, `ask`
and the Settings dialog's Test.

Precedence, field by field (the first usable value wins):

- API base: the `--api-base` flag > `COZE_API_BASE` > the saved setting. A value that is not a
  valid address is skipped and reported (`ask` refuses to run; the window logs it and goes on).
- token: `COZE_API_TOKEN` > the saved credentials for *that* API base, asked in order: a
  `CredentialSource` gives a personal access token, or a `TokenSource` for a signed-in account
  (`desktop.core.auth.credentials.active_credential` is one source that chooses between the two).
- bot: the `--bot-id` flag > `COZE_BOT_ID` > the conversation's own bot > the default bot in the
  settings. A Coze conversation belongs to the bot it was started with, so once a conversation is
  chosen its bot is the one it continues with; a flag naming another bot is a conflict, not a switch.

Nothing here reads the environment, the keyring or a file by itself: the caller passes `Overrides`
(the environment, read once) and the credential sources, so the table-driven test covers every row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from desktop.core.coze import CozeError, normalize_base_url
from desktop.core.coze.token_source import TokenSource
from desktop.core.settings import Overrides


class Origin(StrEnum):
    """Where a resolved value came from (for messages such as "COZE_API_BASE is used")."""

    FLAG = "flag"
    ENVIRONMENT = "environment"
    CONVERSATION = "conversation"
    SETTINGS = "settings"
    CREDENTIAL = "credential"  # a saved credential for the API base (keyring token; later an account)
    NONE = "none"


class CredentialError(RuntimeError):
    """A credential source cannot answer (no keyring, a locked keyring...): the message says why."""


# What authenticates requests: a personal access token, or a signed-in account's token source.
Credential = str | TokenSource
# A saved credential for an API base, or None when it has none. May raise CredentialError. The
# keyring's `TokenStore.get` is one; `active_credential` (account or PAT, as chosen) is another.
CredentialSource = Callable[[str], Credential | None]


@dataclass(frozen=True, slots=True)
class Rejected:
    """A value skipped because it cannot be used, and why."""

    origin: Origin
    reason: str


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    origin: Origin
    rejected: tuple[Rejected, ...] = ()


@dataclass(frozen=True, slots=True)
class TokenChoice:
    value: Credential | None = field(repr=False)  # never printed, never logged
    origin: Origin
    problems: tuple[str, ...] = ()  # credential sources that could not answer


@dataclass(frozen=True, slots=True)
class BotConflict:
    """`--bot-id` names another bot than the conversation's own."""

    conversation_bot: str
    wanted_bot: str


class Resolver:
    """Resolves each field by the precedence above. Cheap: make one where it is needed."""

    def __init__(self, environment: Overrides, credentials: Sequence[CredentialSource] = ()) -> None:
        self._env = environment
        self._credentials = tuple(credentials)

    def api_base(self, saved: str, *, flag: str | None = None) -> Choice:
        rejected: list[Rejected] = []
        for origin, value in ((Origin.FLAG, flag), (Origin.ENVIRONMENT, self._env.api_base), (Origin.SETTINGS, saved)):
            if not value:
                continue
            try:
                return Choice(normalize_base_url(value), origin, tuple(rejected))
            except CozeError as exc:
                rejected.append(Rejected(origin, exc.msg))
        # Nothing usable: the saved value as it is (a request to it fails with a clear error later).
        return Choice(saved, Origin.NONE, tuple(rejected))

    def token(self, api_base: str) -> TokenChoice:
        if self._env.token:
            return TokenChoice(self._env.token, Origin.ENVIRONMENT)
        problems: list[str] = []
        for source in self._credentials:
            try:
                token = source(api_base)
            except CredentialError as exc:
                problems.append(str(exc))
                continue
            if token:
                return TokenChoice(token, Origin.CREDENTIAL, tuple(problems))
        return TokenChoice(None, Origin.NONE, tuple(problems))

    def new_chat_bot(self, default: str, *, flag: str | None = None) -> Choice:
        """The bot a new conversation is started with ("" when none is set anywhere)."""
        for origin, value in ((Origin.FLAG, flag), (Origin.ENVIRONMENT, self._env.bot_id), (Origin.SETTINGS, default)):
            bot_id = (value or "").strip()
            if bot_id:
                return Choice(bot_id, origin)
        return Choice("", Origin.NONE)

    def bot(
        self, default: str, *, flag: str | None = None, conversation_bot: str | None = None
    ) -> Choice | BotConflict:
        """The bot of a chat in a conversation (a new one when `conversation_bot` is None)."""
        if not conversation_bot:
            return self.new_chat_bot(default, flag=flag)
        wanted = (flag or "").strip()
        if wanted and wanted != conversation_bot:
            return BotConflict(conversation_bot, wanted)
        return Choice(conversation_bot, Origin.FLAG if wanted else Origin.CONVERSATION)
