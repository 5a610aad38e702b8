"""The token's only home: the operating system's keyring (Secret Service, Keychain, Credential Locker).

When no keyring backend works, `TokenStore` says so (`available` is False, `problem` says why) and
keeps the token in memory for this session only, if the caller asks for that explicitly. It never
falls back to a file.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from desktop.core.destination import CredentialError

if TYPE_CHECKING:
    from types import ModuleType

log = logging.getLogger(__name__)

SERVICE = "coze-desktop"

# Backends that "work" by writing the secret to a plain or trivially encoded file.
_INSECURE_BACKENDS = ("keyrings.alt.file.PlaintextKeyring", "keyrings.alt.file.EncryptedKeyring")


def _keyring() -> ModuleType:
    """The keyring package, imported on first use: finding its backend costs ~50 ms and ~11 MB (an entry-point
    scan, SecretStorage, cryptography's OpenSSL), which `ask` with COZE_API_TOKEN and the demo never need."""
    import keyring
    import keyring.errors

    return keyring


class TokenStoreError(CredentialError):
    """Reading or writing the keyring failed; the message is safe to show (it never holds the token)."""


class TokenStore:
    """Tokens by API base (coze.cn and coze.com tokens differ), in the OS keyring."""

    def __init__(self, backend: Any | None = None) -> None:
        self._backend = backend
        self._session: dict[str, str] = {}
        self._loaded = backend is not None

    @property
    def backend(self) -> Any:
        if self._backend is not None:
            return self._backend
        return _keyring().get_keyring()  # asked each time: PYTHON_KEYRING_BACKEND, keyringrc.cfg, set_keyring

    @property
    def loaded(self) -> bool:
        """The keyring package is imported and its backend found and checked: using it now costs no import."""
        return self._loaded

    def load(self) -> str | None:
        """Import the keyring, find its backend and check it (`problem`, returned): callable from any thread,
        e.g. a worker before the GUI thread first needs the keyring."""
        return self.problem

    @property
    def backend_name(self) -> str:
        backend = self.backend
        return f"{type(backend).__module__}.{type(backend).__qualname__}"

    @property
    def problem(self) -> str | None:
        """Why the keyring cannot be used, or None when it can."""
        problem = self._check()
        self._loaded = True
        return problem

    def _check(self) -> str | None:
        backend = self.backend
        name = self.backend_name
        errors = _keyring().errors
        if name.startswith("keyring.backends.fail") or name.startswith("keyring.backends.null"):
            return "no system keyring is available (install and unlock GNOME Keyring, KWallet or similar)"
        if name in _INSECURE_BACKENDS:
            return f"the configured keyring ({name}) stores secrets in a plain file"
        try:
            priority = float(getattr(backend, "priority", 1))
        except (TypeError, ValueError, errors.KeyringError, RuntimeError):
            priority = 0
        if priority <= 0 and not name.startswith("keyring.backends.chainer"):
            return f"the keyring backend {name} is not usable here"
        return None

    @property
    def available(self) -> bool:
        return self.problem is None

    def get(self, api_base: str) -> str | None:
        if api_base in self._session:
            return self._session[api_base]
        if not self.available:
            return None
        errors = _keyring().errors
        try:
            value = self.backend.get_password(SERVICE, api_base)
        except (errors.KeyringError, RuntimeError, OSError) as exc:
            log.warning("reading the keyring failed: %s", type(exc).__name__)
            raise TokenStoreError(f"reading the keyring failed: {type(exc).__name__}") from None
        return value if isinstance(value, str) and value else None

    def set(self, api_base: str, token: str, *, session_only: bool = False) -> None:
        token = token.strip()
        if session_only:
            self._session[api_base] = token
            return
        if not self.available:
            raise TokenStoreError(self.problem or "no keyring")
        errors = _keyring().errors
        try:
            self.backend.set_password(SERVICE, api_base, token)
        except (errors.KeyringError, RuntimeError, OSError) as exc:
            raise TokenStoreError(f"saving to the keyring failed: {type(exc).__name__}") from None
        self._session.pop(api_base, None)

    def delete(self, api_base: str) -> None:
        self._session.pop(api_base, None)
        if not self.available:
            return
        errors = _keyring().errors
        try:
            self.backend.delete_password(SERVICE, api_base)
        except errors.PasswordDeleteError:
            pass  # nothing saved: nothing to delete
        except (errors.KeyringError, RuntimeError, OSError) as exc:
            raise TokenStoreError(f"deleting from the keyring failed: {type(exc).__name__}") from None
