"""Screenshots of #17 items 8, 10 and 12 and the bot-name placeholder, in a demo profile.

    QT_QPA_PLATFORM=offscreen python tools/lang_shots.py OUT_DIR [--theme light|dark] [--language en|zh_CN]

Saves OUT_DIR/<scene>-<theme>-<language>.png for each scene:
  file-dialog   Qt's own (non-native) save dialog in the UI language
  quotes        a demo answer with curly quotes and a table after a list
  spin-box      Settings → Appearance (the font-size spin box)
  placeholder   a chat whose bot's details have not arrived: "Bot", never its id
  switched      the same window after Settings → Language switched it live to the other language
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QFileDialog
from screenshots import pump  # tools/screenshots.py, beside this script

from desktop.app import DesktopApp
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import NewMessage, Store
from desktop.ui.settings_dialog import SettingsDialog

UNKNOWN_BOT = "7450000000000000077"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--theme", default="light")
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tag = f"{args.theme}-{args.language}"
    profile = Profile(Path(tempfile.mkdtemp(prefix="coze-lang-shots-")))
    profile.ensure()
    Settings(theme=args.theme, language=args.language).save(profile.settings_path)
    qapp = QApplication(sys.argv[:1])
    store = Store.open(profile.database_path)
    zh = args.language == "zh_CN"
    stranger = store.conversations.create(UNKNOWN_BOT, "新的智能体" if zh else "A new bot")
    store.messages.add(stranger.id, NewMessage(role="user", type="question", content="你好" if zh else "Hello"))
    answer = "你好！有什么可以帮你？" if zh else "Hello! How can I help?"
    store.messages.add(stranger.id, NewMessage(role="assistant", type="answer", content=answer))
    app = DesktopApp(qapp, profile, store, setup_logging(profile.logs_dir))
    app.window.resize(1100, 760)
    app.start(demo=True)
    pump(0.5)

    app.window.open_conversation(stranger.id)
    pump(0.3)
    app.window.grab().save(str(args.out / f"placeholder-{tag}.png"))

    app.window.new_chat()
    app.window.send("什么是向量数据库？" if zh else "What is a vector database?")
    deadline = time.monotonic() + 60
    pump(0.3)
    while app.chats.busy_conversations and time.monotonic() < deadline:
        pump(0.1)
    pump(0.6)
    app.window.grab().save(str(args.out / f"quotes-{tag}.png"))

    dialog = QFileDialog(app.window, "", str(profile.path), "Markdown (*.md)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.resize(760, 460)
    dialog.show()
    pump(0.3)
    dialog.grab().save(str(args.out / f"file-dialog-{tag}.png"))
    dialog.close()

    settings = SettingsDialog(
        app.settings, None, None, app.destinations.overrides, app.bots.test, app.bots.names(), app.window
    )
    settings.tabs.setCurrentWidget(settings.appearance)
    settings.show()
    pump(0.3)
    settings.grab().save(str(args.out / f"spin-box-{tag}.png"))
    settings.close()

    other = "en" if zh else "zh_CN"
    app.apply_settings(replace(app.settings, language=other), "", previous_token=None)
    pump(0.5)
    app.window.grab().save(str(args.out / f"switched-{tag}-to-{other}.png"))

    app.window.close()
    app.shutdown()
    print(f"saved to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
