"""Where a verb's requests go: the API base and the credential, resolved as everywhere else
(desktop.core.destination), with the verbs' shared wording for what is missing; for `ask`, the demo's
chats go to the demo server started in the process (desktop.core.demo_target), as in the window."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

from desktop.commands.speech import language, say
from desktop.core.auth.credentials import active_credential
from desktop.core.demo_target import DEMO_PACE, goes_to_demo
from desktop.core.destination import Choice, Credential, Resolver
from desktop.core.profile import Profile
from desktop.core.secrets import TokenStore
from desktop.core.settings import Overrides, Settings


class SetupProblem(Exception):
    """The API base or the credential is missing or unusable: a usage error (exit 2), said in one line."""


def resolver_for(settings: Settings, tokens: TokenStore | None = None) -> Resolver:
    """COZE_API_TOKEN, else the active credential for the base: the signed-in account or the PAT."""
    store = tokens or TokenStore()
    overrides = Overrides.from_environment()
    if overrides.token_set_empty:  # (one resolver a verb: said once)
        print(
            say(
                "warning: COZE_API_TOKEN is set but holds no token, so it is ignored; "
                "unset it or set it to a personal access token"
            ),
            file=sys.stderr,
        )
    return Resolver(overrides, [lambda base: active_credential(base, settings, store)])


def api_base_of(resolver: Resolver, saved: str, flag: str | None) -> str:
    """The API base by --api-base > COZE_API_BASE > `saved`; a bad one is a SetupProblem."""
    return api_base_choice(resolver, saved, flag).value


def api_base_choice(resolver: Resolver, saved: str, flag: str | None) -> Choice:
    """api_base_of, with where the value came from."""
    base = resolver.api_base(saved, flag=flag)
    if base.rejected:
        raise SetupProblem(say("bad API base: {reason}", reason=base.rejected[0].reason))
    return base


def credential_of(resolver: Resolver, api_base: str) -> Credential:
    token = resolver.token(api_base)
    if token.value is None and token.problems:
        raise SetupProblem(say("{problem}; set COZE_API_TOKEN instead", problem=token.problems[0]))
    if not token.value:
        raise SetupProblem(
            say(
                "no token for {api_base}: run `coze-desktop login`, set COZE_API_TOKEN or save one in Settings",
                api_base=api_base,
            )
        )
    return token.value


def destination_of(settings: Settings, flag: str | None) -> tuple[str, Credential]:
    """The API base and the credential a verb's requests use; a SetupProblem when either is missing."""
    resolver = resolver_for(settings)
    api_base = api_base_of(resolver, settings.api_base, flag)
    return api_base, credential_of(resolver, api_base)


@dataclass(frozen=True)
class Route:
    """Where one chat goes: an API base with its credential, or (`demo`) the demo server started in
    this process, which needs neither."""

    key: str  # the bot id or chatflow key it is for
    api_base: str = ""
    credential: Credential = field(default="", repr=False)
    demo: bool = False


def route_of(resolver: Resolver, base: Choice, key: str) -> Route:
    """The route of a chat with `key` (a bot id or a chatflow key); a SetupProblem when it has no credential."""
    if goes_to_demo(key, base):
        return Route(key, demo=True)
    return Route(key, base.value, credential_of(resolver, base.value))


@contextlib.contextmanager
def opened(route: Route, profile: Profile) -> Iterator[tuple[str, Credential]]:
    """The API base and credential to use inside the block: the route's, or the demo server's while it runs
    (with the window's demo conversations, kept in the profile)."""
    if not route.demo:
        yield route.api_base, route.credential
        return
    from desktop.core.cozeserver import DEMO_TOKEN, CozeServer  # for a demo chat only

    server = CozeServer({DEMO_TOKEN}, pace=DEMO_PACE, language=language(), state_path=profile.demo_state_path)
    server.start()
    try:
        yield server.base_url, DEMO_TOKEN
    finally:
        server.stop()
