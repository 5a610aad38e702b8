"""How the chat view copes with a huge streaming answer and a long conversation (run by hand, not a test).

    QT_QPA_PLATFORM=offscreen python bench/bench_render.py [--size 1000000] [--deltas 30000] [--per-frame 100]

1. flood: a ~1 MB markdown answer (Chinese and English prose, code blocks, lists, tables, quotes) in
   ~30,000 deltas into a shown ChatView as fast as the loop can send them (events processed every
   10 deltas), then "complete": the time until everything is rendered and the longest main-thread
   stall (a 5 ms heartbeat timer measuring the gaps between its ticks).
2. paced: the same, with a frame every 100 deltas (`--per-frame`; 3 is a bot's pace, when the open
   tail is often a table being written): the render cost of the first 1,000 deltas against the last
   1,000 (frame time and characters converted: flat means it does not grow).
3. naive: for comparison, what one `QTextDocument.setMarkdown(whole text)` costs at 10 KB .. 1 MB
   (what a render per frame would cost without the incremental documents).
0. open (first, in a fresh process): a 2,000-message conversation: time to the first paint (a grab),
   RSS growth, and scrolling up 60 screens (time per step, longest stall).
Between 0 and 1 a small stream runs once: its longest stall (`cold.*`) includes what only the first
render pays (Pygments lexer imports, font loading).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from tests.chat_probes import FrameStats

SECTION = """## 第 {n} 节：缓存与并发 Section {n}

在高并发场景下，缓存（cache）可以显著降低数据库的压力。The idea is simple: keep hot data close,
and invalidate it when the source of truth changes. 下面的例子展示了一个线程安全的实现，注意 `Lock` 的使用。

```python
import threading


class SafeCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[str, int] = {{}}

    def get(self, key: str) -> int | None:
        with self._lock:
            return self._data.get(key)  # 读取 {n}
```

| 方案 Approach | 读 Read | 写 Write |
|---|---|---|
| 全局锁 global lock | O(1) | O(1) |
| 分段锁 striped | O(1) | O(1) |

1. 先读缓存 read the cache first;
2. 未命中再查数据库 then the database;
   - 注意缓存击穿 beware of stampedes.

> 提示 Tip: measure before you optimise — 先测量，再优化。

"""


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 1e6


class Heartbeat:
    """A 5 ms timer; the longest gap between two ticks is the longest the event loop was blocked."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.longest = 0.0

    def start(self) -> None:
        self.longest = 0.0
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        self.longest = max(self.longest, self.clock.restart() / 1000)

    def stop(self) -> float:
        self.timer.stop()
        return self.longest


def wait_idle(app: QApplication, view: ChatView, limit: float = 300.0) -> None:
    deadline = time.monotonic() + limit
    while not view.is_idle() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def answer_text(size: int) -> str:
    parts: list[str] = []
    length = n = 0
    while length < size:
        parts.append(SECTION.format(n=n))
        length += len(parts[-1])
        n += 1
    return "".join(parts)[:size]


def streaming_view(app: QApplication) -> ChatView:
    view = ChatView()
    view.resize(900, 900)
    view.show()
    view.set_messages([MessageItem(1, "user", "写一篇很长的文章 please", created_at=time.time())])
    view.append_message(MessageItem(2, "assistant", "", status="streaming", sender_name="Bot"))
    wait_idle(app, view)
    return view


