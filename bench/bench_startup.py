"""Start-up time of Coze Desktop, from source and packaged (run by hand, not a test).

    /tmp/venv0/bin/python bench/bench_startup.py [--runs 9] [--dist dist/coze-desktop] [--platform offscreen]
    xvfb-run -a /tmp/venv0/bin/python bench/bench_startup.py --platform xcb     # on a real X server

What is timed, for each way of starting (`python -m desktop` with the Python running this script, and
the packaged `dist/coze-desktop/coze-desktop`), every run a new process with a new empty profile and
HOME (so also a first start: the history database and settings are created):

  window   spawn -> the window is shown and the event loop runs. `--smoke` prints "smoke: window
           shown" from a timer started just before the event loop, SMOKE_DELAY_MS later (the delay
           is read from desktop/launch.py); the figure is the moment that line arrives minus the delay.
  total    spawn -> the `--smoke` process has exited (window shown, delay, clean shutdown).
  cli      spawn -> `--version` has exited (Python start + argument parsing; no Qt).
  RSS      the process's resident memory (VmRSS, and its anonymous part RssAnon) when the window is
           shown: start-up done and settled (the app settles 100 ms into its event loop). The app prints
           it itself ("smoke: memory") before its --smoke checks, which decode a picture of every format
           and so load every image-format plugin; from an app that does not, read from /proc when
           "window shown" arrives (after those checks: ~1 MB more). Apps from #21's fifth step on also
           print Private_Dirty (memory only this process holds: its heap and the pages of libraries it
           wrote to) and Pss (each page divided by the processes mapping it) from /proc/self/smaps_rollup.

With --demo the window opens chatting with the demo bot (`--demo`), as a first-time user sees it.

By default the page cache is warm (a first, unmeasured run warms it). With --cold, before every run
the files of that way of starting are evicted from the page cache (posix_fadvise DONTNEED, no root
needed): the whole dist/coze-desktop folder, or PySide6 + shiboken6 + the other site-packages and
desktop/ for the source start. The system's own libraries and fonts stay cached, so a first start
after a reboot is slower still. Prints a Markdown table (median, min, max in seconds).
Results: bench/results_package.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOWN = "smoke: window shown"
# "smoke: memory <VmRSS> kB, <RssAnon> kB anonymous[, <Private_Dirty> kB private dirty, <Pss> kB proportional]",
# printed before the smoke checks
MEMORY = "smoke: memory "


def smoke_delay_ms() -> int:
    source = (ROOT / "desktop" / "launch.py").read_text(encoding="utf-8")
    match = re.search(r"if args\.smoke:\s+QTimer\.singleShot\((\d+)", source)
    if match is None:
        raise SystemExit("bench_startup: cannot find the --smoke delay in desktop/launch.py")
    return int(match.group(1))


def clean_env(tmp: Path, platform: str) -> dict[str, str]:
    home, runtime = tmp / "home", tmp / "runtime"
    for folder in (home, runtime):
        folder.mkdir(parents=True)
    runtime.chmod(0o700)
    env = {key: os.environ[key] for key in ("PATH", "DISPLAY", "XAUTHORITY") if key in os.environ}
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime), LANG="C.UTF-8", USER="bench")
    if platform == "offscreen":
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def evict(folders: list[Path]) -> None:
    """Drop these folders' files from the page cache (their next read comes from the disk)."""
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                with path.open("rb") as f:
                    os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


