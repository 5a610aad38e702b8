"""The window's longest stall when a huge question is sent to the demo bot (run by hand, not a test).

    .venv/bin/python bench/bench_big_question.py [--mb 4] [--runs 3] [--source DIR]... [--limit 60]
        [--trace-ms 50]

Each run is a new process (cwd the source, so `import desktop` is that copy; `--source` more than once and
the runs take turns, for before/after in the same minutes): the real app (DesktopApp, demo mode, offscreen
unless QT_QPA_PLATFORM says otherwise, an empty profile) starts a chat with the demo bot and sends a question
of `--mb` MB (bench_export_stall.huge_question: Chinese and English words in paragraphs) the way the Send
button does (`window.send`), while a 2 ms timer on the window's thread measures how long the event loop went
without running. Reported: the longest gap from the Send until the question's bubble has been painted
(`sent`), the longest gap and how long it took until the turn has ended and the view is idle (`answer`,
at most `--limit` s: "not settled" past it), the answer's length, and the question's length as saved.
--trace-ms prints what the window's thread was doing in each gap longer than that (bench/stall_sampler.py;
it has crashed the app, see bench_export_stall.py: measure without it first).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, os.getcwd())
sys.path.insert(1, sys.argv[4])  # bench/ of this checkout's runner (huge_question, the sampler)
from PySide6.QtCore import QTimer
from desktop.app import DesktopApp
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.store import Store
from desktop.ui.qt_app import qt_application
from bench_export_stall import huge_question
from stall_sampler import StallSampler

mb, limit, trace_ms = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
folder = Path(tempfile.mkdtemp(prefix="bench-big-question-"))
profile = Profile(folder / "profile").ensure()
qapp = qt_application()
app = DesktopApp(qapp, profile, Store.open(profile.database_path), setup_logging(profile.logs_dir))
beats = {"last": time.perf_counter(), "gaps": []}

def beat():
    now = time.perf_counter()
    beats["gaps"].append((now, now - beats["last"]))
    beats["last"] = now

timer = QTimer()
timer.setInterval(2)
timer.timeout.connect(beat)
sampler = StallSampler(lambda: beats["last"], late=0.02) if trace_ms else None
app.window.show()
timer.start()

def run_until(name, done, limit):
    beats["gaps"], beats["last"] = [], time.perf_counter()
    if sampler is not None:
        sampler.clear()
    start = time.perf_counter()
    while not done() and time.perf_counter() - start < limit:
        qapp.processEvents()
        time.sleep(0.0005)
    gaps = list(beats["gaps"])
    if sampler is not None:
        print(name, *sampler.report(gaps, trace_ms / 1000), sep="\n", file=sys.stderr, flush=True)
    return time.perf_counter() - start, max((length for _end, length in gaps), default=0.0), done()

app.start_demo()
run_until("start", lambda: False, 2.5)  # past the indexer's pass after start (AFTER_START_MS)
question = huge_question(mb, True)
view = app.window.chat.view
rows_before = view.rows_built
painted = []
list_view = view.list_view
viewport = list_view.viewport()
from PySide6.QtCore import QObject, QEvent
class PaintSpy(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and view.rows_built > rows_before:
            painted.append(time.perf_counter())
        return False
spy = PaintSpy()
viewport.installEventFilter(spy)
beats["gaps"], beats["last"] = [], time.perf_counter()
start = time.perf_counter()
app.window.send(question)
sent_at = time.perf_counter()
chat_id = app.window.current_conversation
sent = run_until("sent", lambda: bool(painted), 30)
sent = (painted[0] - start if painted else sent[0], max(sent[1], sent_at - start), sent[2])
answer = run_until("answer", lambda: not app.chats.is_busy(chat_id) and view.is_idle(), limit)
rows = Store.open(profile.database_path).messages.all(chat_id)
question_saved = max((len(m.content) for m in rows if m.role.value == "user"), default=0)
answer_saved = max((len(m.content) for m in rows if m.role.value == "assistant" and m.type == "answer"), default=0)
print(json.dumps({"sent_s": sent[0], "sent_stall_ms": sent[1] * 1000, "answer_s": answer[0],
                  "answer_stall_ms": answer[1] * 1000, "settled": answer[2], "question": len(question),
                  "question_saved": question_saved, "answer_saved": answer_saved}), flush=True)
os._exit(0)  # (an orderly quit is not what this bench is about)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=4.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=60.0, help="seconds to wait for the answer to settle")
    parser.add_argument("--trace-ms", type=float, default=0.0)
    parser.add_argument("--source", action="append")
    args = parser.parse_args()
    sources = [ROOT if s == "." else Path(s).resolve() for s in args.source or ["."]]
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    results: dict[Path, list[dict[str, float]]] = {s: [] for s in sources}
    for _ in range(args.runs):
        for source in sources:
            command = [
                sys.executable,
                "-c",
                CHILD,
                str(args.mb),
                str(args.limit),
                str(args.trace_ms),
                str(ROOT / "bench"),
            ]
            done = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise SystemExit(done.stderr[-3000:])
            if args.trace_ms:
                print(done.stderr, flush=True)
            results[source].append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(source, results[source][-1], flush=True)
    print(
        "\n| source | bubble painted | longest stall until then | answer settled | longest stall until then |"
        " question saved | answer |"
    )
    print("|---|---|---|---|---|---|---|")
    for source, runs in results.items():
        med = {k: statistics.median(float(r[k]) for r in runs) for k in runs[0]}
        settled = sum(bool(r["settled"]) for r in runs)
        print(
            f"| {source} | {med['sent_s']:.2f} s | {med['sent_stall_ms']:.0f} ms |"
            f" {med['answer_s']:.1f} s ({settled}/{len(runs)} settled) | {med['answer_stall_ms']:.0f} ms |"
            f" {med['question_saved']:,.0f} of {med['question']:,.0f} | {med['answer_saved']:,.0f} |"
        )


if __name__ == "__main__":
    main()
