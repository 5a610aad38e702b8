"""CPU of the window while a bot streams at a real pace (run by hand, not a test).

    python bench/bench_pace.py [--platform offscreen|xcb] [--lang en|zh] [--streams 1|2]
                               [--pace 0.02] [--window 10] [--runs 3] [--python PYTHON] [--source DIR]... [--xvfb]

The real app (`python -m desktop`, a fresh profile and HOME) talks to the local Coze server running
in ANOTHER process (this script with `--serve`: the demo bot's answers under a bot id that is not the demo's, at
50 deltas a second with the default `--pace 0.02`)
through COZE_API_BASE / COZE_API_TOKEN / COZE_BOT_ID, as a user's app talks to Coze. It sends the demo
bot's long answer question (`--send`, once per stream: with `--streams 2` the first answer streams in
a conversation in the background while the second streams in view). Once every answer is streaming
(read from the profile's database, read-only), the CPU the app's process used is read from
/proc/<pid>/stat (utime + stime over all its threads) at the start and end of a `--window`-second
window, and the answers must still be streaming at its end (else the run is thrown away). With
`--platform xcb` the script starts its own Xvfb and reports the X server's CPU over the same window.

`--py-spy FILE` records the window with py-spy (pip install py-spy) into FILE as collapsed stacks
(one run; the CPU figure of such a run includes py-spy's pauses: profile, don't measure, with it).

`--source DIR` runs the app from another copy of the source (cwd DIR, so `python -m desktop` imports
DIR/desktop and DIR/resources), for before/after runs: e.g. a `git archive` of the commit before a
change unpacked in /tmp, run with this tree's .venv. Give it more than once (`--source . --source
/tmp/before`; "." is this tree) and the runs take turns, source after source, against the same server
(and X server), so every source is measured in the same time window; each gets its own median.
`--perf FILE` does the same with `perf record` (on-CPU samples of every thread, Qt's thread pool too,
native frames only: `perf report -i FILE --sort comm,dso`).
`--xvfb` is `--platform xcb`: the app under its own Xvfb, as a user runs it, and the X server's CPU.
`--probe` adds, per run, the window thread's CPU inside each of the functions in PROBED over the window
(inclusive; bench/pace_probe/sitecustomize.py wraps them in the app's process, told when to start and
stop through a FIFO) and the thread's own total; the wrappers cost a little, so compare probed runs with
probed runs. `--events` (with `--probe`) adds the events the event loop hands the window's thread, by type and
receiver (timers by interval and type), with the thread's CPU inside each (bench/pace_probe/sitecustomize.py).

Prints one line per run and the median: CPU as a percentage of one core, and how often a second the window's
thread was woken (its voluntary context switches over the window: it sleeps between events).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "pat_bench_pace_local_only"
BOT = "7450000000000000021"  # not the demo bot's id: that one the app serves from its own in-process server
QUESTIONS = {"en": "Please give me a long answer", "zh": "请给我一个长一点的回答"}
TICKS = os.sysconf("SC_CLK_TCK")
PROBED = [  # module:function timed on the window's thread by --probe
    "desktop.ui.chat.chat_view:ChatView._flush",
    "desktop.ui.chat.chat_view:ChatView.append_delta",
    "desktop.ui.chat.list_view:MessageListView.paintEvent",
    "desktop.ui.chat.list_view:MessageListView._settle",
    "desktop.ui.chat.list_view:MessageListView.grow",
    "desktop.ui.chat.streaming:StreamingDocument.update",
    "desktop.ui.chat.streaming:StreamingDocument.grow",
    "desktop.ui.chat.documents:Page.reset",
    "desktop.ui.chat.markdown:MarkdownRenderer.render_chunk",
    "desktop.ui.chat.repaint:QuietScrollBar.paintEvent",
    "desktop.services.chat_controller:ChatController._on_event",
    "desktop.services.chat_controller:ChatController._flush_all",
    "desktop.core.chat.turn:ChatTurn.apply",
    "desktop.core.store.answer_buffer:AnswerBuffer.append",
    "desktop.services.turn_relay:Relay.answer_delta",
    "desktop.ui.conversation_presenter:ConversationPresenter.on_delta",
    "desktop.ui.conversation_presenter:ConversationPresenter.on_conversations_changed",
    "desktop.services.outside_writes:OutsideWrites.check",
    "desktop.ui.outside_rows:OutsideRows.check",
    "desktop.ui.conversation_list:ConversationPane.reload",
    "desktop.ui.hinted_list_view:HintedListView.paintEvent",
    "desktop.ui.conversation_delegate:ConversationDelegate.paint",
]


def cpu_ticks(pid: int) -> int:
    """utime + stime of a process (all its threads), in clock ticks."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def thread_ticks(pid: int) -> dict[str, int]:
    """CPU ticks per thread name (threads of the same name summed)."""
    ticks: dict[str, int] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        ticks[name] = ticks.get(name, 0) + int(fields[11]) + int(fields[12])
    return ticks


