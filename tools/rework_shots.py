"""Screenshots of #18: the version switcher after a regenerate, and a selection across messages.

QT_QPA_PLATFORM=offscreen python tools/rework_shots.py OUT_DIR [--theme light|dark] [--language zh_CN]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import DesktopApp
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import Store
from desktop.ui.chat.selection import CONTENT, Spot
from desktop.ui.chat.span import End, Span


def pump(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def wait(app: DesktopApp) -> None:
    deadline = time.monotonic() + 60
    pump(0.3)
    while app.chats.busy_conversations and time.monotonic() < deadline:
        pump(0.1)
    pump(0.6)


def demo_app(width: int, height: int) -> tuple[argparse.Namespace, DesktopApp, Store]:
    """OUT_DIR, --theme and --language from the command line; the app on the demo bot in a fresh profile."""
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--theme", default="light")
    parser.add_argument("--language", default="zh_CN")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    profile = Profile(Path(tempfile.mkdtemp(prefix="coze-shots-")))
    profile.ensure()
    Settings(theme=args.theme, language=args.language).save(profile.settings_path)
    qapp = QApplication(sys.argv[:1])
    store = Store.open(profile.database_path)
    app = DesktopApp(qapp, profile, store, setup_logging(profile.logs_dir))
    app.window.resize(width, height)
    app.start(demo=True)
    pump(0.5)
    return args, app, store


def main() -> int:
    args, app, store = demo_app(1100, 760)
    zh = args.language.startswith("zh")
    app.window.send("我叫小明" if zh else "my name is Ming")
    wait(app)
    app.window.send("用表格对比一下猫和狗" if zh else "compare cats and dogs in a table")
    wait(app)
    conversation = app.window.presenter.current
    assert conversation is not None
    answer = store.messages.page(conversation)[1]
    app.window.presenter.regenerate(answer.id)
    wait(app)
    view = app.window.chat.view
    view.scroll_to_message(answer.id - 1)
    pump(0.3)
    app.window.presenter.show_version(answer.id, 1)
    pump(0.5)
    tag = f"{args.theme}-{args.language}"
    app.window.grab().save(str(args.out / f"versions-{tag}.png"))
    app.window.presenter.show_version(answer.id, 2)
    pump(0.3)
    messages = store.messages.page(conversation)
    view.scroll_to_message(messages[0].id)
    pump(0.3)
    lv = view.list_view
    span = Span(End(messages[0].id, CONTENT, Spot(0, 1)), End(messages[2].id, CONTENT, Spot(0, 4)))
    lv.selecting.select(span)
    lv.setFocus()
    pump(0.4)
    app.window.grab().save(str(args.out / f"selection-{tag}.png"))
    print(repr(lv.selected_text()))
    app.window.close()
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
