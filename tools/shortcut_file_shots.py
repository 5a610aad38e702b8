"""Screenshots of a shortcut command's file input: the /look form with a picture chosen, and the demo
bot's answer describing the picture it got.

xvfb-run -a python tools/shortcut_file_shots.py OUT_DIR light|dark zh_CN|en
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
from PySide6.QtTest import QTest

from tools.demo_shots import demo_app, pump, until


def picture(path: Path) -> Path:
    image = QImage(1200, 800, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 1200, 800)
    gradient.setColorAt(0, QColor("#ff8a3d"))
    gradient.setColorAt(1, QColor("#6a3dd0"))
    painter.fillRect(image.rect(), gradient)
    painter.end()
    image.save(str(path), "JPEG")
    return path


def main() -> int:
    out, theme, lang = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    out.mkdir(parents=True, exist_ok=True)
    app = demo_app(theme, lang, prefix="coze-shortcut-file-shots-")
    window, composer = app.window, app.window.chat.composer
    until(lambda: bool(composer.shortcuts.menu.commands))
    composer.focus()
    QTest.keyClicks(composer.edit, "/look")
    QTest.keyClick(composer.edit, Qt.Key.Key_Return)
    form = composer.shortcuts.form
    assert form is not None
    pump(0.3)
    form.grab().save(str(out / f"shortcut-file-empty-{lang}-{theme}.png"))
    name = "日落.jpg" if lang == "zh_CN" else "sunset.jpg"
    assert form.choose_file("file", picture(Path(tempfile.mkdtemp()) / name))
    pump(0.3)
    form.grab().save(str(out / f"shortcut-file-form-{lang}-{theme}.png"))
    form.send_button.click()
    until(lambda: window.current_conversation is not None)
    until(lambda: not app.chats.is_busy(window.current_conversation or 0))
    pump(0.8)
    window.grab().save(str(out / f"shortcut-file-answer-{lang}-{theme}.png"))
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
