"""The process's heap once start-up is over: what start-up built is kept out of later garbage collections,
and what it freed goes back to the system.

Start-up leaves ~700 modules' worth of objects (classes, functions, Qt bindings) that live as long as
the process. Each full garbage collection walked all of them again (~20-30 ms on this machine, a
stall wherever it fell, e.g. in the middle of a streaming answer); `gc.freeze()` moves them to a
generation the collector never scans. Imports and the first layout free a lot of small blocks that
glibc keeps in the heap; `malloc_trim(0)` returns the free pages to the system (measured on the demo
start in BENCHMARKS.md, #21). And PySide6 reads the source of every module imported after it (its
`__feature__` support looks for the word "PySide6" with `inspect.getsource`), which leaves all of
them, ~15 MB of lines, in `linecache` for good: they are dropped (a traceback reads its lines again).

After the freeze the collector tracks few objects at rest (~6,000), and Python starts a full collection once
those that survived younger collections outnumber a quarter of them, checked every `threshold[2]` (10)
collections of the middle generation. A long answer catching up in the view keeps 30,000-50,000 objects alive
for a while (its lines and pages), so a flood set off one or two full collections, each 10-16 ms of the
window's thread scanning them (gc.callbacks, #21). Full collections are considered ten times less often
(`FULL_EVERY`): they find next to nothing (0-27 objects in those); the young generations are collected as before.

glibc gives every thread that allocates its own arena (up to 8 per core), a 64 MB-reserved heap whose
freed pages stay in the process: the window's workers (a thread per chat, Qt's pool, the task runner)
each left one. `cap_arenas` keeps them to two, the GUI thread's and one shared by the workers (they
take turns for the GIL anyway), and `trim` at idle moments gives back what an answer or a closed
conversation freed (BENCHMARKS.md, "Memory, fourth step").
"""

from __future__ import annotations

import ctypes
import gc
import linecache
import sys
from functools import cache

FULL_EVERY = 100  # collections of the middle generation before a full one is considered (Python's default: 10)
M_ARENA_MAX = -8  # glibc's malloc.h


@cache
def _glibc() -> ctypes.CDLL | None:
    """The C library the process runs with, if it is glibc (found without `find_library`, which runs
    `ldconfig` in a child process); None elsewhere (musl, macOS, Windows)."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None)  # the symbols already loaded: the process's own C library
    return libc if hasattr(libc, "gnu_get_libc_version") else None


def is_glibc() -> bool:
    return _glibc() is not None


def cap_arenas(count: int = 2) -> bool:
    """Let glibc's malloc make at most `count` arenas from now on (call it before threads start); False
    where the C library is not glibc (nothing is changed)."""
    libc = _glibc()
    return bool(libc.mallopt(M_ARENA_MAX, count)) if libc is not None else False


def trim() -> bool:
    """Give the heap's free pages back to the system (glibc); False where there is no malloc_trim."""
    libc = _glibc()
    return bool(libc.malloc_trim(0)) if libc is not None else False


def settle() -> None:
    """Call once, when start-up is over: collect its garbage, freeze what is left, trim the heap; full
    collections from then on are rarer (`FULL_EVERY`)."""
    linecache.clearcache()
    gc.collect()
    gc.freeze()
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_EVERY)
    trim()


def collect_due() -> int:
    """What Python's automatic collector would collect now, on the calling thread: the oldest generation
    whose count passed its threshold, once the youngest's has (checked as CPython does, without its
    extra long-lived ratio for full collections: `FULL_EVERY` keeps those rare); 0 when nothing is due.
    Returns the number of unreachable objects found."""
    thresholds, counts = gc.get_threshold(), gc.get_count()
    if counts[0] <= thresholds[0]:
        return 0
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            return gc.collect(generation)
    return 0
