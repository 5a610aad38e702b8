"""Screenshots of the sync: progress mid-sync, and the list after it with the local-only marker.

QT_QPA_PLATFORM=offscreen python tools/sync_screenshots.py OUT_DIR light|dark zh_CN|en
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop

from desktop.core.coze import CozeClient
from desktop.core.cozeserver import DEMO_BOT_ID, DEMO_TOKEN
from tools.demo_shots import demo_app, pump

out, theme, lang = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
app = demo_app(theme, lang, prefix="coze-sync-shots-", size=(1200, 760), start=False)
store, server = app.store, app.demo.server
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
