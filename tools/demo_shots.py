"""What the screenshot tools share: the demo app in a throwaway profile, waiting without sleeping blind,
and asking the demo bot a question.

    app = demo_app("dark", "zh_CN")  # QT_QPA_PLATFORM=offscreen unless set
    ask(app, "给我看一段 Python 代码")
    app.window.grab().save("shot.png")
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


def pump(seconds: float) -> None:
    """Let Qt run for `seconds` (paints, timers, queued signals)."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def until(condition: Callable[[], bool], limit: float = 15.0) -> None:
    """Run Qt until `condition()` holds (or `limit` seconds went by)."""
    waited = 0.0
    while not condition() and waited < limit:
        pump(0.05)
        waited += 0.05


def demo_app(
    theme: str,
    language: str,
    *,
    size: tuple[int, int] = (1100, 760),
    prefix: str = "coze-shots-",
    auto_sync: bool = False,
    start: bool = True,
) -> DesktopApp:
    """The app on a fresh profile, in demo mode with the local server answering at once (`start`)."""
    profile = Profile(Path(tempfile.mkdtemp(prefix=prefix)))
    profile.ensure()
    Settings(theme=theme, language=language, auto_sync=auto_sync).save(profile.settings_path)
    redactor = setup_logging(profile.logs_dir)
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    store = Store.open(profile.database_path)
    app = DesktopApp(qapp, profile, store, redactor)
    app.demo.server.pace = 0
    app.window.resize(*size)
    if start:
        app.start(demo=True)
    return app


def ask(app: DesktopApp, text: str) -> int:
    """Send `text` in the shown chat (a new one if none) and wait for the answer; the chat's id."""
    app.window.send(text)
    until(lambda: app.window.current_conversation is not None)
    until(lambda: not app.chats.is_busy(app.window.current_conversation or 0))
    return app.window.current_conversation or 0
