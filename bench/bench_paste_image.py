"""How long the window's thread stops when a big picture is pasted into the message box (run by hand, not a test).

    .venv/bin/python bench/bench_paste_image.py [--size 8000x6000] [--runs 3] [--source DIR]...

Each run is a new process (cwd the source, so `import desktop` is that copy; `--source` more than once and the
runs take turns, for before/after in the same minutes): the real app (DesktopApp, demo mode, offscreen, an
empty profile) starts and settles; a picture of `--size` (a gradient with lines and text, so PNG has work to
do) goes on the clipboard; a key press ("x") is posted to the message box and then the box pastes
(MessageEdit.paste: the path Ctrl+V takes). A 5 ms heartbeat timer runs throughout. Reported: `paste_ms`, how
long paste() held the thread; `typed_ms`, from the paste until the "x" posted before it is in the box;
`worst_gap_ms`, the longest gap between heartbeats until the chip is read; `ready_ms`, until it is read.
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
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QKeyEvent, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QApplication
from desktop.app import DesktopApp
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.store import Store

def settle(app, seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)

width, height = (int(v) for v in sys.argv[1].split("x"))
qapp = QApplication([])
home = Path(tempfile.mkdtemp(prefix="bench-paste-image-"))
profile = Profile(home / "profile").ensure()
store = Store.open(profile.database_path)
app = DesktopApp(qapp, profile, store, setup_logging(profile.logs_dir))
app.start(demo=True)
app.window.show()
settle(qapp, 1.5)
image = QImage(width, height, QImage.Format.Format_RGB32)
painter = QPainter(image)
gradient = QLinearGradient(QPointF(0, 0), QPointF(width, height))
gradient.setColorAt(0, QColor("#3050c0"))
gradient.setColorAt(1, QColor("#e0a070"))
painter.fillRect(image.rect(), gradient)
painter.setPen(QPen(QColor("#202020"), 3))
for i in range(0, width, 37):
    painter.drawLine(i, 0, width - i, height)
painter.setFont(QFont("DejaVu Sans", 40))
for y in range(60, height, 90):
    painter.drawText(20, y, f"a screenshot line {y} 截图 " * 6)
painter.end()
mime = QMimeData()
mime.setImageData(image)
QApplication.clipboard().setMimeData(mime)
composer = app.window.chat.composer
composer.edit.setFocus()
settle(qapp, 0.3)
beats = []
timer = QTimer()
timer.setInterval(5)
timer.timeout.connect(lambda: beats.append(time.perf_counter()))
timer.start()
settle(qapp, 0.1)
typed = []
composer.edit.textChanged.connect(lambda: typed.append(time.perf_counter()) if "x" in composer.text() and not typed else None)
QApplication.postEvent(composer.edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_X, Qt.KeyboardModifier.NoModifier, "x"))
start = time.perf_counter()
beats.append(start)
composer.edit.paste()
paste_done = time.perf_counter()
while not (composer.chips.chips() and composer.chips.ready) and time.perf_counter() - start < 60:
    qapp.processEvents()
    time.sleep(0.001)
ready = time.perf_counter()
gaps = [b - a for a, b in zip(beats, beats[1:]) if a >= start - 1e-9]
gaps.append(ready - beats[-1])
chips = composer.chips.chips()
print(json.dumps({
    "paste_ms": (paste_done - start) * 1000,
    "typed_ms": (typed[0] - start) * 1000 if typed else -1,
    "worst_gap_ms": max(gaps) * 1000,
    "ready_ms": (ready - start) * 1000,
    "png_mb": (chips[0].file.size / 1e6) if chips and chips[0].file else 0,
}), flush=True)
os._exit(0)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="8000x6000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", action="append")
    args = parser.parse_args()
    sources = [ROOT if s == "." else Path(s).resolve() for s in args.source or ["."]]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    results: dict[Path, list[dict[str, float]]] = {s: [] for s in sources}
    for _ in range(args.runs):
        for source in sources:
            done = subprocess.run(
                [sys.executable, "-c", CHILD, args.size],
                cwd=source,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise SystemExit(done.stderr[-2000:])
            results[source].append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(source, {k: round(v, 1) for k, v in results[source][-1].items()}, flush=True)
    print(f"\n{args.size}, median of {args.runs}:")
    print(
        "| source | paste() held the thread ms | the key typed before it shows ms | worst heartbeat gap ms | chip read ms | PNG MB |"
    )
    print("|---|---|---|---|---|---|")
    for source, runs in results.items():
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(
            f"| {source} | {med['paste_ms']:.0f} | {med['typed_ms']:.0f} | {med['worst_gap_ms']:.0f} | {med['ready_ms']:.0f} |"
            f" {med['png_mb']:.1f} |"
        )


if __name__ == "__main__":
    main()
