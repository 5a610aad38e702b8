"""AccountService: signing in with Coze (device code), who is signed in, signing out, and listing the
bots of the account's workspaces — all off the GUI thread, results as signals.

Signals:
    codeReady(DeviceCode)              show the user code; polling has started
    pollInterval(int)                  the current polling interval in seconds (grows on slow_down)
    signedIn(str)                      API base: the tokens are in the keyring (or the session)
    signInFailed(object)               a CozeError (access_denied, expired_token, network...)
    userLoaded(str, object)            API base, catalog.User
    catalogLoaded(object)              list[(Workspace, list[BotSummary])]
    catalogFailed(object)              a CozeError (4101 names the missing permission)
    chatflowsLoaded(object)            list[(App, ChatflowSummary)]: the apps' chatflows
    iconLoaded(str, bytes)             an avatar for the bot picker

`cancel()` ends a sign-in at once: the polling thread's wait wakes, and its late result is dropped.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from desktop.core.auth.account import AccountCredential, StoredTokens
from desktop.core.auth.oauth import DeviceCode, OAuthClient, OAuthToken
from desktop.core.coze import CozeClient, CozeError
from desktop.core.coze.assets import download_icon
from desktop.core.coze.catalog import Catalog, User, load_catalog, me
from desktop.core.coze.token_source import TokenSource
from desktop.core.coze.workflows import App, ChatflowSummary, load_chatflows
from desktop.core.secrets import TokenStore
from desktop.services.tasks import TaskRunner

log = logging.getLogger(__name__)


class AccountService(QObject):
    codeReady = Signal(object)
    pollInterval = Signal(int)
    signedIn = Signal(str)
    signInFailed = Signal(object)
    userLoaded = Signal(str, object)
    catalogLoaded = Signal(object)
    catalogFailed = Signal(object)
    chatflowsLoaded = Signal(object)  # list[(App, ChatflowSummary)]
    iconLoaded = Signal(str, bytes)  # avatar URL, image bytes

    def __init__(self, tasks: TaskRunner, store: TokenStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._store = store
        self._cancel = threading.Event()
        self._jobs: list[int] = []
        self._catalog_job: int | None = None

    @property
    def signing_in(self) -> bool:
        return bool(self._jobs)

    def account(self, api_base: str) -> AccountCredential:
        return AccountCredential(api_base, self._store)

    # -- sign in ----------------------------------------------------------------------------------
    def start_sign_in(self, api_base: str, client_id: str) -> None:
        self.cancel()
        cancel = self._cancel = threading.Event()
        relay = _IntervalRelay()
        relay.interval.connect(self.pollInterval)

        def begin() -> DeviceCode:
            with OAuthClient(api_base, client_id) as oauth:
                return oauth.device_code()

        def got_code(code: DeviceCode) -> None:
            if cancel.is_set():
                return
            self.codeReady.emit(code)

            def wait() -> OAuthToken:
                with OAuthClient(api_base, client_id) as oauth:
                    return oauth.wait_for_token(code, cancel, on_poll=relay.interval.emit)

            self._track(self._tasks.submit(wait, lambda token: self._finish(api_base, client_id, token), failed))

        def failed(exc: Exception) -> None:
            self._jobs.clear()
            if cancel.is_set():
                return
            self.signInFailed.emit(exc if isinstance(exc, CozeError) else CozeError(f"{type(exc).__name__}: {exc}"))

        self._relay = relay  # kept alive while the sign-in runs
        self._track(self._tasks.submit(begin, got_code, failed))

    def cancel(self) -> None:
        """Stop polling now; whatever the running request answers later is ignored."""
        self._cancel.set()
        for job in self._jobs:
            self._tasks.forget(job)
        self._jobs.clear()

    def _track(self, job: int) -> None:
        self._jobs = [job]

    def _finish(self, api_base: str, client_id: str, token: OAuthToken) -> None:
        self._jobs.clear()
        try:
            self.account(api_base).save(StoredTokens.from_token(client_id, token))
        except CozeError as exc:
            self.signInFailed.emit(exc)
            return
        except RuntimeError as exc:  # TokenStoreError: the keyring refused
            self.signInFailed.emit(CozeError(str(exc)))
            return
        self.signedIn.emit(api_base)

    # -- the signed-in account --------------------------------------------------------------------
    def sign_out(self, api_base: str) -> None:
        self.account(api_base).sign_out()

    def load_user(self, api_base: str) -> None:
        account = self.account(api_base)

        def fetch() -> User:
            with CozeClient(account, api_base) as client:
                return me(client)

        self._tasks.submit(fetch, lambda user: self.userLoaded.emit(api_base, user), self._log)

    def load_catalog(self, api_base: str, credential: str | TokenSource, workspace_id: str | None = None) -> None:
        if self._catalog_job is not None:
            self._tasks.forget(self._catalog_job)

        def fetch() -> Catalog:
            with CozeClient(credential, api_base) as client:
                return load_catalog(client, workspace_id)

        def done(catalog: Catalog) -> None:
            self._catalog_job = None
            self.catalogLoaded.emit(catalog)

        def failed(exc: Exception) -> None:
            self._catalog_job = None
            self.catalogFailed.emit(exc if isinstance(exc, CozeError) else CozeError(f"{type(exc).__name__}: {exc}"))

        self._catalog_job = self._tasks.submit(fetch, done, failed)

    def load_chatflows(self, api_base: str, credential: str | TokenSource, workspace_ids: list[str]) -> None:
        """The apps of these workspaces and their chatflows (chatflowsLoaded); a failure is logged only:
        the bots listed already stay usable."""

        def fetch() -> list[tuple[App, ChatflowSummary]]:
            with CozeClient(credential, api_base) as client:
                return load_chatflows(client, workspace_ids)

        self._tasks.submit(fetch, self.chatflowsLoaded.emit, self._log)

    def load_icon(self, url: str) -> None:
        """Fetch an avatar (bounded, no credentials sent); a failure leaves the placeholder."""
        self._tasks.submit(lambda: download_icon(url), lambda data: self.iconLoaded.emit(url, data), self._log)

    @staticmethod
    def _log(exc: Exception) -> None:
        log.info("a background account request failed: %s", exc)


class _IntervalRelay(QObject):
    """Carries the polling interval from the pool thread to the GUI thread (queued by Qt)."""

    interval = Signal(int)
