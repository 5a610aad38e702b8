"""Where chats go: the API base, the credential, the bot a new chat starts with, and the `Connection`
for a conversation's bot, decided from the settings, the environment overrides, the keyring and demo
mode (the rules themselves are `desktop.core.destination.Resolver`'s).

A saved token is read from the keyring once per API base and registered with the log redactor, so it
is masked if it ever reaches a log line; `save_token` writes what the Settings dialog returned.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from desktop.core.auth.credentials import active_credential, pat_days_left
from desktop.core.coze import normalize_base_url
from desktop.core.coze.client import READ_TIMEOUT
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.demo_target import goes_to_demo
from desktop.core.destination import Credential, Origin, Resolver
from desktop.core.logs import RedactingFilter
from desktop.core.secrets import TokenStore, TokenStoreError
from desktop.core.settings import Overrides, Settings
from desktop.services.connection import Connection
from desktop.services.demo import DemoBackend

log = logging.getLogger(__name__)


class Destinations:
    """Answers "where does this chat go?" for the window, the chat controller and the bot service.

    `settings` is called for the current settings each time (the app replaces them when Settings is
    saved). `demo_mode` is on while the user chats with the demo bot without a token of their own."""

    def __init__(
        self,
        settings: Callable[[], Settings],
        overrides: Overrides,
        tokens: TokenStore,
        redactor: RedactingFilter,
        demo: DemoBackend,
    ) -> None:
        self._settings = settings
        self.overrides = overrides
        self.tokens = tokens
        self.demo = demo
        self.demo_mode = False
        self._redactor = redactor
        self._token_cache: dict[str, str] = {}
        if overrides.token:
            redactor.add_secret(overrides.token)

    @property
    def resolver(self) -> Resolver:
        return Resolver(self.overrides, [self._saved_token])

    @property
    def api_base(self) -> str:
        choice = self.resolver.api_base(self._settings().api_base)
        for rejected in choice.rejected:
            if rejected.origin is not Origin.SETTINGS:
                log.warning("%s API base ignored: %s", rejected.origin, rejected.reason)
        return choice.value

    def _saved_token(self, base: str) -> Credential | None:
        """The active saved credential for `base`: the signed-in account, or the keyring's PAT (read once
        per base and registered with the log redactor). A TokenStoreError is a CredentialError: the
        resolver logs it."""
        if base not in self._token_cache:
            credential = active_credential(base, self._settings(), self.tokens)
            if not credential:
                return None
            if not isinstance(credential, str):
                return credential  # the account: it reads the keyring itself, refreshing as needed
            self._token_cache[base] = credential
            self._redactor.add_secret(credential)
        return self._token_cache[base]

    def token(self) -> Credential | None:
        choice = self.resolver.token(self.api_base)
        for problem in choice.problems:
            log.warning("%s", problem)
        return choice.value

    def save_token(self, api_base: str, value: str, *, previous: str | None, session_only: bool) -> None:
        """Keep the token the Settings dialog returned with its API base `api_base` (raises TokenStoreError);
        call it before the new settings replace the current ones.

        An emptied field deletes the saved token. A region switch with the old region's token left in
        the field saves nothing: tokens are per region, and the new region keeps whatever it had."""
        try:
            base = normalize_base_url(api_base)
        except CozeError:
            base = api_base
        region_changed = base != self._settings().api_base
        self._token_cache.clear()
        if value and not (region_changed and value == previous):
            self.tokens.set(base, value, session_only=session_only)
            self._redactor.add_secret(value)
        elif not value and previous and not region_changed:
            self.tokens.delete(base)

    def missing_credential(self) -> ErrorKind:
        """Why a chat has no credential: none was ever given, or the one kept for a session only (no
        keyring) went with the last session."""
        return ErrorKind.TOKEN_GONE if self._settings().session_token_only else ErrorKind.NO_TOKEN

    def token_gone(self) -> bool:
        """A token was kept for the last session only and nothing else lets chats through now."""
        return self.missing_credential() is ErrorKind.TOKEN_GONE and not self.token()

    def saved_pat(self, base: str) -> str | None:
        """The personal access token saved for `base` (None if none, or if the keyring cannot be read)."""
        try:
            return self.tokens.get(base)
        except TokenStoreError:
            return None

    def pat_days_left(self) -> int | None:
        """Days until the recorded expiry of the PAT in use (negative: expired); None when no saved PAT is
        in use (an environment token, a signed-in account, or no expiry recorded)."""
        if self.overrides.token or not isinstance(self.token(), str):
            return None
        return pat_days_left(self._settings(), self.api_base)

    def configured(self) -> bool:
        return bool(self.token()) and bool(self.resolver.new_chat_bot(self._settings().default_bot_id).value)

    def bot_for_new_chat(self) -> str | None:
        if self.demo_mode:
            return self.demo.bot_id
        settings = self._settings()
        last = settings.last_bot_id
        default = last if last in settings.bot_ids else settings.default_bot_id
        return self.resolver.new_chat_bot(default).value or None

    def serves_demo(self, key: str) -> bool:
        """A chat with `key` goes to the in-process demo server: the demo's bot or chatflow, unless
        COZE_API_BASE names the server (outside demo mode; desktop.core.demo_target)."""
        return goes_to_demo(key, self.resolver.api_base(self._settings().api_base), demo_mode=self.demo_mode)

    def connection_for(self, bot_id: str) -> Connection | None:
        """Where a chat in a conversation with `bot_id` goes (its own bot: see desktop.core.destination)."""
        settings = self._settings()
        if self.serves_demo(bot_id):
            return self.demo.connection(settings.user_id, bot_id)  # starts the local demo server if needed
        token = self.token()
        if not token:
            return None
        return Connection(
            self.api_base,
            token,
            bot_id,
            settings.user_id,
            read_timeout=float(settings.stream_timeout or READ_TIMEOUT),
        )
