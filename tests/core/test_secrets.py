"""The token store: the keyring and nowhere else, and honest when there is no keyring."""

from __future__ import annotations

import os

import keyring
import pytest
from keyring.backends import fail

from desktop.core.secrets import SERVICE, TokenStore, TokenStoreError
from tests.memory_keyring import MemoryKeyring

BASE = "https://api.coze.cn"


def test_token_round_trip_through_the_keyring(memory_keyring: MemoryKeyring) -> None:
    store = TokenStore()
    assert store.available
    assert store.get(BASE) is None
    store.set(BASE, "  pat_secret  ")
    assert memory_keyring.secrets == {(SERVICE, BASE): "pat_secret"}
    assert store.get(BASE) == "pat_secret"
    assert store.get("https://api.coze.com") is None  # tokens are per region
    store.delete(BASE)
    store.delete(BASE)  # deleting twice is fine
    assert store.get(BASE) is None


def test_no_backend_is_reported_and_nothing_is_written() -> None:
    keyring.set_keyring(fail.Keyring())
    store = TokenStore()
    assert not store.available
    assert store.problem is not None and "keyring" in store.problem
    assert store.get(BASE) is None
    with pytest.raises(TokenStoreError):
        store.set(BASE, "pat_secret")
    store.set(BASE, "pat_secret", session_only=True)  # only when the user chose it
    assert store.get(BASE) == "pat_secret"
    assert TokenStore().get(BASE) is None  # not persisted anywhere


@pytest.mark.secret_service
def test_real_secret_service_round_trip() -> None:
    """Runs under dbus-run-session with an unlocked gnome-keyring (test.sh sets COZE_DESKTOP_SECRET_SERVICE)."""
    if not os.environ.get("COZE_DESKTOP_SECRET_SERVICE"):
        pytest.skip("needs a real Secret Service: run through ./test.sh")
    from keyring.backends import SecretService

    store = TokenStore(SecretService.Keyring())
    assert store.available, store.problem
    store.set(BASE, "pat_ci_secret_service")
    try:
        assert TokenStore(SecretService.Keyring()).get(BASE) == "pat_ci_secret_service"
    finally:
        store.delete(BASE)
    assert store.get(BASE) is None