def pieces_of(size: int, deltas: int) -> tuple[str, list[str]]:
    text = answer_text(size)
    step = max(1, len(text) // deltas)
    return text, [text[i : i + step] for i in range(0, len(text), step)]


def bench_flood(app: QApplication, size: int, deltas: int) -> dict[str, float]:
    """Deltas as fast as the loop can send them: how long until all is shown, and the longest stall."""
    text, pieces = pieces_of(size, deltas)
    view = streaming_view(app)
    stats = FrameStats.watch(view)
    heartbeat = Heartbeat()
    heartbeat.start()
    rss = rss_mb()
    started = time.perf_counter()
    for number, piece in enumerate(pieces, start=1):
        view.append_delta(2, piece)
        if number % 10 == 0:
            app.processEvents()
    fed = time.perf_counter() - started
    view.update_message(MessageItem(2, "assistant", text, status="complete", sender_name="Bot"))
    wait_idle(app, view)
    total = time.perf_counter() - started
    stall = heartbeat.stop()
    assert view.message_text(2) == text
    result = {
        "chars": len(text),
        "deltas": len(pieces),
        "frames": stats.frames,
        "feed_s": fed,
        "fully_rendered_s": total,
        "longest_stall_ms": stall * 1000,
        "rss_growth_mb": rss_mb() - rss,
        "shown_chars": len(view.rendered_text(2)),
    }
    view.close()
    return result


def bench_paced(app: QApplication, size: int, deltas: int, per_frame: int = 100) -> dict[str, float]:
    """A frame every `per_frame` deltas: does the same amount of new text cost more at 1 MB than at 0?"""
    text, pieces = pieces_of(size, deltas)
    view = streaming_view(app)
    stats = FrameStats.watch(view)
    heartbeat = Heartbeat()
    heartbeat.start()
    started = time.perf_counter()
    for number, piece in enumerate(pieces, start=1):
        view.append_delta(2, piece)
        if number % per_frame == 0:
            count = stats.frames
            while stats.frames == count:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    view.update_message(MessageItem(2, "assistant", text, status="complete", sender_name="Bot"))
    wait_idle(app, view)
    total = time.perf_counter() - started
    stall = heartbeat.stop()
    frames = list(zip(stats.at_delta, stats.seconds, stats.converted, strict=True))
    first = [f for f in frames if f[0] <= 1000]
    last = [f for f in frames if len(pieces) - 1000 < f[0] <= len(pieces)]
    result = {
        "frames": stats.frames,
        "wall_s": total,
        "first_1000_deltas_frame_ms": statistics.mean(f[1] for f in first) * 1000,
        "last_1000_deltas_frame_ms": statistics.mean(f[1] for f in last) * 1000,
        "first_1000_deltas_converted": statistics.mean(f[2] for f in first),
        "last_1000_deltas_converted": statistics.mean(f[2] for f in last),
        "max_frame_ms": max(f[1] for f in frames) * 1000,
        "longest_stall_ms": stall * 1000,
    }
    view.close()
    return result


def bench_naive(size: int) -> dict[str, float]:
    from PySide6.QtGui import QTextDocument

    text = answer_text(size)
    result = {}
    for length in (10_000, 100_000, size):
        doc = QTextDocument()
        started = time.perf_counter()
        doc.setMarkdown(text[:length])
        doc.setTextWidth(800)
        doc.size()
        result[f"setMarkdown_{length // 1000}k_ms"] = (time.perf_counter() - started) * 1000
    return result


def bench_open(app: QApplication, count: int) -> dict[str, float]:
    rng = random.Random(7)
    items = []
    for n in range(count):
        if n % 2 == 0:
            items.append(MessageItem(n, "user", f"问题 {n}: how does this work?", created_at=1.76e9 + n))
        else:
            body = SECTION.format(n=n)[: rng.randint(200, len(SECTION))]
            items.append(MessageItem(n, "assistant", body, output_tokens=n, sender_name="Bot", created_at=1.76e9 + n))
    view = ChatView()
    view.resize(900, 900)
    view.show()
    app.processEvents()
    rss = rss_mb()
    started = time.perf_counter()
    view.set_messages(items)
    view.grab()
    first_paint = time.perf_counter() - started
    wait_idle(app, view)
    settled = time.perf_counter() - started
    bar = view.list_view.verticalScrollBar()
    heartbeat = Heartbeat()
    heartbeat.start()
    scroll_started = time.perf_counter()
    for value in range(bar.maximum(), bar.maximum() - 60 * 900, -300):  # scroll up 60 screens
        bar.setValue(max(0, value))
        view.list_view.viewport().repaint()
        app.processEvents()
    scroll = time.perf_counter() - scroll_started
    stall = heartbeat.stop()
    result = {
        "messages": count,
        "first_paint_ms": first_paint * 1000,
        "settled_ms": settled * 1000,
        "scroll_frame_ms": scroll / 180 * 1000,
        "scroll_stall_ms": stall * 1000,
        "rss_growth_mb": rss_mb() - rss,
        "rows_built": view.rows_built,
    }
    view.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--deltas", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=2_000)
    parser.add_argument("--per-frame", type=int, default=100, help="deltas a frame in the paced run")
    args = parser.parse_args()
    app = QApplication(sys.argv)
    print(f"Python {platform.python_version()}, PySide6 {pyside_version}, {platform.platform()}, {os.cpu_count()} CPUs")
    print(f"QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}")
    for key, value in bench_open(app, args.messages).items():  # first: a fresh process, RSS means something
        print(f"open.{key} = {value:,.1f}")
    cold = bench_flood(app, 100_000, 3_000)  # first stream: imports Pygments lexers, loads fonts
    print(f"cold.100k_longest_stall_ms = {cold['longest_stall_ms']:,.1f}")
    for key, value in bench_flood(app, args.size, args.deltas).items():
        print(f"flood.{key} = {value:,.1f}")
    for key, value in bench_paced(app, args.size, args.deltas, args.per_frame).items():
        print(f"paced.{key} = {value:,.1f}")
    for key, value in bench_naive(args.size).items():
        print(f"naive.{key} = {value:,.1f}")


if __name__ == "__main__":
    main()
