"""Screenshots of export for docs/export/: page 1 of a chat exported to PDF (rendered by poppler's
pdftoppm from the real export), and the progress dialog in Chinese.

    .venv/bin/python tools/export_shots.py [--out docs/export]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ANSWER = """当然可以！**列表推导式**把循环和条件写在一行里：

```python
squares = [x * x for x in range(10) if x % 2 == 0]  # 偶数的平方
print(squares)  # [0, 4, 16, 36, 64]
```

| 写法 | 得到 |
|---|---|
| `[x for x in xs]` | 列表 |
| `{x for x in xs}` | 集合 |
| `(x for x in xs)` | 生成器（惰性求值） |

> 小提示：推导式太长时，拆成普通的 `for` 循环更好读。

![Coze Desktop 图标](https://example.com/app-icon.png)

需要我再举一个**字典推导式**的例子吗？"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "export")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QLocale, QTranslator
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.core.images.cache import ImageCache
    from desktop.core.store import BotRecord, NewMessage, Store
    from desktop.core.store.transfer import walk
    from desktop.ui.pdf_export import CachedPictures, PdfChatWriter, print_style
    from desktop.ui.transfer_progress import TransferProgress

    app = QApplication([])
    translator = QTranslator()
    if translator.load(QLocale("zh_CN"), "coze_desktop", "_", str(ROOT / "resources" / "translations")):
        app.installTranslator(translator)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cache = ImageCache(folder / "cache")
        icon = ROOT / "resources" / "icons" / "app" / "app-256.png"
        cache.put("https://example.com/app-icon.png", icon.read_bytes(), 256, 256)
        with Store.open(folder / "history.sqlite3") as store:
            store.bots.upsert(BotRecord("bot1", "扣子助手"))
            conversation = store.conversations.create("bot1", title="Python 入门：列表推导式")
            for role, kind, text, thinking in (
                ("user", "question", "Python 里的列表推导式怎么写？能举个例子吗？", ""),
                ("assistant", "answer", ANSWER, "用户想要一个简单、能直接运行的例子。"),
            ):
                store.messages.add(
                    conversation.id, NewMessage(role=role, type=kind, content=text, reasoning_content=thinking)
                )
            pdf = folder / "chat.pdf"
            writer = PdfChatWriter(pdf, print_style(pictures=CachedPictures(cache)), "zh_CN")
            try:
                walk(store, conversation.id, writer)
            finally:
                writer.close()
        subprocess.run(
            ["pdftoppm", "-r", "110", "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf), str(out / "pdf-page-1")],
            check=True,
        )
    window = QWidget()
    window.resize(640, 400)
    dialog = TransferProgress(QApplication.translate("TransferActions", "Export all chats"), window)
    dialog.report("export", 12_480, 40_000)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(out / "progress-zh_CN.png"))
    dialog.finish()
    print(f"wrote {out / 'pdf-page-1.png'} and {out / 'progress-zh_CN.png'}")


if __name__ == "__main__":
    main()
