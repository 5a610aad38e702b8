"""What lists cost to show (run by hand, not a test): a list-heavy answer (numbered items up to 120, every
fifth with two nested bullets, Chinese and English) converted and laid out whole, and streamed frame by frame.

    QT_QPA_PLATFORM=offscreen python bench/bench_list_render.py [--runs 7] [--source DIR]

`--source DIR` imports `desktop` from DIR (e.g. an older build: `git archive REV desktop resources | tar -x
-C DIR`), to compare before and after in the same minutes. Prints medians (ms) of `--runs` runs:
page.ms — the finished list as one page (3.9 KB: markdown to HTML, document, layout at 600 px);
stream.frame_ms / stream.max_ms — a frame of the same answer streamed 24 characters at a time
(`StreamingDocument.update` + layout: the tail page rebuilt or grown in place).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ANSWER = "".join(
    f"{n}. item number {n}, 第{n}项\n" + (f"{' ' * len(f'{n}. ')}- nested one\n" * 2 if n % 5 == 0 else "")
    for n in range(1, 121)
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    sys.path.insert(0, str(args.source))
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.ui.chat.documents import Page
    from desktop.ui.chat.markdown import CodeRegistry, MarkdownRenderer
    from desktop.ui.chat.streaming import StreamingDocument
    from desktop.ui.chat.style import ChatStyle

    app = QApplication([])
    style = ChatStyle.from_widget(QWidget())
    renderer = MarkdownRenderer(style)
    pages, frames, longest = [], [], []
    for _run in range(args.runs):
        start = time.perf_counter()
        for _ in range(10):
            Page(style, renderer.render_markdown(ANSWER, CodeRegistry())).layout(600)
        pages.append((time.perf_counter() - start) * 100)
        document = StreamingDocument(renderer, style)
        document.layout(600)
        times = []
        for end in range(24, len(ANSWER) + 24, 24):
            start = time.perf_counter()
            document.update(ANSWER[:end], budget=10**6)
            document.layout(600)
            times.append((time.perf_counter() - start) * 1000)
        frames.append(statistics.median(times))
        longest.append(max(times))
    print(f"source = {args.source}")
    print(f"page.ms = {statistics.median(pages):.2f}")
    print(f"stream.frame_ms = {statistics.median(frames):.2f}")
    print(f"stream.max_ms = {statistics.median(longest):.2f}")
    app.quit()


if __name__ == "__main__":
    main()
