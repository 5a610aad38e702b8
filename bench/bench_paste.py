"""Memory of the window when an enormous text is pasted into the message box (run by hand, not a test).

    .venv/bin/python bench/bench_paste.py [--mb 6.6] [--runs 3] [--source DIR]...

Each run is a new process (cwd the source, so `import desktop` is that copy; `--source` more than once
and the runs take turns, for before/after in the same minutes): the real app (DesktopApp, demo mode,
offscreen, an empty profile) starts and settles, then a text of `--mb` MB (UTF-8; Chinese and English
lines) goes on the clipboard and the message box pastes it (MessageEdit.paste: the path Ctrl+V takes).
Reported (VmRSS from /proc/self/status, MB): `start` once settled, `pasted` 0.5 s after the paste,
`saved` after the draft's save (DraftKeeper writes a second after the last change; 2.5 s), `trimmed` once
the clipboard is cleared (offscreen it lives in this process), a gc and malloc_trim(0) (what is still in
use, not freed memory the heap kept), and the characters in the box, the chips, and the size of drafts.json.
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
import ctypes, gc, json, os, sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtWidgets import QApplication
from desktop.app import DesktopApp
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.store import Store

def rss():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS:")) / 1024

def settle(app, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)

mb = float(sys.argv[1])
qapp = QApplication([])
home = Path(tempfile.mkdtemp(prefix="bench-paste-"))
profile = Profile(home / "profile").ensure()
store = Store.open(profile.database_path)
app = DesktopApp(qapp, profile, store, setup_logging(profile.logs_dir))
app.start(demo=True)
app.window.show()
settle(qapp, 1.5)
gc.collect()
start = rss()
line = "这是一段很长的粘贴文本，with some English words mixed in，第 {} 行。\n"
parts, size, i = [], 0, 0
while size < mb * 1e6:
    piece = line.format(i)
    parts.append(piece)
    size += len(piece.encode("utf-8"))
    i += 1
mime = QMimeData()
mime.setText("".join(parts))
del parts
QApplication.clipboard().setMimeData(mime)
composer = app.window.chat.composer
composer.edit.setFocus()
composer.edit.paste()
settle(qapp, 0.5)
pasted = rss()
settle(qapp, 2.5)
saved = rss()
QApplication.clipboard().clear()  # what the clipboard held (here in-process: offscreen) goes
gc.collect()
ctypes.CDLL("libc.so.6").malloc_trim(0)  # and what the heap keeps of freed memory
settle(qapp, 0.2)
trimmed = rss()
drafts = profile.drafts_path.stat().st_size if profile.drafts_path.exists() else 0
print(json.dumps({"start": start, "pasted": pasted, "saved": saved, "trimmed": trimmed, "chars": len(composer.text()),
                  "chips": len(composer.chips.chips()), "drafts_json": drafts}), flush=True)
os._exit(0)  # (measured: an orderly quit is not what this bench is about)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=6.6)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", action="append")
    args = parser.parse_args()
    sources = [ROOT if s == "." else Path(s).resolve() for s in args.source or ["."]]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    results: dict[Path, list[dict[str, float]]] = {s: [] for s in sources}
    for _ in range(args.runs):
        for source in sources:
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(args.mb)],
                cwd=source,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise SystemExit(done.stderr[-2000:])
            results[source].append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(source, results[source][-1], flush=True)
    print(
        "\n| source | start MB | pasted MB | after the draft's save MB | trimmed MB | chars in the box | chips | drafts.json |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for source, runs in results.items():
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(
            f"| {source} | {med['start']:.0f} | {med['pasted']:.0f} | {med['saved']:.0f} | {med['trimmed']:.0f} |"
            f" {med['chars']:,.0f} |"
            f" {med['chips']:.0f} | {med['drafts_json']:,.0f} B |"
        )


if __name__ == "__main__":
    main()
