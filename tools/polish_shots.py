"""Screenshots of the everyday-polish scenes (issue #17), in a seeded demo profile.

    QT_QPA_PLATFORM=offscreen python tools/polish_shots.py OUT_DIR [--theme light|dark]
        [--language en|zh_CN] [--scene list ...] [--size 1100x720]

Seeds a temp profile with chats spread over the last weeks (a pinned one, one whose answer is a
picture behind a long signed address, a failed one, a cut-off one), starts the whole app on it in demo
mode, and saves one PNG per scene as OUT_DIR/<scene>-<theme>-<language>.png.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import DesktopApp
from desktop.core.cozeserver import DEMO_BOT_ID
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import NewMessage, Store
from desktop.core.store.models import MessageError

DAY = 86400.0
PICTURE = "https://s.coze.cn/t/" + "a1b2c3" * 80 + ".png?x-expires=1767225600&x-signature=" + "Zm9v" * 20


def pump(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def seed(store: Store, zh: bool) -> None:
    """Chats over the last weeks, as a person who has used the app for a while has them."""
    now = time.time()

    def chat(
        title: str, age_days: float, question: str, answer: str, *, status: str = "complete", pinned: bool = False
    ) -> None:
        when = now - age_days * DAY
        conversation = store.conversations.create(DEMO_BOT_ID, title=title, created_at=when, updated_at=when)
        store.messages.add(conversation.id, NewMessage(role="user", type="question", content=question, created_at=when))
        store.messages.add(
            conversation.id,
            NewMessage(role="assistant", type="answer", content=answer, status=status, created_at=when + 5),
        )
        if pinned:
            store.conversations.set_pinned(conversation.id, True)

    if zh:
        chat("周报模板", 40, "给我一个周报模板", "## 周报\n\n| 项目 | 进度 |\n|---|---|\n| 桌面端 | 80% |", pinned=True)
        chat("北京三日游", 35, "北京三日游怎么安排？", "**第一天**：故宫、景山公园……")
        chat("SQL 优化", 12, "这条 SQL 为什么慢？", "缺少索引：`CREATE INDEX …`")
        chat("画一只猫", 4, "画一只戴帽子的猫", f"好的，这是你的猫：\n\n![戴帽子的猫]({PICTURE})\n\n喜欢吗？")
        chat("翻译合同条款", 3, "把这段合同翻译成英文", "", status="failed")
        chat("读书笔记", 1.2, "总结《三体》第一部", "《三体》讲述了……", status="interrupted")
        chat(
            "Python 读取文件",
            0.1,
            "如何用 Python 读取文件？",
            "用 `open()`：\n\n```python\nwith open(p) as f: ...\n```",
        )
    else:
        chat(
            "Weekly report template",
            40,
            "A weekly report template?",
            "## Weekly\n\n| Project | Done |\n|---|---|",
            pinned=True,
        )
        chat("Three days in Beijing", 35, "Plan three days in Beijing", "**Day 1**: the Forbidden City, Jingshan…")
        chat("Slow SQL", 12, "Why is this query slow?", "It lacks an index: `CREATE INDEX …`")
        chat("Draw a cat", 4, "Draw a cat in a hat", f"Here is your cat:\n\n![a cat in a hat]({PICTURE})\n\nLike it?")
        chat("Translate a contract", 3, "Translate this clause", "", status="failed")
        chat("Reading notes", 1.2, "Summarise The Three-Body Problem", "The novel opens in…", status="interrupted")
        chat("Reading a file in Python", 0.1, "How do I read a file in Python?", "Use `open()`:\n\n```python\n...\n```")


def shoot(widget: QWidget, path: Path) -> None:
    pump(0.4)
    widget.grab().save(str(path))
    print(path)


def scene_list(app: DesktopApp) -> QWidget:
    app.window.open_conversation(app.window.model.id_at(1) or 0)
    return app.window


def scene_composer_one_line(app: DesktopApp) -> QWidget:
    app.window.chat.composer.set_text("你好，请帮我把这段话翻译成英文 please")
    return app.window.chat


def scene_composer_many_lines(app: DesktopApp) -> QWidget:
    app.window.chat.composer.set_text("\n".join(f"第 {n} 行 line {n}" for n in range(1, 15)))
    return app.window.chat


def scene_no_token(app: DesktopApp) -> QWidget:
    conversation = app.history.create_conversation("7400000000000000042")  # a bot of one's own, no token
    app.window.open_conversation(conversation.id)
    app.window.send("你好" if app.language == "zh" else "Hello")
    pump(0.5)
    return app.window


def scene_quit(app: DesktopApp) -> QWidget:
    """An answer the app's quitting cut off (#17.11), as the next start shows it."""
    conversation = app.history.create_conversation(DEMO_BOT_ID)
    store = app.store
    store.messages.add_question(
        conversation.id, "讲讲长城的历史" if app.language == "zh" else "Tell me about the Great Wall"
    )
    text = "长城始建于春秋战国时期，" if app.language == "zh" else "The first walls were built in the 7th century BC, "
    quit_error = MessageError(None, "the app quit while the answer streamed", None, "quit")
    answer = NewMessage(role="assistant", type="answer", content=text, status="cancelled", error=quit_error)
    store.messages.add(conversation.id, answer)
    app.window.sidebar.reload()
    app.window.open_conversation(conversation.id)
    return app.window


