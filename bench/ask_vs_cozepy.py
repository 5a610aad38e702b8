"""`coze-desktop ask` as a whole process against the official cozepy SDK, same server, same run.

    .venv/bin/python bench/ask_vs_cozepy.py [--runs 7] [--deltas 76000] [--size-bytes 1000000] [--tty]

One local Coze server (`coze-desktop serve-demo --pace 0`) runs in its own process. Each run queues
the `long_answer` scenario (mixed Chinese/English Markdown split into `--deltas` deltas, Coze's real
framing) and starts one client as a whole process, Python start-up included:

- `ask`: `python -m desktop --profile DIR ask --new MESSAGE` (token and base from the environment, as
  a script would run it), which also records the question and the answer in the profile's history;
- `cozepy`: `bench/cozepy_peer.py`, `Coze.chat.stream` printing every delta;
- `floor`: a Python process that sends the same request on a bare socket and counts the bytes: the
  server's send time plus an interpreter's start, which no client can beat.

With `--before DIR` (a checkout of an older commit, e.g. `git worktree add --detach DIR COMMIT`),
`before` runs that tree's `ask` in the same rotation, for before/after figures from one run.

stdout goes to a file (`ask > answer.txt`), or with `--tty` to a pseudo-terminal (`ask` then streams
delta by delta); every output is checked against the answer's text. The clients run as a person's
would: with their bytecode compiled (as an installed package has it; done here first) and without
PYTHONUNBUFFERED / PYTHONDONTWRITEBYTECODE from the calling shell. They take turns in rotating
order; per client the median (and min) of wall time, CPU time (user + sys) and peak RSS are
printed, with `ask`'s ratio to cozepy. Results: BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.cozeserver import DEMO_BOT_ID, DEMO_TOKEN  # noqa: E402
from desktop.core.cozeserver.scenario_streams import bench_text  # noqa: E402

MESSAGE = "hi"
FLOOR = r"""
import json, socket, sys
from urllib.parse import urlsplit
url = urlsplit(sys.argv[1])
body = json.dumps({"bot_id": sys.argv[3], "user_id": "bench-user", "stream": True,
    "additional_messages": [{"role": "user", "content": "hi", "content_type": "text"}]}).encode()
