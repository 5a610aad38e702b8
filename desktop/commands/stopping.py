"""How a verb is stopped from outside: Ctrl+C, SIGTERM, or a reader that closed our stdout.

All three stop the chat the same way (what arrived is stored as cancelled, the chat is cancelled on
Coze, no traceback); only the exit code says which it was, as shells report it: 130 (SIGINT), 143
(SIGTERM), 141 (SIGPIPE).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from desktop.commands.exit_codes import ExitCode

STOPPED = (KeyboardInterrupt, BrokenPipeError)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the main thread is (like Ctrl+C's KeyboardInterrupt)."""


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """While inside, SIGTERM raises `Terminated` in the main thread (elsewhere: nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(_signum: int, _frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def exit_code_for(stop: BaseException) -> int:
    """The exit code of a stop; a closed stdout is also silenced so nothing more fails on it."""
    if isinstance(stop, BrokenPipeError):
        silence_stdout()
        return ExitCode.BROKEN_PIPE
    if isinstance(stop, Terminated):
        return ExitCode.TERMINATED
    return ExitCode.INTERRUPTED


def silence_stdout() -> None:
    """Point stdout at the null device: the reader is gone, and Python's final flush must not raise."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
