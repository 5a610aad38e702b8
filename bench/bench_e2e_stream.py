"""End to end: a 1 MB answer in ~30,000 deltas from the local Coze server at full speed, through the
real worker thread, controller, store and chat view of the main window (offscreen).

    QT_QPA_PLATFORM=offscreen python bench/bench_e2e_stream.py [--runs 3]

Reports, per run: the server's own send time, time until the worker finished, time until the view
shows the whole answer, the longest main-thread stall (a 5 ms heartbeat) and how many passed 50 ms, the
most CPU time the main thread used between two beats (`longest_stall_cpu_ms`: what a stall would be if
no other process took the cores; on this shared machine the wall time stretches 2-3x with the load),
the longest garbage collection (any thread: it holds the GIL), deltas received by the view, frames
rendered, and the cost of the first vs the last frames. As the app does once its window is painted,
the objects built so far are frozen out of the collector (`desktop.core.heap.settle`); `--no-settle`
leaves them in (the code before #21's stall work, which had no settle, measures the same either way).
`--trace` samples the window thread's stack while the heartbeat is late and prints, for each stall over
`--trace-ms`, where it was (bench/stall_sampler.py).
The QApplication is made as the app makes it (`qt_application`: Qt's fills on the painting thread, the GIL
handed back to the window's thread within 1 ms); before 2026-12-06 07:00 the bench made a bare one.

Note that the local server runs in this process: its thread takes the GIL too (a real Coze is
another process; it builds the whole 11.7 MB stream, ~0.2-0.3 s of Python, as each run starts), so the
stalls here are an upper bound. `--server-process` runs it in a process of its own.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from bench.stall_sampler import StallSampler
from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer, Scenario
from desktop.core.store import Store
from desktop.services.bots import BotService
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from desktop.services.history import HistoryService
from desktop.services.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from tests.chat_probes import FrameStats

try:
    from desktop.core.heap import settle
except ImportError:  # the code before #21's stall work, run with this script for a comparison
    settle = None  # type: ignore[assignment]
try:  # the app's QApplication: its switches (serial fills; the GIL handed back within 1 ms, #21)
    from desktop.ui.qt_app import qt_application
except ImportError:
    qt_application = None  # type: ignore[assignment]
try:  # as the app does after start (#21, third step): lexers compiled on a worker, answers indexed on one
    from desktop.services.search_indexer import SearchIndexer
    from desktop.ui.warm_up import warm_up
except ImportError:  # the code before that step
    SearchIndexer = None  # type: ignore[assignment,misc]
    warm_up = None  # type: ignore[assignment]

TOKEN = "pat_bench"


class ServerProcess:
    """The local Coze server in a process of its own, as a real Coze is (`--server-process`): its sending
    does not take this process's GIL. Same interface as the bench uses of `CozeServer`."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._pipe, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        self.base_url: str = self._pipe.recv()

    def queue(self, scenario: Scenario) -> None:
        self._pipe.send(("queue", scenario))
        self._pipe.recv()

    @property
    def last_stream_seconds(self) -> float | None:
        self._pipe.send(("last", None))
        seconds: float | None = self._pipe.recv()
        return seconds

    def __enter__(self) -> ServerProcess:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._pipe.send(("stop", None))
        self._process.join(5)


def _serve(pipe: Any) -> None:
    with CozeServer(accepted_tokens={TOKEN}, pace=0.0) as server:
        pipe.send(server.base_url)
        while (request := pipe.recv())[0] != "stop":
            if request[0] == "queue":
                server.queue(request[1])
            pipe.send(server.last_stream_seconds if request[0] == "last" else None)


