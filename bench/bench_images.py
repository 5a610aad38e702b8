"""A conversation with 100 pictures (run by hand, not a test):

    QT_QPA_PLATFORM=offscreen python bench/bench_images.py [--pictures 100]

The local server serves 100 different 480 x 320 PNGs; a fresh profile cache (so every picture is
downloaded once, on the loader's threads). Measured: time to the first paint of the conversation
(placeholders of the right size where pictures are not loaded yet), the time until every picture
on the way is loaded, then scrolling from the bottom to the top and back (time per step, the
longest main-thread stall from a 5 ms heartbeat), RSS growth, and the decoded bytes the view keeps
(bounded by `MEMORY_BUDGET`). A second open of the same conversation reads the pictures from the
disk cache.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from bench.bench_render import Heartbeat, rss_mb, wait_idle
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.api_media import drawing
from desktop.core.images.cache import ImageCache
from desktop.services.images import ImageLoader
from desktop.services.tasks import TaskRunner
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.images import MEMORY_BUDGET, InlineImages
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.media_actions import ChatMedia


def conversation(base: str, pictures: int) -> list[MessageItem]:
    items = []
    for n in range(pictures):
        items.append(MessageItem(2 * n, "user", f"画第 {n} 幅 (draw #{n})", created_at=1.76e9 + n))
        body = f"Picture {n}:\n\n![sunset {n}]({base}/_local/draw/{n + 1}.png)\n\nDone."
        items.append(MessageItem(2 * n + 1, "assistant", body, sender_name="Bot", created_at=1.76e9 + n))
    return items


def open_and_scroll(app: QApplication, items: list[MessageItem], cache: Path) -> dict[str, float]:
    view = ChatView()
    loader = ImageLoader(ImageCache(cache))
    images = InlineImages(loader, view)
    view.set_media(ChatMedia(images, TaskRunner(view), view))
    view.resize(900, 900)
    view.show()
    app.processEvents()
    rss = rss_mb()
    started = time.perf_counter()
    view.set_messages(items)
    view.grab()
    first_paint = time.perf_counter() - started
    wait_idle(app, view)
    bar = view.list_view.verticalScrollBar()
    heartbeat = Heartbeat()
    heartbeat.start()
    steps = 0
    scroll_started = time.perf_counter()
    for value in [*range(bar.maximum(), -1, -300), *range(0, bar.maximum() + 1, 300)]:
        bar.setValue(value)
        view.list_view.viewport().repaint()
        app.processEvents()
        steps += 1
    deadline = time.monotonic() + 60
    while loader._pending and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()
    scroll = time.perf_counter() - scroll_started
    stall = heartbeat.stop()
    result = {
        "first_paint_ms": first_paint * 1000,
        "scroll_step_ms": scroll / max(1, steps) * 1000,
        "scroll_stall_ms": stall * 1000,
        "downloads_or_cache_reads": float(loader.requests),
        "decoded_mb": images.decoded_bytes / 1e6,
        "rss_growth_mb": rss_mb() - rss,
        "disk_cache_mb": loader.cache.total() / 1e6 if loader.cache else 0.0,
    }
    loader.shutdown()
    view.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pictures", type=int, default=100)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    cache = Path(tempfile.mkdtemp(prefix="coze-bench-images-"))
    with CozeServer() as server:
        items = conversation(server.base_url, args.pictures)
        for n in range(args.pictures):  # the server draws in Python: not in the measured window (GIL)
            drawing(n + 1)
        print(f"{args.pictures} pictures, memory budget {MEMORY_BUDGET / 1e6:.0f} MB")
        for label in ("cold (network)", "warm (disk cache)"):
            result = open_and_scroll(app, items, cache)
            print(label, " ".join(f"{key}={value:.1f}" for key, value in result.items()), flush=True)


if __name__ == "__main__":
    main()
