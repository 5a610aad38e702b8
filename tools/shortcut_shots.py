"""Screenshots of the bot's shortcut commands and tool steps: the "/" menu, a command's form, and an
answer with its tool call folded (and opened) under it.

QT_QPA_PLATFORM=offscreen python tools/shortcut_shots.py OUT_DIR light|dark zh_CN|en
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.ui.chat.actions import Act, RowAction
from tools.demo_shots import demo_app, pump, until


def main() -> int:
    out, theme, lang = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    out.mkdir(parents=True, exist_ok=True)
    app = demo_app(theme, lang, prefix="coze-shortcut-shots-")
    window, composer = app.window, app.window.chat.composer
    until(lambda: bool(composer.shortcuts.menu.commands))
    composer.focus()
    QTest.keyClicks(composer.edit, "/")
    pump(0.4)
    window.grab().save(str(out / f"shortcut-menu-{lang}-{theme}.png"))
    QTest.keyClicks(composer.edit, "wea" if lang == "en" else "weather")
    QTest.keyClick(composer.edit, Qt.Key.Key_Return)
    form = composer.shortcuts.form
    assert form is not None
    form.fields["city"].setText("上海" if lang == "zh_CN" else "Shanghai")  # type: ignore[union-attr]
    pump(0.3)
    form.grab().save(str(out / f"shortcut-form-{lang}-{theme}.png"))
    form.send_button.click()
    until(lambda: window.current_conversation is not None)
    until(lambda: not app.chats.is_busy(window.current_conversation or 0))
    pump(0.6)
    window.grab().save(str(out / f"tool-steps-{lang}-{theme}.png"))
    view = window.chat.view
    answer = view._model.items()[-1]
    view.row_actions.handle(answer.id, RowAction(Act.STEP, 0))
    pump(0.6)
    window.grab().save(str(out / f"tool-steps-open-{lang}-{theme}.png"))
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
