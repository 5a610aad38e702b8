"""What the window's thread was doing during its stalls: a sampler thread reads its stack every ~1 ms while
the heartbeat is late (nothing is sampled while beats come on time, so the bench runs as it would).

Used by `bench_e2e_stream.py --trace`: after each run, every stall over `--trace-ms` is printed with the
innermost frames of the project's code (and the outermost, the event that started the pass), counted.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from types import FrameType


def _where(frame: FrameType | None, depth: int = 3) -> str:
    """The innermost `depth` frames of our own code (desktop/), the outermost one (what started the pass)
    and the leaf function, innermost first."""
    ours: list[str] = []
    leaf = f"{frame.f_code.co_name}" if frame is not None else "?"
    while frame is not None:
        name = frame.f_code.co_filename
        if "/desktop/" in name:
            ours.append(f"{name.rsplit('/desktop/', 1)[1]}:{frame.f_code.co_name}")
        frame = frame.f_back
    shown = ours[:depth] + (["…", ours[-1]] if len(ours) > depth else [])
    return f"[{leaf}] " + " < ".join(shown)


class StallSampler:
    """Samples the main thread's stack while `last_beat()` is more than `late` seconds ago."""

    def __init__(self, last_beat: Callable[[], float], late: float = 0.012) -> None:
        self._last_beat = last_beat
        self._late = late
        self._main = threading.main_thread().ident
        self.samples: list[tuple[float, str]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="stall-sampler", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.001):
            now = time.perf_counter()
            if now - self._last_beat() > self._late:
                frame = sys._current_frames().get(self._main or 0)
                self.samples.append((now, _where(frame)))

    def report(self, gaps: list[tuple[float, float]], over: float) -> list[str]:
        """Lines describing each gap longer than `over` seconds (gaps: (when it ended, length))."""
        lines = []
        for end, length in gaps:
            if length < over:
                continue
            inside = Counter(where for when, where in self.samples if end - length <= when <= end)
            lines.append(f"  stall {length * 1000:.1f} ms ending at {end:.3f}:")
            lines += [f"    {count:3d} × {where}" for where, count in inside.most_common(8)]
        return lines

    def clear(self) -> None:
        self.samples.clear()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(1)
