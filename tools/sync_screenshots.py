"""Screenshots of the sync: progress mid-sync, and the list after it with the local-only marker.

QT_QPA_PLATFORM=offscreen python tools/sync_screenshots.py OUT_DIR light|dark zh_CN|en
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import DesktopApp
from desktop.core.coze import CozeClient
from desktop.core.cozeserver import DEMO_BOT_ID, DEMO_TOKEN
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import Store


def pump(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


out, theme, lang = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
profile = Profile(Path(tempfile.mkdtemp(prefix="coze-sync-shots-")))
profile.ensure()
Settings(theme=theme, language=lang, auto_sync=False).save(profile.settings_path)
redactor = setup_logging(profile.logs_dir)
qapp = QApplication(sys.argv[:1])
store = Store.open(profile.database_path)
app = DesktopApp(qapp, profile, store, redactor)
server = app.demo.server
server.pace = 0
topics = [
    "周末去杭州的行程",
    "帮我写一封请假邮件",
    "Python 读取 Excel",
    "解释一下量子纠缠",
    "今晚做什么菜",
    "翻译这段英文",
    "年终总结怎么写",
    "推荐几本科幻小说",
    "如何学习吉他",
    "比较三款笔记本电脑",
    "北京天气怎么样",
    "给孩子讲个故事",
]
with CozeClient(DEMO_TOKEN, server.base_url) as client:
    for topic in topics:
        conv = client.create_conversation(DEMO_BOT_ID, connector_id="999" if "翻译" in topic else None)
        for q in (topic, "再详细一点"):
            list(client.stream_chat(DEMO_BOT_ID, "shots", q, conversation_id=conv.id))
app.window.resize(1200, 760)
app.start(demo=True)
local = app.history.create_conversation(DEMO_BOT_ID)
store.messages.add_question(local.id, "只在这台电脑上的笔记")
app.window.sidebar.reload()
pump(0.5)
shots = {"taken": False}


def grab(bot: str, done: int, total: int, messages: int) -> None:
    if done == 5 and not shots["taken"]:
        shots["taken"] = True
        app.window.grab().save(str(out / f"sync-progress-{lang}-{theme}.png"))


app.sync.progress.connect(grab)
loop = QEventLoop()
app.sync.finished.connect(lambda *a: loop.quit())
app.sync.failed.connect(lambda *a: loop.quit())
app.sync_ui.start()
loop.exec()
pump(0.6)
app.window.grab().save(str(out / f"sync-done-{lang}-{theme}.png"))
app.sync_ui.menu.popup(app.window.mapToGlobal(app.window.rect().topLeft()))
app.shutdown()
