"""Screenshots of answer feedback: a liked answer, a disliked one, and the Dislike dialog.

QT_QPA_PLATFORM=offscreen python tools/feedback_screenshots.py OUT_DIR light|dark zh_CN|en
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.ui.feedback_actions import DislikeDialog
from tools.demo_shots import ask, demo_app, pump, until

out, theme, lang = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
app = demo_app(theme, lang, prefix="coze-feedback-shots-")
store = app.store

ask(app, "给我看一段 Python 代码")
first = max(m.id for m in store.messages.all(app.window.current_conversation or 0) if m.type == "answer")
ask(app, "用表格列出这些方案")
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