def wakeups(pid: int) -> int:
    """How often the window's thread went to sleep and was woken: its voluntary context switches."""
    with open(f"/proc/{pid}/task/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("voluntary_ctxt_switches:"):
                return int(line.split()[1])
    return 0


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def streaming_answers(db: Path) -> list[int]:
    """Lengths of the assistant messages still streaming (read-only; [] if none or not readable yet)."""
    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            rows = conn.execute(
                "SELECT length(content) FROM messages WHERE role = 'assistant' AND status = 'streaming'"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    return [row[0] for row in rows]


def read_probe(control: TextIO, out: Path, elapsed: float) -> dict[str, list[float]]:
    """Stop the app's probe and read it: {name: [calls a second, % of a core]}."""
    control.write("end\n")
    control.close()
    deadline = time.monotonic() + 5
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    times = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    return {name: [calls / elapsed, 100 * seconds / elapsed] for name, (calls, seconds) in times.items()}


def serve(pace: float) -> None:
    """The server process: the local Coze server with a bot (the demo bot's answers) under BOT."""
    sys.path.insert(0, str(ROOT))
    from desktop.core.cozeserver import CozeServer

    with CozeServer(accepted_tokens={TOKEN}, pace=pace) as server:
        server.add_bot(BOT, name="Pace Bot")
        print(server.base_url, flush=True)
        sys.stdin.read()  # until the bench closes the pipe


def start_server(python: str, pace: float, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [python, __file__, "--serve", "--pace", str(pace)],
        stdin=subprocess.PIPE,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+", line)
    if match is None:
        server.kill()
        raise SystemExit(f"bench_pace: the server did not start: {line!r}")
    return server, match.group(0)


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    for number in range(90, 120):
        if Path(f"/tmp/.X{number}-lock").exists():
            continue
        xvfb = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not Path(f"/tmp/.X11-unix/X{number}").exists():
            time.sleep(0.05)
        return xvfb, f":{number}"
    raise SystemExit("bench_pace: no free X display number")


def one_run(args: argparse.Namespace, source: Path, base_url: str, display: str | None) -> dict[str, float] | None:
    python = args.python
    with tempfile.TemporaryDirectory(prefix="coze-pace-") as tmp:
        home, runtime, profile = Path(tmp, "home"), Path(tmp, "runtime"), Path(tmp, "profile")
        home.mkdir()
        runtime.mkdir(mode=0o700)
        env = {key: os.environ[key] for key in ("PATH", "XAUTHORITY") if key in os.environ}
        env.update(
            HOME=str(home),
            XDG_RUNTIME_DIR=str(runtime),
            LANG="C.UTF-8",
            COZE_API_BASE=base_url,
            COZE_API_TOKEN=TOKEN,
            COZE_BOT_ID=BOT,
        )
        if args.probe:
            env.update(PYTHONPATH=str(ROOT / "bench" / "pace_probe"), PACE_PROBE_OUT=str(Path(tmp, "probe.json")))
            env["PACE_PROBE"] = ",".join([*PROBED, os.environ.get("PACE_PROBE", "")])  # (yours added)
            os.mkfifo(Path(tmp, "probe.json.ctl"))
            if args.events:
                env["PACE_PROBE_EVENTS"] = "1"
        if display is None:
            env["QT_QPA_PLATFORM"] = "offscreen"
        else:
            env["DISPLAY"] = display
        question = QUESTIONS[args.lang]
        command = [python, "-m", "desktop", "--profile", str(profile)]
        for _ in range(args.streams):
            command += ["--send", question]
        app = subprocess.Popen(command, cwd=source, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            db = profile / "history.sqlite3"
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                lengths = streaming_answers(db)
                if len(lengths) >= args.streams and min(lengths) > 200:
                    break
                if app.poll() is not None:
                    raise SystemExit(f"bench_pace: the app exited with {app.returncode}: {app.stderr.read()!r}")
                time.sleep(0.1)
            else:
                raise SystemExit("bench_pace: no streaming answer within 30 s")
            time.sleep(args.settle)
            xvfb_pid = args.xvfb_pid
            start = time.monotonic()
            ticks, x_ticks = cpu_ticks(app.pid), cpu_ticks(xvfb_pid) if xvfb_pid else 0
            threads, wakes = thread_ticks(app.pid), wakeups(app.pid)
            before = streaming_answers(db)
            control = open(Path(tmp, "probe.json.ctl"), "w", encoding="utf-8") if args.probe else None  # noqa: SIM115
            if control is not None:
                control.write("start\n")
                control.flush()
            if args.py_spy:  # a profile of the window instead of a quiet measurement
                spy = [
                    shutil.which("py-spy") or str(Path(args.python).parent / "py-spy"),
                    "record",
                    "--pid",
                    str(app.pid),
                    "--format",
                    "raw",
                    "--rate",
                    "500",
                ]
                spy += ["--duration", str(round(args.window)), "--output", args.py_spy, "--threads"]
                spy += ["--native"] if os.environ.get("PY_SPY_NATIVE") else []
                subprocess.run(spy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            elif args.perf:  # on-CPU samples of every thread, native frames (Python's show as the interpreter)
                perf = ["perf", "record", "-e", "cpu-clock", "-F", "1000", "--call-graph", "dwarf,16384"]
                perf += ["-o", args.perf, "-p", str(app.pid), "--", "sleep", str(args.window)]
                subprocess.run(perf, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            else:
                time.sleep(args.window)
            ticks, x_ticks = cpu_ticks(app.pid) - ticks, (cpu_ticks(xvfb_pid) - x_ticks) if xvfb_pid else 0
            threads = {name: n - threads.get(name, 0) for name, n in thread_ticks(app.pid).items()}
            elapsed = time.monotonic() - start
            wakes = wakeups(app.pid) - wakes
            probed = read_probe(control, Path(tmp, "probe.json"), elapsed) if control is not None else {}
            after = streaming_answers(db)
            rss = rss_mb(app.pid)
        finally:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
        if len(after) < args.streams:
            print(f"  (thrown away: an answer ended inside the window: {before} -> {after})", flush=True)
            return None
        grown = sum(after) - sum(before)
        return {
            "cpu": 100 * ticks / TICKS / elapsed,
            "x": 100 * x_ticks / TICKS / elapsed,
            "chars_per_s": grown / elapsed,
            "rss": rss,
            "main": 100 * threads.get("python", 0) / TICKS / elapsed,
            "wakes": wakes / elapsed,
            "workers": 100 * sum(n for name, n in threads.items() if name.startswith("chat-")) / TICKS / elapsed,
            "probe": probed,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--platform", choices=("offscreen", "xcb"), default="offscreen")
    parser.add_argument("--lang", choices=tuple(QUESTIONS), default="en")
    parser.add_argument("--streams", type=int, choices=(1, 2), default=1)
    parser.add_argument("--pace", type=float, default=0.02, help="seconds between deltas (0.02 = 50 a second)")
    parser.add_argument("--window", type=float, default=10.0, help="seconds of CPU measured per run")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds after the answers start, before measuring")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--py-spy", metavar="FILE", help="profile the window with py-spy (collapsed stacks to FILE)")
    parser.add_argument("--perf", metavar="FILE", help="profile the window with perf record (on-CPU, all threads)")
    parser.add_argument("--xvfb", action="store_true", help="the same as --platform xcb")
    parser.add_argument("--probe", action="store_true", help="the window thread's CPU in each of PROBED, per run")
    parser.add_argument("--events", action="store_true", help="with --probe: the events the loop hands the thread")
    parser.add_argument(
        "--source", action="append", help="run the app from this copy of the source; repeat to take turns"
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.pace)
        return 0
    if args.xvfb:
        args.platform = "xcb"
    env = {key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ}
    server, base_url = start_server(args.python, args.pace, env)
    xvfb, display = start_xvfb() if args.platform == "xcb" else (None, None)
    args.xvfb_pid = xvfb.pid if xvfb is not None else 0
    sources = [ROOT if source == "." else Path(source).resolve() for source in args.source or ["."]]
    results: dict[Path, list[dict[str, float]]] = {source: [] for source in sources}
    try:
        for run in range(args.runs):
            for source in sources:
                result = one_run(args, source, base_url, display)
                load = os.getloadavg()[0]
                if result is None:
                    continue
                results[source].append(result)
                print(
                    f"run {run + 1}: app {result['cpu']:.1f} % of a core (main thread {result['main']:.1f}, "
                    f"chat workers {result['workers']:.1f}; the window's thread woken {result['wakes']:.0f}/s)"
                    + (f", X server {result['x']:.1f} %" if xvfb else "")
                    + f", {result['chars_per_s']:.0f} chars/s shown, RSS {result['rss']:.0f} MB, load {load:.2f}"
                    + (f"  [{source}]" if len(sources) > 1 else ""),
                    flush=True,
                )
                for name, (calls, cpu) in sorted(result["probe"].items(), key=lambda entry: -entry[1][1]):
                    print(f"    {name:50s} {calls:6.1f}/s {10 * cpu / max(calls, 1e-9):7.3f} ms each {cpu:6.2f} %")
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait()
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    for source, runs in results.items():
        if not runs:
            print(f"no run of {source} counted")
            continue
        median = statistics.median(r["cpu"] for r in runs)
        main_median = statistics.median(r["main"] for r in runs)
        workers_median = statistics.median(r["workers"] for r in runs)
        x_median = statistics.median(r["x"] for r in runs)
        wakes_median = statistics.median(r["wakes"] for r in runs)
        print(
            f"median of {len(runs)}: app {median:.1f} % of a core (main thread {main_median:.1f}, "
            f"chat workers {workers_median:.1f}; woken {wakes_median:.0f}/s)"
            + (f", X server {x_median:.1f} %" if xvfb else "")
            + f"  ({args.platform}, {args.lang}, {args.streams} stream(s), pace {args.pace}, {source})"
        )
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