class Heartbeat:
    def __init__(self) -> None:
        self.longest = 0.0
        self.over_50ms = 0
        self.longest_cpu = 0.0  # the window thread's own CPU time within one gap (not the time other processes took)
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.gaps: list[tuple[float, float]] = []  # (when a late beat came, how late), over 20 ms
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._beat)
        self._timer.start()

    def _beat(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.longest = max(self.longest, now - self._last)
        self.longest_cpu = max(self.longest_cpu, cpu - self._last_cpu)
        self._last_cpu = cpu
        self.over_50ms += now - self._last > 0.050
        if now - self._last > 0.020:
            self.gaps.append((now, now - self._last))
        self._last = now

    def longest_ending_in(self, start: float, end: float) -> float:
        return max((gap for when, gap in self.gaps if start <= when <= end), default=0.0)

    def last_beat(self) -> float:
        return self._last

    def reset(self) -> None:
        self.longest = 0.0
        self.over_50ms = 0
        self.longest_cpu = 0.0
        self._last_cpu = time.thread_time()
        self.gaps.clear()
        self._last = time.perf_counter()


class Collections:
    """The longest garbage collection (gc.callbacks), whichever thread ran it."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.longest = max(self.longest, time.perf_counter() - self._started)


def pump_until(predicate: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        QTimer.singleShot(2, loop.quit)
        loop.exec()
    return False


def one_run(
    indexer: Any,
    server: CozeServer | ServerProcess,
    window: MainWindow,
    chats: ChatController,
    store: Store,
    beat: Heartbeat,
    stats: FrameStats,
    collections: Collections,
    sampler: Any = None,
    trace_ms: float = 40.0,
) -> dict[str, float]:
    server.queue(Scenario("long_answer", size_bytes=1_000_000, deltas=30_000))
    window.new_chat()
    view = window.chat.view
    stats.reset()
    beat.reset()
    if sampler is not None:
        sampler.clear()
    collections.longest = 0.0
    started = time.perf_counter()
    window.send("long answer please")
    conversation = window.current_conversation
    assert conversation is not None
    pump_until(lambda: not chats.is_busy(conversation), 120)
    done_at = time.perf_counter()
    worker_done = done_at - started
    # The pass that applies the answer's end (its completed text, the chat's end and usage): the longest
    # stall that ended from just before the chat was seen done until just after.
    end_stall = beat.longest_ending_in(done_at - 0.15, done_at + 0.01)
    answer = store.messages.page(conversation)[-1]
    pump_until(lambda: view.is_idle() and view.message_text(answer.id) == answer.content, 120)
    shown = time.perf_counter() - started
    if indexer is not None:  # its index written by the worker (the next run starts after, as a person would)
        pump_until(lambda: not indexer.running and store.search.pending() == 0, 30)
    frames = list(stats.seconds)
    if sampler is not None:
        print(f"run: longest {beat.longest * 1000:.1f} ms, end at {done_at:.3f}", flush=True)
        print("\n".join(sampler.report(beat.gaps, trace_ms / 1000)), flush=True)
    return {
        "server_send_s": server.last_stream_seconds or 0.0,
        "worker_done_s": worker_done,
        "fully_shown_s": shown,
        "longest_stall_ms": beat.longest * 1000,
        "stalls_over_50ms": beat.over_50ms,
        "longest_stall_cpu_ms": beat.longest_cpu * 1000,
        "end_stall_ms": end_stall * 1000,
        "longest_gc_ms": collections.longest * 1000,
        "view_deltas": stats.delivered,
        "frames": stats.frames,
        "first_frames_ms": statistics.mean(frames[:10]) * 1000 if frames else 0.0,
        "last_frames_ms": statistics.mean(frames[-10:]) * 1000 if frames else 0.0,
        "answer_chars": len(answer.content),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-settle", action="store_true", help="do not freeze start-up's objects (as before #21)")
    parser.add_argument("--no-warm-up", action="store_true", help="do not compile the common lexers after start")
    parser.add_argument("--server-process", action="store_true", help="the local server in a process of its own")
    parser.add_argument("--trace", action="store_true", help="print what the window's thread did in long stalls")
    parser.add_argument("--trace-ms", type=float, default=40.0, help="the stalls --trace describes (ms)")
    args = parser.parse_args()
    app = qt_application() if qt_application is not None else QApplication(sys.argv[:1])  # as the app starts
    try:  # the window's collector (services/gui_collector.py): cycles freed on the GUI thread only
        from desktop.services.gui_collector import GuiThreadCollector

        collector = GuiThreadCollector()
        collector.start()
    except ImportError:
        pass
    results = []
    serving = ServerProcess() if args.server_process else CozeServer(accepted_tokens={TOKEN}, pace=0.0)
    with tempfile.TemporaryDirectory() as tmp, serving as server:
        store = Store.open(Path(tmp) / "history.sqlite3")
        tasks = TaskRunner()
        history = HistoryService(store)
        chats = ChatController(store, lambda bot: Connection(server.base_url, TOKEN, bot, "bench"))
        window = MainWindow(
            history,
            chats,
            BotService(store.bots, tasks),
            language="en",
            bot_for_new_chat=lambda: DEMO_BOT_ID,
            is_demo=lambda: False,
        )
        window.resize(1100, 800)
        window.show()
        indexer = SearchIndexer(store, chats, tasks) if SearchIndexer is not None else None
        pump_until(lambda: False, 0.2)  # the window painted, as when the app settles
        if settle is not None and not args.no_settle:
            settle()
        if warm_up is not None and not args.no_warm_up:  # done long before anyone's first code block
            warmed: list[int] = []
            tasks.submit(warm_up, warmed.append)
            pump_until(lambda: bool(warmed), 30)
        beat = Heartbeat()
        collections = Collections()
        stats = FrameStats.watch(window.chat.view)
        chats.answerDelta.connect(stats.count_delivered)  # every delta the window is handed
        sampler = StallSampler(beat.last_beat) if args.trace else None
        for _ in range(args.runs):
            results.append(
                one_run(indexer, server, window, chats, store, beat, stats, collections, sampler, args.trace_ms)
            )
        if sampler is not None:
            sampler.close()
        chats.shutdown(2000)
        tasks.shutdown(1000)
        window.close()
        store.close()
    del app
    keys = list(results[0])
    print("| metric | " + " | ".join(f"run {i + 1}" for i in range(len(results))) + " | median |")
    print("|---|" + "---:|" * (len(results) + 1))
    for key in keys:
        values = [r[key] for r in results]
        cells = " | ".join(f"{v:,.3f}" if isinstance(v, float) else f"{v:,}" for v in values)
        print(f"| {key} | {cells} | {statistics.median(values):,.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
