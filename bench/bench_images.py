"""A conversation with 100 pictures (run by hand, not a test):

    QT_QPA_PLATFORM=offscreen python bench/bench_images.py [--pictures 100]

The local server serves 100 different 480 x 320 PNGs; a fresh profile cache (so every picture is
downloaded once, on the loader's threads). Measured: time to the first paint of the conversation
(placeholders of the right size where pictures are not loaded yet), the time until every picture
on the way is loaded, then scrolling from the bottom to the top and back (time per step, the
longest main-thread stall from a 5 ms heartbeat), RSS growth, and the decoded bytes the view keeps
(bounded by `MEMORY_BUDGET`). A second open of the same conversation reads the pictures from the
disk cache. With `--questions`, every question also carries a 1600 x 1200 JPEG photo of its own from
the profile's local copies, shown as a thumbnail (decoded, scaled and cropped on the loader's threads).
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

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from bench.bench_render import Heartbeat, rss_mb, wait_idle
from desktop.core.attachments.copies import LocalCopies, question_content
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.api_media import drawing
from desktop.core.images.cache import ImageCache
from desktop.services.images import ImageLoader
from desktop.services.local_pictures import LocalPictures
from desktop.services.tasks import TaskRunner
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.images import MEMORY_BUDGET, InlineImages
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.media_actions import ChatMedia
from desktop.ui.chat.thumbnails import Thumbnails


def conversation(base: str, pictures: int, copies: LocalCopies | None = None) -> list[MessageItem]:
    items = []
    for n in range(pictures):
        text, kind = f"画第 {n} 幅 (draw #{n})", "text"
        if copies is not None:
            text, kind = question_content(text, [copies.keep_bytes(f"photo-{n}.jpg", photo(n))])
        items.append(MessageItem(2 * n, "user", text, content_type=kind, created_at=1.76e9 + n))
        body = f"Picture {n}:\n\n![sunset {n}]({base}/_local/draw/{n + 1}.png)\n\nDone."
        items.append(MessageItem(2 * n + 1, "assistant", body, sender_name="Bot", created_at=1.76e9 + n))
    return items


def photo(n: int) -> bytes:
    image = QImage(1600, 1200, QImage.Format.Format_RGB32)
    image.fill(QColor.fromHsv(n * 37 % 360, 160, 220))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    return bytes(data.data())


def open_and_scroll(
    app: QApplication, items: list[MessageItem], cache: Path, copies: LocalCopies | None
) -> dict[str, float]:
    view = ChatView()
    loader = ImageLoader(ImageCache(cache))
    images = InlineImages(loader, view)
    local = LocalPictures(copies) if copies is not None else None
    thumbnails = Thumbnails(local, view) if local is not None else None
    view.set_media(ChatMedia(images, TaskRunner(view), view, thumbnails=thumbnails))
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
    while (loader._pending or (local is not None and local._pending)) and time.monotonic() < deadline:
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
    if local is not None and thumbnails is not None:
        result["thumbnails_decoded"] = float(local.decoded)
        result["thumbnails_mb"] = thumbnails.kept_bytes / 1e6
        local.shutdown()
    loader.shutdown()
    view.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pictures", type=int, default=100)
    parser.add_argument("--questions", action="store_true", help="each question has a photo of its own too")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    cache = Path(tempfile.mkdtemp(prefix="coze-bench-images-"))
    copies = LocalCopies(cache.parent / (cache.name + "-attachments")) if args.questions else None
    with CozeServer() as server:
        items = conversation(server.base_url, args.pictures, copies)
        for n in range(args.pictures):  # the server draws in Python: not in the measured window (GIL)
            drawing(n + 1)
        print(f"{args.pictures} pictures, memory budget {MEMORY_BUDGET / 1e6:.0f} MB")
        for label in ("cold (network)", "warm (disk cache)"):
            result = open_and_scroll(app, items, cache, copies)
            print(label, " ".join(f"{key}={value:.1f}" for key, value in result.items()), flush=True)


if __name__ == "__main__":
    main()
