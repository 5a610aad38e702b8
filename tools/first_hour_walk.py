"""A newcomer's first hour, screenshot by screenshot (#17): a fresh profile with no token, the embedded
demo bot, one window size and one theme/language per run.

    xvfb-run -a -s "-screen 0 1400x900x24" python tools/first_hour_walk.py docs/ux \
        --theme dark --language zh_CN --size 1280x800

Saves OUT/<step>-<theme>-<language>-<width>.png for each step, in order:
  01-welcome        a fresh start with no token: the welcome page
  02-demo-intro     the demo bot's new chat: its opening words and suggested questions
  03-first-answer   a greeting answered
  04-long-answer    a long answer with code and a table, scrolled to its middle
  05-attached       a picture attached in the message box
  06-picture-sent   the question with its picture, answered
  07-regenerated    the answer regenerated: its versions
  08-card-focus     the demo chatflow's question card with the keyboard focus on an option
  09-rename         renaming the chat in the list
  10-deleted-undo   the chat deleted, the Undo toast
  11-settings       Settings (the first tab)
  12-switched       the window after Settings → Language switched it to the other language, toast kept
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from demo_shots import demo_app, pump, until  # tools/demo_shots.py, beside this script
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
from PySide6.QtTest import QTest

from desktop.app import DesktopApp
from desktop.ui.settings_dialog import SettingsDialog


def picture(path: Path) -> Path:
    """A small landscape-like picture to attach (sky, hills, sun)."""
    image = QImage(640, 420, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    sky = QLinearGradient(QPointF(0, 0), QPointF(0, 420))
    sky.setColorAt(0, QColor("#4a90d9"))
    sky.setColorAt(1, QColor("#cde6ff"))
    painter.fillRect(image.rect(), sky)
    painter.setBrush(QColor("#ffd34d"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QPointF(480, 110), 50, 50)
    painter.setBrush(QColor("#3f8f4f"))
    painter.drawEllipse(QPointF(160, 460), 320, 190)
    painter.setBrush(QColor("#2f7040"))
    painter.drawEllipse(QPointF(520, 500), 300, 200)
    painter.end()
    image.save(str(path))
    return path


def busy(app: DesktopApp) -> bool:
    return bool(app.chats.busy_conversations)


def answered(app: DesktopApp) -> None:
    pump(0.3)
    until(lambda: not busy(app), 60)
    pump(0.6)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--theme", default="light")
    parser.add_argument("--language", default="en")
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    width, height = (int(n) for n in args.size.split("x"))
    tag = f"{args.theme}-{args.language}-{width}"
    zh = args.language == "zh_CN"
    app = demo_app(args.theme, args.language, size=(width, height), prefix="coze-first-hour-", start=False)
    window = app.window

    def shot(step: str, widget: object = None) -> None:
        pump(0.4)
        target = widget if widget is not None else window
        target.grab().save(str(args.out / f"{step}-{tag}.png"))  # type: ignore[attr-defined]

    app.start(demo=False)
    window.show()
    pump(0.6)
    shot("01-welcome")

    window.demoRequested.emit()
    pump(0.8)
    shot("02-demo-intro")

    window.send("你好" if zh else "Hello")
    answered(app)
    shot("03-first-answer")

    window.send("给我一个长的回答" if zh else "Give me a long answer")
    answered(app)
    view = window.chat.view.list_view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 3)
    shot("04-long-answer")

    composer = window.chat.composer
    composer.attach_paths([picture(Path(app.profile.path) / "hills.png")])
    composer.edit.setPlainText("这张图里有什么？" if zh else "What is in this picture?")
    composer.focus()
    shot("05-attached")
    window.send(composer.text())
    answered(app)
    shot("06-picture-sent")

    conversation = window.current_conversation
    assert conversation is not None
    last = app.store.messages.page(conversation)[-1]
    window.presenter.regenerate(last.id)
    answered(app)
    shot("07-regenerated")

    window.new_chat()
    window.presenter.choose_bot(app.demo.chatflow_key)
    window.send("开始" if zh else "Let's start")
    answered(app)
    window.activateWindow()  # (bare Xvfb has no window manager to do it: keys need an active window)
    until(window.isActiveWindow, 3)
    composer.focus()
    QTest.keyClick(composer.edit, Qt.Key.Key_Tab)
    pump(0.3)
    shot("08-card-focus")
    window.open_conversation(conversation)

    window.sidebar.rename_current()
    pump(0.2)
    editor = window.sidebar.list.focusWidget()
    if editor is not None:
        QTest.keyClicks(editor, "Trip notes")
    shot("09-rename")
    QTest.keyClick(window.sidebar.list.focusWidget() or window, Qt.Key.Key_Escape)
    pump(0.2)

    window.conversations.delete_current()
    shot("10-deleted-undo")

    settings = SettingsDialog(
        app.settings, None, None, app.destinations.overrides, app.bots.test, app.bots.names(), window
    )
    settings.show()
    shot("11-settings", settings)
    settings.close()

    other = "en" if zh else "zh_CN"
    app.apply_settings(replace(app.settings, language=other), "", previous_token=None)
    pump(0.8)
    shot("12-switched")

    window.close()
    app.shutdown()
    print(f"saved to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
