"""Screenshots of attachments in the real app (demo mode): chips with their upload progress, the drop
target over the whole window, a picture sent without text, a question with two pictures and a file
(thumbnails and a chip), and that conversation after a restart with one local copy gone.

    xvfb-run -a python tools/attachment_shots.py docs/attachments [--theme light|dark] [--language en|zh_CN]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QImage, QPainter
from PySide6.QtWidgets import QApplication

from desktop.app import DesktopApp
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import Store
from desktop.ui.drop_target import DropOverlay
from tools.screenshots import pump


def _picture(path: Path, sky: Qt.GlobalColor = Qt.GlobalColor.white, size: tuple[int, int] = (480, 320)) -> Path:
    width, height = size
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(sky)
    painter = QPainter(image)
    painter.fillRect(0, height * 5 // 8, width, height * 3 // 8, Qt.GlobalColor.darkGreen)
    painter.setBrush(Qt.GlobalColor.yellow)
    painter.drawEllipse(width * 7 // 10, height // 8, width * 3 // 16, width * 3 // 16)
    painter.end()
    image.save(str(path))
    return path


def _wait(condition: object, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        pump(0.05)


def _show_last_question(app: DesktopApp) -> None:
    conversation = app.window.current_conversation
    if conversation is not None:
        asked = [m.id for m in app.store.messages.page(conversation) if m.role == "user"]
        app.window.chat.view.scroll_to_message(asked[-1])
        pump(0.8)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--theme", default="light")
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="coze-attach-shots-"))
    profile = Profile(work / "profile")
    profile.ensure()
    Settings(theme=args.theme, language=args.language).save(profile.settings_path)
    qapp = QApplication(sys.argv[:1])
    store = Store.open(profile.database_path)
    app = DesktopApp(qapp, profile, store, setup_logging(profile.logs_dir))
    app.demo.connection("warm-up")
    app.window.resize(1100, 720)
    app.start(demo=True)
    pump(0.5)
    tag = f"{args.theme}-{args.language}"
    composer = app.window.chat.composer
    server = app.demo.server

    # 1. Chips with their progress bars while the files go to Coze.
    report = work / "quarterly-report.txt"
    report.write_bytes(b"numbers\n" * (3 << 20))
    photo = _picture(work / "meadow.png")
    composer.attach_paths([photo, report])
    _wait(lambda: composer.chips.ready)
    composer.set_text("What do these show?" if args.language == "en" else "这些文件讲了什么？")
    server.upload_pace = 1.5
    composer.button.click()
    _wait(lambda: any(0 < c.bar.value() < 700 and c.bar.isVisible() for c in composer.chips.chips()))
    pump(1.2)
    app.window.grab().save(str(args.out / f"upload-progress-{tag}.png"))
    composer.cancelUploadRequested.emit()
    _wait(lambda: not composer.uploading)
    server.upload_pace = 0.0
    composer.clear_attachments()
    composer.set_text("")

    # 2. The drop target over the whole window.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    enter = QDragEnterEvent(
        QPoint(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(app.window.sidebar, enter)
    pump(0.3)
    app.window.grab().save(str(args.out / f"drop-target-{tag}.png"))
    for overlay in app.window.findChildren(DropOverlay):
        overlay.hide()

    # 3. A picture sent with no text.
    composer.attach_paths([photo])
    _wait(lambda: composer.chips.ready)
    composer.button.click()
    _wait(lambda: app.window.current_conversation is not None)
    pump(0.3)
    _wait(lambda: not app.chats.busy_conversations)
    pump(0.8)
    app.window.grab().save(str(args.out / f"picture-only-{tag}.png"))

    # 4. Two pictures (one a big photo) and a file: thumbnails from the local copies, a chip for the file.
    sunset = _picture(work / "sunset.jpg", Qt.GlobalColor.darkMagenta, (4000, 3000))
    notes = work / "notes.md"
    notes.write_text("# Notes\n" * 200, encoding="utf-8")
    composer.attach_paths([photo, sunset, notes])
    _wait(lambda: composer.chips.ready)
    composer.set_text("Which one is brighter?" if args.language == "en" else "哪张更亮？")
    composer.button.click()
    pump(0.5)
    _wait(lambda: not app.chats.busy_conversations)
    pump(1.0)
    _show_last_question(app)
    app.window.grab().save(str(args.out / f"question-pictures-{tag}.png"))
    asked_in = app.window.current_conversation
    app.window.close()
    app.shutdown()

    # 5. After a restart, with the big photo's local copy gone: the history keeps its place and name.
    for copy in profile.attachments_dir.iterdir():
        if copy.stat().st_size == sunset.stat().st_size:
            copy.unlink()
    app = DesktopApp(qapp, profile, Store.open(profile.database_path), setup_logging(profile.logs_dir))
    app.start(demo=True)
    app.window.resize(1100, 720)
    if asked_in is not None:
        app.window.open_conversation(asked_in)
    pump(1.5)
    _show_last_question(app)
    app.window.grab().save(str(args.out / f"history-missing-copy-{tag}.png"))
    app.window.close()
    app.shutdown()
    print(f"saved to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
