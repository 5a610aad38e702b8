"""Screenshots of the real app in demo mode, for looking at what a person sees.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py OUT_DIR [--theme light|dark] [--language en|zh_CN]
        [--ask "question" ...] [--size 1200x800]

Starts the whole app (composition root, demo server, store) in a temp profile, asks the questions
through the message box, waits for each answer, and saves the window as PNG after each.
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
from desktop.core.cozeserver import Scenario
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import Store


def pump(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--theme", default="light")
    parser.add_argument("--language", default="en")
    parser.add_argument("--ask", action="append", default=[])
    parser.add_argument("--size", default="1200x800")
    parser.add_argument("--welcome", action="store_true", help="shoot the first-run page only")
    parser.add_argument("--chatflow", action="store_true", help="chat with the demo app's chatflow, not the bot")
    parser.add_argument("--fault", help="a local-server scenario (e.g. drop, json_error) for the last question")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    profile = Profile(Path(tempfile.mkdtemp(prefix="coze-shots-")))
    profile.ensure()
    settings = Settings(theme=args.theme, language=args.language)
    settings.save(profile.settings_path)
    redactor = setup_logging(profile.logs_dir)
    qapp = QApplication(sys.argv[:1])
    store = Store.open(profile.database_path)
    app = DesktopApp(qapp, profile, store, redactor)
    app.demo.connection("warm-up")  # start the demo server before timing anything
    width, height = (int(v) for v in args.size.split("x"))
    app.window.resize(width, height)
    app.start(demo=not args.welcome)
    if args.chatflow:
        app.window.presenter.choose_bot(app.demo.chatflow_key)
    pump(0.5)
    tag = f"{args.theme}-{args.language}"
    app.window.grab().save(str(args.out / f"{tag}-0.png"))
    for number, question in enumerate(args.ask, 1):
        if args.fault and number == len(args.ask):
            app.demo.server.queue(Scenario(args.fault))
        app.window.send(question)
        deadline = time.monotonic() + 60
        pump(0.3)
        while app.chats.busy_conversations and time.monotonic() < deadline:
            pump(0.1)
        pump(0.6)
        app.window.grab().save(str(args.out / f"{tag}-{number}.png"))
    app.window.close()
    app.shutdown()
    print(f"saved to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
