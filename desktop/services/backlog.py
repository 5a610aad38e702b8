"""How many of a worker's signals wait for the GUI thread, and a pause for the worker when too many do.

The signals wait in the controller's inbox (turn_inbox.py), and a drain takes in every event put when it
started. A bot (or the local server) sending faster than the GUI takes deltas in (~15 µs each: the turn,
the store buffer, the view) would pile up thousands of them, and the drain that takes them in would block
the window for their sum (~100 ms for 6,000 deltas). So the worker counts what it sent, the GUI counts
what it took in, and the worker waits while more than `limit` are in flight, until the GUI is down to
half of that: a drain then holds at most `limit` deltas. Every delta is still one signal; nothing is
dropped or merged (the view coalesces its repaints on its own timer). At a real
bot's pace the inbox never fills and the worker never waits.

The wait is bounded: a GUI thread not taking anything in for `patience` seconds (blocked, or waiting
for the worker itself) turns the pause off for the rest of the stream. `close()` (a stop) wakes the
worker at once.
"""

from __future__ import annotations

import threading

LIMIT = 200  # deltas in flight before the worker waits: ~3-5 ms of the GUI's time (500 let a pass take ~12-25 ms)
PATIENCE = 0.5  # s without progress before the worker stops waiting for this stream


class Backlog:
    """Signals sent by one worker (counted on its thread) and taken in by the GUI (counted on the GUI's).

    Each counter has one writer, so no lock is needed for them; the Event only parks the worker.
    """

    def __init__(self, limit: int = LIMIT, patience: float = PATIENCE) -> None:
        self.limit = limit
        self._patience = patience
        self.sent = 0
        self.taken = 0
        self.waits = 0  # how often the worker paused (for tests and the benchmark)
        self._room = threading.Event()
        self._room.set()
        self._low = limit // 2  # what the waiting worker waits for the backlog to go down to
        self._open = False  # no more pauses: closed, or the GUI stopped taking events in

    def in_flight(self) -> int:
        return self.sent - self.taken

    def sent_one(self, alone: bool = False) -> None:
        """Worker thread, after each emit: wait while the GUI has more than `limit` to take in, or, with
        `alone` (an event that costs the GUI more than a delta: a completed answer written to the
        history), until it took this one in, so the next one is handled in a pass of its own."""
        self.sent += 1
        high, low = (0, 0) if alone else (self.limit, self.limit // 2)
        if self.sent - self.taken <= high or self._open:
            return
        self._low = low
        self._room.clear()
        # Checked again after clear(): a take_one() that ran before it must not be a lost wake-up.
        while self.sent - self.taken > low and not self._open:
            before = self.taken
            self.waits += 1
            if not self._room.wait(self._patience) and self.taken == before:
                self._open = True  # the GUI is not taking anything in: never wait on it again
            self._room.clear()

    def take_one(self) -> None:
        """GUI thread, for each signal taken in: let a waiting worker go once it is down to what it waits for."""
        self.taken += 1
        if not self._room.is_set() and self.sent - self.taken <= self._low:
            self._room.set()

    def close(self) -> None:
        """Any thread: never wait again (the stream is stopped)."""
        self._open = True
        self._room.set()
