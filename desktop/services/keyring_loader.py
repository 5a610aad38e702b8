"""The keyring, loaded off the GUI thread the first time the window needs it (#21).

Start-up in demo mode never touches the keyring: finding its backend imports the keyring's plugins
(an entry-point scan), SecretStorage and cryptography's OpenSSL (~11 MB, ~50 ms) and asks D-Bus
whether the Secret Service runs. When the window first needs it (opening Settings), `ready()` does
that on a worker thread and waits in a local event loop, so the window keeps painting meanwhile;
later calls cost nothing. What the keyring says (a token, or why there is no usable keyring) is
then read as before: this only moves the loading.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop

from desktop.core.secrets import TokenStore
from desktop.services.tasks import TaskRunner


class KeyringLoader:
    def __init__(self, tokens: TokenStore, tasks: TaskRunner) -> None:
        self._tokens = tokens
        self._tasks = tasks
        self._loop: QEventLoop | None = None

    @property
    def loading(self) -> bool:
        return self._loop is not None

    def ready(self) -> bool:
        """Load the keyring if it is not yet (on a worker, the GUI thread's events running meanwhile).
        True when it is loaded (or failed to: the caller then reads the failure as it always did);
        False when the caller should not go on: a load is already under way (a second click while
        waiting), or the application quit while it loaded."""
        if self._tokens.loaded:
            return True
        if self._loop is not None:
            return False
        finished: list[bool] = []
        loop = self._loop = QEventLoop()

        def done(_: object) -> None:
            finished.append(True)
            loop.quit()

        try:
            self._tasks.submit(self._tokens.load, done, done)
            if not finished:
                loop.exec()
        finally:
            self._loop = None
        return bool(finished)
