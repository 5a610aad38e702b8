"""Screenshots of Coze ▸ New topic: a divider, and a bot that forgot the name given above it.

QT_QPA_PLATFORM=offscreen python tools/new_topic_screenshots.py OUT_DIR light|dark zh_CN|en
"""

from __future__ import annotations

import sys
from pathlib import Path

from tools.demo_shots import ask, demo_app, pump, until

out, theme, lang = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
app = demo_app(theme, lang, prefix="coze-div-shots-")

ask(app, "我叫小林")
app.sync_ui.new_topic.trigger()
until(lambda: any(i.divider for i in app.window.chat.view._model.items()))
ask(app, "我叫什么名字？")
pump(0.8)
app.window.grab().save(str(out / f"new-topic-{lang}-{theme}.png"))
app.shutdown()
