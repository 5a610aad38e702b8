"""bench_pace.py --probe: the window's own functions timed on its thread (loaded by Python at start through
PYTHONPATH; does nothing unless PACE_PROBE_OUT names the file to write).

Wraps each function of PACE_PROBE (module:Class.method or module:function, comma-separated) to add up the
calling thread's CPU (`time.thread_time`, inclusive) and its calls, on the window's thread only. A line
"start" written to the FIFO PACE_PROBE_OUT + ".ctl" starts the count (and notes the window thread's CPU);
"end" writes {name: [calls, seconds]} and "_thread" (the window thread's CPU since "start") to
PACE_PROBE_OUT as JSON. (Not signals: the app quits on any signal it is woken by.) Not a test; not shipped.

With PACE_PROBE_EVENTS=1 (bench_pace.py --events) the QApplication is made as a subclass whose `notify` counts
every event the event loop hands the window's thread (not the ones sent inside them) and the thread's CPU inside
it, by type and receiver, under names starting with "event " ("event Timer QTimer 50 ms CoarseTimer in
TurnInbox", a single-shot QTimer without its interval, a timer of Qt's own by its receiver's class). Python's
notify runs for every event: a census of what the loop hands the thread, not a measurement of its cost.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import sys
import threading
import time
from collections.abc import Callable


def _install(out: str, names: list[str]) -> None:
    sys.path.insert(0, os.getcwd())  # (`python -m desktop` adds the cwd only after site ran)
    main = threading.main_thread()
    times: dict[str, list[float]] = {}
    state = {"on": False, "cpu": 0.0}

    def timed(name: str, function: Callable[..., object]) -> Callable[..., object]:
        @functools.wraps(function)
        def call(*args: object, **kwargs: object) -> object:
            if not state["on"] or threading.current_thread() is not main:
                return function(*args, **kwargs)
            started = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                entry = times.setdefault(name, [0, 0.0])
                entry[0] += 1
                entry[1] += time.thread_time() - started

        return call

    for spec in names:
        module_name, _, attribute_path = spec.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        owner_name, _, attribute = attribute_path.rpartition(".")
        owner = getattr(module, owner_name, None) if owner_name else module
        if owner is not None and hasattr(owner, attribute):
            setattr(owner, attribute, timed(attribute_path, getattr(owner, attribute)))

    clock = time.pthread_getcpuclockid(main.ident or 0)

    def listen() -> None:  # on a thread of its own, blocked on the FIFO: no wake-ups meanwhile
        with open(out + ".ctl", encoding="utf-8") as control:
            for line in control:
                if line.strip() == "start":
                    times.clear()
                    state.update(on=True, cpu=time.clock_gettime(clock))
                elif line.strip() == "end":
                    state["on"] = False
                    result = {name: list(entry) for name, entry in times.items()}
                    result["_thread"] = [1, time.clock_gettime(clock) - state["cpu"]]
                    with open(out + ".tmp", "w", encoding="utf-8") as f:
                        json.dump(result, f)
                    os.replace(out + ".tmp", out)

    threading.Thread(target=listen, name="pace-probe", daemon=True).start()
    if os.environ.get("PACE_PROBE_EVENTS"):
        _count_events(state, times)


def _count_events(state: dict[str, float], times: dict[str, list[float]]) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui import qt_app

    main_ident = threading.main_thread().ident
    depth = [0]

    def key(receiver: QObject, event: QEvent) -> str:
        kind = event.type().name
        name = type(receiver).__name__
        if isinstance(receiver, QTimer):
            parent = receiver.parent()
            owner = type(parent).__name__ if parent is not None else "-"
            label = receiver.objectName()
            every = "once" if receiver.isSingleShot() else f"{receiver.interval()} ms"  # (a frame's varies)
            name = f"QTimer {every} {receiver.timerType().name} in {owner} {label}"
        return f"event {kind} {name}"

    class CensusApplication(QApplication):
        def notify(self, receiver: QObject, event: QEvent) -> bool:
            if not state["on"] or depth[0] or threading.get_ident() != main_ident:
                return bool(super().notify(receiver, event))
            name = key(receiver, event)
            depth[0] += 1
            started = time.thread_time()
            try:
                return bool(super().notify(receiver, event))
            finally:
                depth[0] -= 1
                entry = times.setdefault(name, [0, 0.0])
                entry[0] += 1
                entry[1] += time.thread_time() - started

    vars(qt_app)["QApplication"] = CensusApplication  # what qt_application() makes


if os.environ.get("PACE_PROBE_OUT"):
    _install(os.environ["PACE_PROBE_OUT"], [n for n in os.environ.get("PACE_PROBE", "").split(",") if n])
