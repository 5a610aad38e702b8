"""Screenshots of Coze ▸ New topic: a divider, and a bot that forgot the name given above it.

QT_QPA_PLATFORM=offscreen python tools/new_topic_screenshots.py OUT_DIR light|dark zh_CN|en
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import DesktopApp
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import Store
from desktop.ui.feedback_actions import DislikeDialog


def pump(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def until(cond: Callable[[], bool], limit: float = 15.0) -> None:
    waited = 0.0
    while not cond() and waited < limit:
        pump(0.05)
        waited += 0.05


out, theme, lang = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
profile = Profile(Path(tempfile.mkdtemp(prefix="coze-div-shots-")))
profile.ensure()
Settings(theme=theme, language=lang, auto_sync=False).save(profile.settings_path)
redactor = setup_logging(profile.logs_dir)
qapp = QApplication(sys.argv[:1])
store = Store.open(profile.database_path)
app = DesktopApp(qapp, profile, store, redactor)
app.demo.server.pace = 0
app.window.resize(1100, 760)
app.start(demo=True)


def ask(text: str) -> None:
    app.window.send(text)
    until(lambda: app.window.current_conversation is not None)
    until(lambda: not app.chats.is_busy(app.window.current_conversation or 0))


ask("给我看一段 Python 代码")
first = max(m.id for m in store.messages.all(app.window.current_conversation or 0) if m.type == "answer")
ask("用表格列出这些方案")
second = max(m.id for m in store.messages.all(app.window.current_conversation or 0) if m.type == "answer")
view = app.window.chat.view
app.sync_ui.feedback.rate(first, "like")
until(lambda: getattr(view._model.find(first), "feedback", None) == "like")
dialog = DislikeDialog(app.window)
dialog.reasons[0].setChecked(True)
dialog.comment.setText("表格里少了价格这一列")


def answer_dialog(self: DislikeDialog) -> int:  # as a person would: tick the first reason, press Send
    self.reasons[0].setChecked(True)
    return 1


DislikeDialog.exec = answer_dialog  # type: ignore[method-assign,assignment]
app.sync_ui.feedback.rate(second, "unlike")
until(lambda: getattr(view._model.find(second), "feedback", None) == "unlike")
pump(0.5)
app.window.grab().save(str(out / f"feedback-{lang}-{theme}.png"))
dialog.show()
pump(0.3)
dialog.grab().save(str(out / f"feedback-dialog-{lang}-{theme}.png"))
dialog.close()
app.shutdown()
