"""What a streaming frame costs while the text being written is a table, against the other frames (run by hand).

    QT_QPA_PLATFORM=offscreen python bench/bench_table_frames.py [--size 60000] [--source DIR]

`bench_render.py`'s answer (Chinese and English prose, code, a table, a list and a quote per section) goes
into a `StreamingDocument` laid out at 780 px, 33 characters an update (one delta a frame, a bot's pace),
and each update plus the layout it causes is timed. Frames whose open paragraph starts with "|" (a table
being written) are reported apart from the others: the table's tail page also carries the live page above
it (streaming.py, `_rebuild_live`). `--source` measures another checkout (e.g. a `git archive` of main).
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=60_000)
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    sys.path[:0] = [str(args.source), str(Path(__file__).resolve().parent)]
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.ui.chat.markdown import MarkdownRenderer
    from desktop.ui.chat.streaming import StreamingDocument
    from desktop.ui.chat.style import ChatStyle

    # Only now, `desktop` imported from --source: bench_render puts this checkout first on the path.
    answer_text = importlib.import_module("bench_render").answer_text
    print(f"desktop from {sys.modules['desktop.ui.chat.streaming'].__file__}")
    app = QApplication(sys.argv)
    style = ChatStyle.from_widget(QWidget())
    text = answer_text(args.size)
    document = StreamingDocument(MarkdownRenderer(style), style)
    document.layout(780)
    table: list[float] = []
    other: list[float] = []
    for end in range(33, len(text), 33):
        started = time.perf_counter()
        document.update(text[:end], 100_000)
        document.height()
        spent = (time.perf_counter() - started) * 1000
        paragraph = text[text.rfind("\n\n", 0, end) + 2 : end]
        (table if paragraph.lstrip().startswith("|") else other).append(spent)
    for name, times in (("table", table), ("other", other)):
        print(
            f"{name}: {len(times)} frames, median {statistics.median(times):.2f} ms, mean {statistics.mean(times):.2f} ms"
        )
    app.quit()


if __name__ == "__main__":
    main()
