"""Screenshots of lists in answers (bullets, numbers, nesting; English and Chinese), light and dark.

    QT_QPA_PLATFORM=xcb DISPLAY=:N python tools/list_shots.py OUT_DIR [--streaming]

Shows the chat view with a question and an answer made of lists, in each theme, and saves
OUT_DIR/lists-<theme>.png (the whole view) and OUT_DIR/lists-<theme>-x2.png (the answer's first lines
at twice the size, to judge the space between a marker and its text). `--streaming` also saves
OUT_DIR/caret-<n>.png while the answer streams, one a list-item boundary.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from desktop.ui.theme import apply_theme

ANSWER = """Three ways to keep a cache small:

- Evict the least recently used entry first
- Cap the size in bytes, not in entries
  - nested: count the keys too
  - nested: and the bookkeeping
- Expire entries after a fixed time

1. Measure the hit rate
2. Pick the policy
10. Write it down

中文列表：

- 先检查输入是什么
- 再决定用哪种缓存策略，如果句子很长，它会换行，换行后的文字应当和上一行的文字对齐
  1. 第一步：测量命中率
  2. 第二步：选择策略

最后一段。
"""


def settle(app: QApplication, view: ChatView) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if view.is_idle():
            break
    loop = QEventLoop()
    QTimer.singleShot(150, loop.quit)
    loop.exec()


def shoot(app: QApplication, out: Path, theme: str) -> None:
    apply_theme(app, theme)
    view = ChatView()
    view.resize(640, 820)
    view.show()
    now = time.time()
    view.set_messages(
        [
            MessageItem(1, "user", "How do I keep a cache small? 列出要点。", created_at=now - 60),
            MessageItem(2, "assistant", ANSWER, created_at=now - 50, sender_name="Demo"),
        ]
    )
    settle(app, view)
    image = view.grab()
    image.save(str(out / f"lists-{theme}.png"))
    image.copy(QRect(0, 60, 420, 300)).scaled(840, 600, mode=Qt.TransformationMode.FastTransformation).save(
        str(out / f"lists-{theme}-x2.png")
    )
    view.close()


def shoot_streaming(app: QApplication, out: Path) -> None:
    apply_theme(app, "light")
    view = ChatView()
    view.resize(640, 600)
    view.show()
    view.set_messages([MessageItem(1, "user", "Lists, please.", created_at=time.time())])
    view.append_message(MessageItem(2, "assistant", "", status="streaming", sender_name="Demo"))
    end = ANSWER.index("  - nested: count")
    view.append_delta(2, ANSWER[:end])
    for number, piece in enumerate(["  -", " nested", ": count"]):
        settle(app, view)
        view.grab().save(str(out / f"caret-{number}.png"))
        view.append_delta(2, piece)
    view.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--streaming", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    for theme in ("light", "dark"):
        shoot(app, args.out, theme)
    if args.streaming:
        shoot_streaming(app, args.out)
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