def scene_rename(app: DesktopApp) -> QWidget:
    app.window.open_conversation(app.window.model.id_at(1) or 0)
    app.window.sidebar.rename_current()
    return app.window


def scene_delete_undo(app: DesktopApp) -> QWidget:
    app.window.open_conversation(app.window.model.id_at(2) or 0)
    app.window.conversations.delete_current()
    return app.window


def narrow(app: DesktopApp) -> None:
    """480 px wide: a person drags the edge past the point where the list steps aside, then on."""
    for _ in range(2):
        app.window.resize(480, app.window.height())
        pump(0.1)


def scene_narrow(app: DesktopApp) -> QWidget:
    """A 480 px window (#17.4): the chat list steps aside, nothing scrolls sideways, times are whole."""
    narrow(app)
    app.window.open_conversation(app.window.model.id_at(1) or 0)
    return app.window


def scene_narrow_list(app: DesktopApp) -> QWidget:
    """Ctrl+B in a 480 px window: the list in the chat's place until a chat is picked."""
    narrow(app)
    app.window.menus.actions["sidebar"].trigger()
    return app.window


def scene_list_hidden(app: DesktopApp) -> QWidget:
    """A wide window with the list put aside (Ctrl+B)."""
    app.window.open_conversation(app.window.model.id_at(1) or 0)
    app.window.menus.actions["sidebar"].trigger()
    return app.window


def scene_shortcuts(app: DesktopApp) -> QWidget:
    """Help ▸ Keyboard shortcuts (#17.13)."""
    app.window.menus.actions["shortcuts"].trigger()
    dialog = app.window.help.shortcuts_dialog
    assert dialog is not None
    return dialog


SCENES: dict[str, Callable[[DesktopApp], QWidget]] = {
    "narrow": scene_narrow,
    "narrow-list": scene_narrow_list,
    "list-hidden": scene_list_hidden,
    "shortcuts": scene_shortcuts,
    "rename": scene_rename,
    "delete-undo": scene_delete_undo,
    "quit": scene_quit,
    "no-token": scene_no_token,
    "list": scene_list,
    "composer-one-line": scene_composer_one_line,
    "composer-many-lines": scene_composer_many_lines,
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--theme", default="light")
    parser.add_argument("--language", default="en")
    parser.add_argument("--scene", action="append", default=[])
    parser.add_argument("--size", default="1100x720")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    profile = Profile(Path(tempfile.mkdtemp(prefix="coze-polish-")))
    profile.ensure()
    Settings(theme=args.theme, language=args.language).save(profile.settings_path)
    redactor = setup_logging(profile.logs_dir)
    qapp = QApplication(sys.argv[:1])
    store = Store.open(profile.database_path)
    seed(store, args.language == "zh_CN")
    app = DesktopApp(qapp, profile, store, redactor)
    width, height = (int(v) for v in args.size.split("x"))
    app.window.resize(width, height)
    app.start(demo=False)
    app.start_demo(app.window.model.id_at(0))
    pump(0.5)
    for name in args.scene or list(SCENES):
        app.window.resize(width, height)  # each scene from the same size (the first sizing met the list's width)
        pump(0.1)
        shoot(SCENES[name](app), args.out / f"{name}-{args.theme}-{args.language}.png")
    app.window.close()
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
