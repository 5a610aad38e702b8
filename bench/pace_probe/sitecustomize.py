"""bench_pace.py --probe: the window's own functions timed on its thread (loaded by Python at start through
PYTHONPATH; does nothing unless PACE_PROBE_OUT names the file to write).

Wraps each function of PACE_PROBE (module:Class.method or module:function, comma-separated) to add up the
calling thread's CPU (`time.thread_time`, inclusive) and its calls, on the window's thread only. A line
"start" written to the FIFO PACE_PROBE_OUT + ".ctl" starts the count (and notes the window thread's CPU);
"end" writes {name: [calls, seconds]} and "_thread" (the window thread's CPU since "start") to
PACE_PROBE_OUT as JSON. (Not signals: the app quits on any signal it is woken by.) Not a test; not shipped.
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


if os.environ.get("PACE_PROBE_OUT"):
    _install(os.environ["PACE_PROBE_OUT"], [n for n in os.environ.get("PACE_PROBE", "").split(",") if n])
