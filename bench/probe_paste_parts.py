"""Where the memory of a huge paste goes, step by step, in a bare QPlainTextEdit (run by hand, not a test).

    .venv/bin/python bench/probe_paste_parts.py [--no-undo]

A text of ~6.3 M characters (110,000 lines, Chinese and English; 9.3 MB as UTF-8) is pasted through the
clipboard; VmRSS growth (MB, from /proc/self/status) is printed after each step: the paste (the document,
its layout and, unless --no-undo, the undo step), one toPlainText() (what the Send button's check and the draft's
save each did), a json.dumps of it (the draft's save), and after clearing the clipboard and the undo stack.
"""

from __future__ import annotations

import argparse
import gc
import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication, QPlainTextEdit


def rss() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-undo", action="store_true")
    args = parser.parse_args()
    app = QApplication([])
    edit = QPlainTextEdit()
    edit.resize(600, 100)
    edit.show()
    app.processEvents()
    edit.setUndoRedoEnabled(not args.no_undo)
    big = "".join(f"这是一段很长的粘贴文本 with some English words mixed in, 第 {i} 行。\n" for i in range(110_000))
    print(f"{len(big):,} characters, {len(big.encode()) / 1e6:.1f} MB as UTF-8")
    mime = QMimeData()
    mime.setText(big)
    QApplication.clipboard().setMimeData(mime)
    del big
    gc.collect()
    start = rss()
    edit.paste()
    for _ in range(5):
        app.processEvents()
    print(f"pasted        +{rss() - start:.0f} MB")
    text = edit.toPlainText()
    print(f"toPlainText   +{rss() - start:.0f} MB")
    dumped = json.dumps({"1": text}, ensure_ascii=False)
    print(f"json.dumps    +{rss() - start:.0f} MB")
    del dumped, text
    gc.collect()
    QApplication.clipboard().clear()
    edit.document().clearUndoRedoStacks()
    app.processEvents()
    print(f"freed, clipboard and undo cleared  +{rss() - start:.0f} MB")


if __name__ == "__main__":
    main()