def memory_kb(pid: int) -> tuple[int, ...]:
    """(VmRSS, RssAnon, 0, 0) of a running process, in kB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["RssAnon"].split()[0]), 0, 0


def time_window(
    command: list[str], platform: str, delay_s: float, cold: list[Path]
) -> tuple[float, float, tuple[int, ...]]:
    """(spawn -> window shown, spawn -> exit, (RSS, anonymous RSS, private dirty, PSS; 0 where the app
    does not say) at window shown) for one `--smoke` run in a fresh profile and HOME."""
    evict(cold)
    with tempfile.TemporaryDirectory(prefix="coze-bench-") as tmp:
        env = clean_env(Path(tmp), platform)
        started = time.perf_counter()
        process = subprocess.Popen(
            [*command, "--profile", str(Path(tmp) / "profile"), "--smoke"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        shown = None
        memory: tuple[int, ...] = ()
        for line in process.stdout:
            if line.startswith(MEMORY):
                figures = [int(part.split()[0]) for part in line.removeprefix(MEMORY).split(",")]
                memory = (*figures, 0, 0)[:4]
            elif line.startswith(SHOWN):
                shown = time.perf_counter() - started - delay_s
                memory = memory or memory_kb(process.pid)
        code = process.wait()
        total = time.perf_counter() - started
        if code != 0 or shown is None:
            raise SystemExit(f"bench_startup: {' '.join(command)} --smoke failed (exit {code})")
        return shown, total, memory


def time_cli(command: list[str], cold: list[Path]) -> float:
    evict(cold)
    with tempfile.TemporaryDirectory(prefix="coze-bench-") as tmp:
        env = clean_env(Path(tmp), "offscreen")
        started = time.perf_counter()
        subprocess.run([*command, "--version"], cwd=ROOT, env=env, capture_output=True, check=True)
        return time.perf_counter() - started


def summary(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f} | {min(values):.{digits}f} | {max(values):.{digits}f}"


def main() -> int:
    parser = argparse.ArgumentParser(description="Time Coze Desktop's start, from source and packaged.")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "coze-desktop")
    parser.add_argument("--platform", choices=("offscreen", "xcb"), default="offscreen")
    parser.add_argument("--cold", action="store_true", help="evict the app's files from the page cache first")
    parser.add_argument("--demo", action="store_true", help="start chatting with the demo bot (--demo)")
    args = parser.parse_args()
    if args.platform == "xcb" and not os.environ.get("DISPLAY"):
        raise SystemExit("bench_startup: --platform xcb needs an X server (run it under xvfb-run -a)")
    delay_s = smoke_delay_ms() / 1000
    import PySide6

    site_packages = Path(PySide6.__file__).resolve().parents[1]
    demo = ["--demo"] if args.demo else []
    ways = {"source (python -m desktop)": ([sys.executable, "-m", "desktop", *demo], [site_packages, ROOT / "desktop"])}
    binary = args.dist / "coze-desktop"
    if binary.is_file():
        ways["packaged (dist/coze-desktop)"] = ([str(binary.resolve()), *demo], [args.dist.resolve()])
    else:
        print(f"(no {binary}: build it with ./tools/package.sh to time the packaged app)", file=sys.stderr)

    cache = "cold (app files evicted before each run)" if args.cold else "warm"
    print(
        f"platform {args.platform}, page cache {cache}, {args.runs} runs each after one warm-up, "
        f"--smoke delay {delay_s:.2f} s\n"
    )
    print("| start | measure | median | min | max |")
    print("|---|---|---:|---:|---:|")
    for name, (command, files) in ways.items():
        cold = files if args.cold else []
        time_window(command, args.platform, delay_s, [])  # warm-up: Python bytecode caches
        runs = [time_window(command, args.platform, delay_s, cold) for _ in range(args.runs)]
        cli = [time_cli(command, cold) for _ in range(args.runs)]
        print(f"| {name} | window shown | {summary([w for w, _t, _m in runs])} |")
        print(f"| {name} | whole --smoke run | {summary([t for _w, t, _m in runs])} |")
        print(f"| {name} | RSS at window shown, MB | {summary([m[0] / 1024 for _w, _t, m in runs], 1)} |")
        print(f"| {name} | of which anonymous, MB | {summary([m[1] / 1024 for _w, _t, m in runs], 1)} |")
        if all(m[2] for _w, _t, m in runs):
            print(f"| {name} | private dirty, MB | {summary([m[2] / 1024 for _w, _t, m in runs], 1)} |")
            print(f"| {name} | PSS, MB | {summary([m[3] / 1024 for _w, _t, m in runs], 1)} |")
        print(f"| {name} | --version | {summary(cli)} |", flush=True)
    if shutil.which("nproc"):
        cores = subprocess.run(["nproc"], capture_output=True, text=True, check=False).stdout.strip()
        print(f"\n{cores} cores, Python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
