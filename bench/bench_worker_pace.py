"""CPU of one delta on the chat worker's thread, and of taking it in on the GUI's, at a real pace (run by hand).

    python bench/bench_worker_pace.py [--deltas 400] [--runs 3] [--pace 0.02] [--source DIR]...

The per-delta half of #21's window CPU, without the window: a `ChatWorker` on its QThread (as the app runs
it) streams the demo bot's long answer from the local server in ANOTHER process (bench_pace.py's, 50 deltas
a second), and a receiver on the main thread only takes each event in (`backlog.take_one`). Over
`--deltas` deltas after the first 50: the worker thread's CPU from /proc (schedstat, ns), the main thread's
from `time.thread_time` (Qt's event loop waking for each queued signal, and the slot; where the source has
`services/turn_inbox.py`, the events go through it as its ChatController sends them). `--source DIR` runs
another copy of the source (a `git archive` of an older commit); several take turns, one run each in turn.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_pace import BOT, TOKEN, start_server  # noqa: E402


def measure(base_url: str, deltas: int) -> None:
    """In the child process (cwd = the source to measure): print 'worker_us gui_us seconds'."""
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Slot

    from desktop.core.chat import TurnRequest
    from desktop.core.chat.events import AnswerDelta
    from desktop.services.chat_worker import ChatRequest, ChatWorker
    from desktop.services.connection import Connection
    from desktop.ui.qt_app import prompt_gil

    prompt_gil()  # as the app does
    app = QCoreApplication([])
    connection = Connection(base_url, TOKEN, BOT, "bench-user")
    worker = ChatWorker(ChatRequest(1, TurnRequest(BOT, "bench-user", "Please give me a long answer"), connection))
    thread = QThread()
    thread.setObjectName("chat-bench")
    worker.moveToThread(thread)

    def worker_ns() -> int:
        for task in Path("/proc/self/task").iterdir():
            if (task / "comm").read_text().strip() == "chat-bench":
                return int((task / "schedstat").read_text().split()[0])
        return 0

    marks: dict[str, float] = {}
    seen = [0]

    class Receiver(QObject):
        @Slot(int, object)
        def on_event(self, _conversation: int, event: object) -> None:
            worker.backlog.take_one()
            if type(event) is not AnswerDelta:
                return
            seen[0] += 1
            if seen[0] in (50, 50 + deltas):
                key = "start" if seen[0] == 50 else "end"
                marks[key + "_worker"] = worker_ns() / 1e9
                marks[key + "_gui"] = time.thread_time()
                marks[key + "_wall"] = time.monotonic()
                if key == "end":
                    worker.stop()
                    app.quit()

    receiver = Receiver()
    try:  # as the controller of the source measured takes the events in: through its inbox (2026-12-07) if it has one
        from desktop.services.turn_inbox import TurnInbox
    except ImportError:
        worker.turnEvent.connect(receiver.on_event)
    else:
        inbox = TurnInbox(receiver.on_event)
        worker.turnEvent.connect(inbox.put, Qt.ConnectionType.DirectConnection)
    thread.started.connect(worker.run)
    worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.start()
    app.exec()
    thread.wait()
    if "end_wall" not in marks:
        raise SystemExit("the answer ended before enough deltas: use fewer --deltas")
    worker_s = marks["end_worker"] - marks["start_worker"]
    gui_s = marks["end_gui"] - marks["start_gui"]
    print(f"{1e6 * worker_s / deltas} {1e6 * gui_s / deltas} {marks['end_wall'] - marks['start_wall']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--deltas", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pace", type=float, default=0.02, help="seconds between deltas (0.02 = 50 a second)")
    parser.add_argument("--source", action="append", help="a copy of the source to run (several take turns)")
    parser.add_argument("--measure", metavar="BASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.deltas)
        return 0
    env = {key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ}
    server, base_url = start_server(sys.executable, args.pace, env)
    sources = [ROOT if source == "." else Path(source).resolve() for source in args.source or ["."]]
    results: dict[Path, list[tuple[float, float]]] = {source: [] for source in sources}
    try:
        for run in range(args.runs):
            for source in sources:
                command = [sys.executable, __file__, "--measure", base_url, "--deltas", str(args.deltas)]
                out = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True, check=True)
                worker_us, gui_us, seconds = (float(x) for x in out.stdout.split())
                results[source].append((worker_us, gui_us))
                print(
                    f"run {run + 1}: worker {worker_us:.0f} µs a delta ({worker_us * args.deltas / seconds / 1e4:.2f} %"
                    f" of a core), GUI taking it in {gui_us:.0f} µs, load {os.getloadavg()[0]:.2f}"
                    + (f"  [{source}]" if len(sources) > 1 else ""),
                    flush=True,
                )
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait()
    for source, runs in results.items():
        worker = statistics.median(r[0] for r in runs)
        gui = statistics.median(r[1] for r in runs)
        print(f"median of {len(runs)}: worker {worker:.0f} µs a delta, GUI {gui:.0f} µs  ({source})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
