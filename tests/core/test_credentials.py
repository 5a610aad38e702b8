"""Which credential is active per API base, the OAuth client id's sources, and the PAT expiry warning."""

from __future__ import annotations

from datetime import date

from desktop.core.auth.account import AccountCredential, SignedOut, StoredTokens
from desktop.core.auth.credentials import (
    CredentialKind,
    active_credential,
    choose_kind,
    client_id_for,
    pat_days_left,
    remember_client_id,
    set_pat_expiry,
)
from desktop.core.secrets import TokenStore
from desktop.core.settings import Settings

BASE = "https://api.coze.cn"


def sign_in(store: TokenStore) -> None:
    AccountCredential(BASE, store).save(StoredTokens("cid", "access", "refresh", 4_000_000_000))


def test_the_account_wins_unless_the_pat_is_chosen() -> None:
    store, settings = TokenStore(), Settings()
    assert active_credential(BASE, settings, store) is None
    store.set(BASE, "pat_one")
    assert active_credential(BASE, settings, store) == "pat_one"
    sign_in(store)
    assert isinstance(active_credential(BASE, settings, store), AccountCredential)
    choose_kind(settings, BASE, CredentialKind.PAT)
    assert active_credential(BASE, settings, store) == "pat_one"
    assert active_credential(BASE, settings, store, override_token="pat_env") == "pat_env"


def test_a_chosen_account_that_is_signed_out_says_sign_in_again() -> None:
    store, settings = TokenStore(), Settings()
    store.set(BASE, "pat_one")
    choose_kind(settings, BASE, CredentialKind.ACCOUNT)
    credential = active_credential(BASE, settings, store)
    assert isinstance(credential, AccountCredential)
    try:
        credential.access_token()
    except SignedOut as exc:
        assert exc.kind.value == "signed_out"
    else:
        raise AssertionError("a signed-out account must not fall back to the PAT silently")


def test_client_id_order_flag_environment_settings() -> None:
    settings = Settings()
    assert client_id_for(BASE, settings, environ={}) == ""
    remember_client_id(settings, BASE, "saved")
    assert client_id_for(BASE, settings, environ={}) == "saved"
    assert client_id_for("https://api.coze.com", settings, environ={}) == ""  # per API base
    assert client_id_for(BASE, settings, environ={"COZE_CLIENT_ID": "env"}) == "env"
    assert client_id_for(BASE, settings, "flag", environ={"COZE_CLIENT_ID": "env"}) == "flag"


def test_the_pat_warning_starts_three_days_before() -> None:
    settings = Settings()
    assert pat_days_left(settings, BASE) is None
    set_pat_expiry(settings, BASE, date(2027, 1, 10))
    assert pat_days_left(settings, BASE, today=date(2027, 1, 6)) is None
    assert pat_days_left(settings, BASE, today=date(2027, 1, 7)) == 3
    assert pat_days_left(settings, BASE, today=date(2027, 1, 11)) == -1
    set_pat_expiry(settings, BASE, None)
    assert settings.expiry_dates == []
