"""Where a verb's requests go: the API base and the credential, resolved as everywhere else
(desktop.core.destination), with the verbs' shared wording for what is missing."""

from __future__ import annotations

from desktop.commands.speech import say
from desktop.core.auth.credentials import active_credential
from desktop.core.destination import Credential, Resolver
from desktop.core.secrets import TokenStore
from desktop.core.settings import Overrides, Settings


class SetupProblem(Exception):
    """The API base or the credential is missing or unusable: a usage error (exit 2), said in one line."""


def resolver_for(settings: Settings, tokens: TokenStore | None = None) -> Resolver:
    """COZE_API_TOKEN, else the active credential for the base: the signed-in account or the PAT."""
    store = tokens or TokenStore()
    return Resolver(Overrides.from_environment(), [lambda base: active_credential(base, settings, store)])


def api_base_of(resolver: Resolver, saved: str, flag: str | None) -> str:
    """The API base by --api-base > COZE_API_BASE > `saved`; a bad one is a SetupProblem."""
    base = resolver.api_base(saved, flag=flag)
    if base.rejected:
        raise SetupProblem(say("bad API base: {reason}", reason=base.rejected[0].reason))
    return base.value


def credential_of(resolver: Resolver, api_base: str) -> Credential:
    token = resolver.token(api_base)
    if token.value is None and token.problems:
        raise SetupProblem(say("{problem}; set COZE_API_TOKEN instead", problem=token.problems[0]))
    if not token.value:
        raise SetupProblem(
            f"no token for {api_base}: run `coze-desktop login`, set COZE_API_TOKEN or save one in Settings"
        )
    return token.value


def destination_of(settings: Settings, flag: str | None) -> tuple[str, Credential]:
    """The API base and the credential a verb's requests use; a SetupProblem when either is missing."""
    resolver = resolver_for(settings)
    api_base = api_base_of(resolver, settings.api_base, flag)
    return api_base, credential_of(resolver, api_base)
