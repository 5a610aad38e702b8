"""Which credential talks to an API base: the signed-in account or a personal access token (PAT).

One credential is active per API base, chosen in Settings (`Settings.account_credential`); when
nothing is chosen the account wins if signed in, else the PAT. `COZE_API_TOKEN` overrides both
for one run. The OAuth app's client id comes from `--client-id`, `COZE_CLIENT_ID`, the one saved
for that base (`Settings.oauth_client_ids`) or the packager's preset, in that order.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from desktop.core.auth.account import AccountCredential
from desktop.core.auth.preset import PRESET_CLIENT_IDS
from desktop.core.coze.client import COZE_CN, COZE_COM
from desktop.core.coze.token_source import TokenSource
from desktop.core.secrets import TokenStore
from desktop.core.settings import Settings

REGIONS = {"cn": COZE_CN, "com": COZE_COM}
WWW = {COZE_CN: "https://www.coze.cn", COZE_COM: "https://www.coze.com"}


class CredentialKind(StrEnum):
    ACCOUNT = "account"
    PAT = "pat"


def _get(pairs: list[str], api_base: str) -> str:
    for pair in pairs:
        base, sep, value = pair.rpartition("=")
        if sep and base == api_base:
            return value.strip()
    return ""


def _put(pairs: list[str], api_base: str, value: str) -> list[str]:
    kept = [pair for pair in pairs if pair.rpartition("=")[0] != api_base]
    return [*kept, f"{api_base}={value}"] if value else kept


def client_id_for(
    api_base: str, settings: Settings, flag: str | None = None, environ: Mapping[str, str] | None = None
) -> str:
    env = os.environ if environ is None else environ
    for candidate in (flag, env.get("COZE_CLIENT_ID"), _get(settings.oauth_client_ids, api_base)):
        if candidate and candidate.strip():
            return candidate.strip()
    return PRESET_CLIENT_IDS.get(api_base, "")


def remember_client_id(settings: Settings, api_base: str, client_id: str) -> None:
    settings.oauth_client_ids = _put(settings.oauth_client_ids, api_base, client_id.strip())


def chosen_kind(settings: Settings, api_base: str) -> CredentialKind | None:
    value = _get(settings.account_credential, api_base)
    return CredentialKind(value) if value in CredentialKind.__members__.values() else None


def choose_kind(settings: Settings, api_base: str, kind: CredentialKind | None) -> None:
    settings.account_credential = _put(settings.account_credential, api_base, kind.value if kind else "")


PAT_WARNING_DAYS = 3


def pat_expiry_for(settings: Settings, api_base: str) -> date | None:
    try:
        return date.fromisoformat(_get(settings.expiry_dates, api_base))
    except ValueError:
        return None


def set_pat_expiry(settings: Settings, api_base: str, expires: date | None) -> None:
    settings.expiry_dates = _put(settings.expiry_dates, api_base, expires.isoformat() if expires else "")


def pat_days_left(settings: Settings, api_base: str, today: date | None = None) -> int | None:
    """Days until the recorded PAT expiry when that is within PAT_WARNING_DAYS (negative: expired), else None."""
    expires = pat_expiry_for(settings, api_base)
    if expires is None:
        return None
    left = (expires - (today or date.today())).days
    return left if left <= PAT_WARNING_DAYS else None


def active_credential(
    api_base: str,
    settings: Settings,
    store: TokenStore,
    override_token: str | None = None,
) -> str | TokenSource | None:
    """The token (a PAT) or token source (the account) to use for `api_base`, or None if there is none.

    Raises `TokenStoreError` when the keyring cannot be read.
    """
    if override_token:
        return override_token
    account = AccountCredential(api_base, store)
    kind = chosen_kind(settings, api_base)
    if kind is not CredentialKind.PAT and account.signed_in:
        return account
    if kind is CredentialKind.ACCOUNT:
        return account  # chosen but signed out: its SignedOut error says "sign in again", no silent fallback
    return store.get(api_base)