head = (f"POST /v3/chat HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: Bearer {sys.argv[2]}\r\n"
    f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n")
buf = bytearray(256 * 1024)
total = 0
with socket.create_connection((url.hostname, url.port)) as sock:
    sock.sendall(head.encode() + body)
    while n := sock.recv_into(buf):
        total += n
print(total)
"""


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mb: float


@dataclass
class Series:
    samples: list[Sample] = field(default_factory=list)

    def median(self, key: str) -> float:
        return float(statistics.median(getattr(s, key) for s in self.samples))

    def min(self, key: str) -> float:
        return float(min(getattr(s, key) for s in self.samples))


def start_server() -> tuple[subprocess.Popen[str], str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "desktop", "serve-demo", "--pace", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline()  # "Coze demo server listening on http://127.0.0.1:PORT  (...)"
    return server, line.split()[5]


def queue(base: str, deltas: int, size_bytes: int) -> None:
    body = json.dumps({"name": "long_answer", "deltas": deltas, "size_bytes": size_bytes}).encode()
    request = urllib.request.Request(
        base + "/_local/scenario", body, {"Authorization": f"Bearer {DEMO_TOKEN}", "Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as answer:
        answer.read()


def commands(base: str, profile: Path, before: Path | None) -> dict[str, list[str]]:
    py = sys.executable
    ask = [py, "-m", "desktop", "--profile", str(profile / "ask"), "ask", "--new", MESSAGE]
    # `python -m` puts the working directory first on sys.path: run in `before`, it imports that tree
    # (with a profile of its own: an older history schema cannot open a newer one).
    older = {"before": ["env", "-C", str(before), *ask[:4], str(profile / "before"), *ask[5:]]} if before else {}
    return {
        **older,
        "ask": ask,
        "cozepy": [py, str(ROOT / "bench" / "cozepy_peer.py"), base, DEMO_TOKEN, DEMO_BOT_ID, MESSAGE],
        "floor": [py, "-c", FLOOR, base, DEMO_TOKEN, DEMO_BOT_ID],
    }


def run_once(argv: list[str], env: dict[str, str], tty: bool) -> tuple[Sample, bytes]:
    """Start `argv`, wait for it; its wall time, CPU time, peak RSS and what it printed."""
    with tempfile.TemporaryFile() as out:
        master = slave = -1
        chunks: list[bytes] = []
        reader = None
        if tty:
            master, slave = pty.openpty()
            reader = threading.Thread(target=_drain, args=(master, chunks), daemon=True)
            reader.start()
        t0 = time.perf_counter()
        child = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=slave if tty else out, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - t0
        child.returncode = os.waitstatus_to_exitcode(status)
        if tty:
            os.close(slave)
            assert reader is not None
            reader.join(10)
            os.close(master)
            printed = b"".join(chunks).replace(b"\r\n", b"\n")
        else:
            out.seek(0)
            printed = out.read()
    if child.returncode != 0:
        raise SystemExit(f"{argv[1:4]} exited {child.returncode}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024), printed


def _drain(fd: int, chunks: list[bytes]) -> None:
    while True:
        try:
            data = os.read(fd, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            return
        if not data:
            return
        chunks.append(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--deltas", type=int, default=76_000)
    parser.add_argument("--size-bytes", type=int, default=1_000_000)
    parser.add_argument("--tty", action="store_true", help="stdout is a pseudo-terminal instead of a file")
    parser.add_argument("--only", nargs="*", default=["before", "ask", "cozepy", "floor"], help="clients to run")
    parser.add_argument("--before", type=Path, metavar="DIR", help="also run the `ask` of this older checkout")
    args = parser.parse_args()
    for tree in (ROOT, args.before):
        if tree is not None:
            compileall.compile_dir(tree / "desktop", quiet=1)

    expected = bench_text(args.size_bytes).encode() + b"\n"
    server, base = start_server()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE")}
    env.update(COZE_API_TOKEN=DEMO_TOKEN, COZE_API_BASE=base, COZE_BOT_ID=DEMO_BOT_ID)
    try:
        with tempfile.TemporaryDirectory(prefix="ask-bench-") as profile:
            argvs = {
                name: argv for name, argv in commands(base, Path(profile), args.before).items() if name in args.only
            }
            names = list(argvs)
            series = {name: Series() for name in names}
            wire = 0
            for i in range(args.runs + 1):  # run 0 warms caches (and creates the profile): not counted
                for name in names[i % len(names) :] + names[: i % len(names)]:
                    queue(base, args.deltas, args.size_bytes)
                    sample, printed = run_once(argvs[name], env, args.tty)
                    if name == "floor":
                        wire = int(printed)
                    elif printed != expected:
                        raise SystemExit(f"{name} printed {len(printed)} bytes, not the {len(expected)} of the answer")
                    if i:
                        series[name].samples.append(sample)
    finally:
        server.terminate()
        server.wait()

    print(f"long_answer: {args.deltas:,} deltas, {args.size_bytes:,} bytes of text, {wire / 1e6:.1f} MB on the wire")
    print(f"{args.runs} runs each, stdout to {'a pseudo-terminal' if args.tty else 'a file'}\n")
    print(f"{'client':<8} {'wall med (min) s':>18} {'cpu med s':>10} {'peak RSS MB':>12}")
    for name in names:
        s = series[name]
        print(
            f"{name:<8} {s.median('wall'):>9.3f} ({s.min('wall'):.3f}) {s.median('cpu'):>10.3f} {s.median('rss_mb'):>12.1f}"
        )
    print()
    for name in ("before", "ask"):
        if name in series and "cozepy" in series:
            ours, peer = series[name], series["cozepy"]
            pairs = [a.wall / c.wall for a, c in zip(ours.samples, peer.samples, strict=True)]
            print(
                f"{name} / cozepy: wall {ours.median('wall') / peer.median('wall'):.2f}x "
                f"(median of per-run ratios {statistics.median(pairs):.2f}x), "
                f"cpu {ours.median('cpu') / peer.median('cpu'):.2f}x"
            )


if __name__ == "__main__":
    main()
