"""How a long export or import says how far it is, and how it is stopped.

A `Progress` is called with (done, total) after each unit of work (a message written, a conversation
merged). It may raise `TransferCancelled` to stop the work: an export then leaves no file behind (the
writers write through `atomic_write`), an import rolls its transaction back.
"""

from __future__ import annotations

from typing import Protocol


class TransferCancelled(Exception):
    """The user cancelled an export or import; nothing was written."""


class Progress(Protocol):
    def __call__(self, done: int, total: int, /) -> None: ...


def no_progress(_done: int, _total: int, /) -> None:
    """A `Progress` for callers that do not show one."""
