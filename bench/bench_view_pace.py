"""The chat view alone while an answer streams at a real pace: its thread's CPU per second (run by hand, not a test).

    QT_QPA_PLATFORM=offscreen python bench/bench_view_pace.py [--lang en|zh] [--seconds 15] [--runs 3]
                                                               [--source DIR]...

`bench_pace.py` measures the whole app (the worker reading HTTP, the controller, the store and the view)
in a process of its own, and its runs spread by about a point of a core on this shared machine, more than
a change to the view alone saves. This measures only what the view does: a `ChatView` (1000×760, offscreen,
made with the app's `qt_application`) is sent the demo bot's long answer one delta every `--pace` seconds
(0.02: 50 a second) by a timer, as the controller sends them, and the GUI thread's CPU (`time.thread_time`)
is read over `--seconds` once the answer is a few hundred characters long. Frames, paints and the characters
converted are counted. Each run is a fresh process; with more than one `--source` (a `git archive … desktop
resources` of another commit, "." is this tree) the runs take turns, so every source is measured in the
same minutes. Prints one line per run and the median of each source. `--probe` adds, per run, the GUI
thread's CPU inside each of the view's main functions over the window (`PROBED`; inclusive: a function's
time includes the probed functions it calls).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = {"en": "Please give me a long answer", "zh": "请给我一个长一点的回答"}
PROBED = {  # module: its attributes (Class.method or function) timed by --probe
    "desktop.ui.chat.chat_view": ["ChatView._flush", "ChatView.append_delta"],
    "desktop.ui.chat.list_view": ["MessageListView.grow", "MessageListView._settle", "MessageListView.paintEvent"],
    "desktop.ui.chat.delegate": ["MessageDelegate.sync", "MessageDelegate.paint", "MessageDelegate._draw_page"],
    "desktop.ui.chat.streaming": ["StreamingDocument.update", "StreamingDocument.grow"],
    "desktop.ui.chat.documents": ["Page.reset", "Page.extend", "Page.lines"],
    "desktop.ui.chat.markdown": ["MarkdownRenderer.render_chunk"],
    "desktop.ui.chat.rows": ["build_row"],
    "desktop.ui.chat.repaint": ["QuietScrollBar.paintEvent", "repaint_below"],
}


def probe(times: dict[str, list[float]]) -> None:
    """Wrap the PROBED functions (before the view is made: it connects bound methods) to add up the thread's
    CPU in each: times[name] = [calls, seconds]."""
    import functools
    import importlib
    import time

    def timed(name: str, function: Callable[..., object]) -> Callable[..., object]:
        @functools.wraps(function)
        def call(*args: object, **kwargs: object) -> object:
            started = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                entry = times.setdefault(name, [0, 0.0])
                entry[0] += 1
                entry[1] += time.thread_time() - started

        return call

    for module_name, names in PROBED.items():
        module = importlib.import_module(module_name)
        for name in names:
            owner_name, _, attribute = name.rpartition(".")
            owner = getattr(module, owner_name) if owner_name else module
            if hasattr(owner, attribute):  # (an older source may not have it)
                setattr(owner, attribute, timed(name, getattr(owner, attribute)))
    delegate = importlib.import_module("desktop.ui.chat.delegate")  # it imported build_row by name
    delegate.build_row = importlib.import_module("desktop.ui.chat.rows").build_row


def measure(lang: str, pace: float, seconds: float, probed: bool) -> dict[str, object]:
    """In this process (cwd is the source measured): stream the long answer into a shown ChatView."""
    import gc
    import random
    import time

    sys.path.insert(0, os.getcwd())
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer

    from desktop.core.cozeserver import demo_texts_en, demo_texts_zh
    from desktop.core.cozeserver.deltas import split_deltas
    from desktop.core.cozeserver.demo_bot import _long_answer
    from desktop.core.vocabulary import MessageStatus, Role
    from desktop.ui.chat.chat_view import ChatView
    from desktop.ui.chat.items import MessageItem
    from desktop.ui.qt_app import qt_application
    from desktop.ui.warm_up import warm_up

    try:
        from desktop.core.heap import settle
    except ImportError:  # (a source from before it)

        def settle() -> None:
            gc.collect()

    app = qt_application()
    times: dict[str, list[float]] = {}
    if probed:
        probe(times)
    warm_up()  # the app does it on a worker after start: no Pygments compile inside the window
    settle()  # and freezes what start-up built (desktop.core.heap)
    view = ChatView()
    view.resize(1000, 760)
    view.show()
    question = MessageItem(1, Role.USER, QUESTIONS[lang])
    view.set_messages([question])
    view.append_message(MessageItem(2, Role.ASSISTANT, "", sender_name="Bot", status=MessageStatus.STREAMING))
    pieces = split_deltas(_long_answer(demo_texts_en if lang == "en" else demo_texts_zh), random.Random(21))
    counts = {"frames": 0, "converted": 0, "paints": 0}

    def shown(_deltas: int, converted: int, _seconds: float) -> None:
        counts["frames"] += 1
        counts["converted"] += converted

    class Paints(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                counts["paints"] += 1
            return False

    paints = Paints()
    view.list_view.viewport().installEventFilter(paints)
    view.frameShown.connect(shown)
    sent = [0]
    marks: dict[str, float] = {}
    warm = 500  # characters shown before measuring: the row laid out, the first pages made

    def send() -> None:
        index = sent[0]
        if index >= len(pieces):
            app.quit()
            return
        view.append_delta(2, pieces[index])
        sent[0] += 1
        done = sum(len(piece) for piece in pieces[: sent[0]])
        now = time.monotonic()
        if "start" not in marks and done >= warm:
            marks.update(start=now, cpu=time.thread_time(), index=sent[0])
            for key in counts:
                counts[key] = 0
            times.clear()
        elif "start" in marks and now - marks["start"] >= seconds:
            marks.update(end=now, cpu_end=time.thread_time(), index_end=sent[0])
            app.quit()

    gc_time = [0.0, 0.0, 0, 0]  # CPU in collections during the window, since the last start; collections

    def collected(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_time[1] = time.thread_time()
        elif "start" in marks and "end" not in marks:
            gc_time[0] += time.thread_time() - gc_time[1]
            gc_time[2 if info["generation"] < 2 else 3] += 1

    gc.callbacks.append(collected)
    timer = QTimer(interval=round(pace * 1000))
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(send)
    timer.start()
    app.exec()
    if "end" not in marks:
        raise SystemExit("bench_view_pace: the answer ended before the window did (a smaller --seconds)")
    elapsed = marks["end"] - marks["start"]
    return {
        "cpu": 100 * (marks["cpu_end"] - marks["cpu"]) / elapsed,
        "deltas": (marks["index_end"] - marks["index"]) / elapsed,
        "frames": counts["frames"] / elapsed,
        "paints": counts["paints"] / elapsed,
        "converted": counts["converted"] / elapsed,
        "gc": 100 * gc_time[0] / elapsed,
        "collections": gc_time[2] / elapsed,
        "full": gc_time[3],
        "probe": {name: [calls / elapsed, 100 * cpu / elapsed] for name, (calls, cpu) in times.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=tuple(QUESTIONS), default="en")
    parser.add_argument("--pace", type=float, default=0.02, help="seconds between deltas (0.02 = 50 a second)")
    parser.add_argument("--seconds", type=float, default=15.0, help="seconds of CPU measured per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", action="append", help="measure this copy of the source; repeat to take turns")
    parser.add_argument("--probe", action="store_true", help="the CPU inside the view's main functions, per run")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.lang, args.pace, args.seconds, args.probe)))
        return 0
    sources = [ROOT if source == "." else Path(source).resolve() for source in args.source or ["."]]
    results: dict[Path, list[dict[str, float]]] = {source: [] for source in sources}
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", "--lang", args.lang]
    command += ["--pace", str(args.pace), "--seconds", str(args.seconds)] + (["--probe"] if args.probe else [])
    for run in range(args.runs):
        for source in sources:
            out = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True, check=True).stdout
            result = json.loads(out.strip().splitlines()[-1])
            results[source].append(result)
            print(
                f"run {run + 1}: view thread {result['cpu']:.2f} % of a core, {result['deltas']:.0f} deltas/s, "
                f"{result['frames']:.1f} frames/s, {result['paints']:.1f} paints/s, "
                f"{result['converted']:.0f} chars converted/s, garbage collections {result['gc']:.2f} % "
                f"({result['collections']:.1f}/s, {result['full']:.0f} full), load {os.getloadavg()[0]:.2f}  [{source}]",
                flush=True,
            )
            for name, (calls, cpu) in sorted(result["probe"].items(), key=lambda entry: -entry[1][1]):
                print(
                    f"    {name:32s} {calls:6.1f}/s {10 * cpu / max(calls, 1e-9):7.3f} ms each {cpu:6.2f} % of a core"
                )
    for source, runs in results.items():
        cpu = statistics.median(r["cpu"] for r in runs)
        spread = ", ".join(f"{r['cpu']:.2f}" for r in runs)
        print(f"median of {len(runs)}: view thread {cpu:.2f} % of a core ({spread})  ({args.lang}, {source})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
