"""The crash path, without Qt: every uncaught exception and every fatal error ends up in the log.

- `sys.excepthook`: exceptions nobody caught in the main thread, and those PySide prints from a Qt
  slot or virtual method (PySide hands them to `sys.excepthook`; in the windowed build there is no
  stderr, so without this they would vanish);
- `threading.excepthook`: exceptions that end a Python thread;
- `faulthandler`: a hard crash (segfault, abort, a deadlock dump) writes the Python stacks of every
  thread to `crash.log` in the log folder, where a normal log handler could not run any more.

Each report goes to the log (redacted like every record) and then to the listeners, which is how
the window shows one calm dialog. A listener that fails is logged, never raised.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO

from desktop.core.logs import redact

log = logging.getLogger("desktop.crash")
CRASH_LOG_NAME = "crash.log"


@dataclass(frozen=True)
class CrashReport:
    summary: str  # one line: the exception's type and message
    details: str  # the whole traceback, redacted
    thread: str


Listener = Callable[[CrashReport], None]


class CrashLog:
    """Install with `CrashLog(log_dir).install()`; `uninstall()` puts the previous hooks back."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.crash_file = log_dir / CRASH_LOG_NAME
        self._listeners: list[Listener] = []
        self._fault_file: IO[str] | None = None
        self._previous: tuple[object, object] | None = None

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def install(self) -> CrashLog:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self._fault_file = open(self.crash_file, "a", encoding="utf-8")  # noqa: SIM115 - held while installed
        faulthandler.enable(self._fault_file, all_threads=True)
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None
        if self._fault_file is not None:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None

    def report(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, thread: str = ""
    ) -> CrashReport:
        """Log one uncaught exception and tell the listeners; returns what was reported."""
        thread = thread or threading.current_thread().name
        details = redact("".join(traceback.format_exception(exc_type, exc, tb)))
        summary = redact(f"{exc_type.__name__}: {exc}".strip().splitlines()[0] if str(exc) else exc_type.__name__)
        log.critical("uncaught exception in thread %s:\n%s", thread, details.rstrip())
        crash = CrashReport(summary, details, thread)
        for listener in list(self._listeners):
            try:
                listener(crash)
            except Exception:  # a broken listener must not hide the report, nor loop through this hook
                log.exception("a crash listener failed")
        return crash

    def _on_exception(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report(exc_type, exc, tb)

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else ""
        self.report(args.exc_type, args.exc_value, args.exc_traceback, name)
