"""A guard against a PySide6 6.12 bug on Python 3.11: calls into Qt give back `None`, `True` and `False`
without taking a reference to them (a method that returns nothing, a signal with a bool argument...).
Python 3.12+ does not count references to these singletons (PEP 683, immortal objects), which is what
the abi3 wheel assumes; on 3.11 their counts drop with every such call until Python aborts with
"Fatal Python error: none_dealloc" (or "bool_dealloc") — a few seconds of painting a streaming answer.

`protect_singletons()` does what Python 3.12 does: gives them counts so large they cannot reach zero.
The app should call it once at startup (the chat view calls it too, as it makes the most such calls).
"""

from __future__ import annotations

import ctypes
import sys

_IMMORTAL = 1 << 60


def protect_singletons() -> None:
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        if sys.getrefcount(singleton) < _IMMORTAL // 2:
            # CPython: id() is the object's address, and a PyObject starts with its reference count.
            ctypes.c_ssize_t.from_address(id(singleton)).value += _IMMORTAL


protect_none = protect_singletons  # the name the first version had
