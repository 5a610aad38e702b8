"""Screenshots of pictures and files in answers, from real widgets against the local server:

    QT_QPA_PLATFORM=offscreen python tools/shot_media.py OUT_DIR

writes answer-items-{light-en,dark-zh_CN}.png (object_string items: text, a picture, a file line,
a broken picture, a card), composer-{light-en,dark-zh_CN}.png (attachments in the message box) and
preview.png (the picture preview).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.core.cozeserver import CozeServer
from desktop.core.images.cache import ImageCache
from desktop.services.images import ImageLoader
from desktop.services.tasks import TaskRunner
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.images import InlineImages
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.media_actions import ChatMedia
from desktop.ui.i18n import install_translators
from desktop.ui.theme import apply_theme


def pump(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def shoot(out: Path, theme: str, language: str, server: CozeServer, cache: Path) -> ChatMedia:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    view = ChatView()
    loader = ImageLoader(ImageCache(cache))
    media = ChatMedia(InlineImages(loader, view), TaskRunner(view), view)
    view.set_media(media)
    base = server.base_url
    zh = language == "zh_CN"
    text = "这是你要的图片和报告：" if zh else "Here are the picture and the report:"
    items = (
        f'[{{"type":"text","text":"{text}"}},{{"type":"image","file_url":"{base}/_local/draw/11.png"}},'
        f'{{"type":"file","name":"report.pdf","size":196,"file_url":"{base}/_local/media/report.pdf"}}]'
    )
    card = '{"data":"{\\"title\\":\\"' + ("天气" if zh else "Weather") + '\\",\\"text\\":\\"25 °C\\"}"}'
    view.set_messages(
        [
            MessageItem(1, "user", "把图和报告发我" if zh else "send me the picture and the report"),
            MessageItem(2, "assistant", items, sender_name="Bot", content_type="object_string"),
            MessageItem(3, "assistant", f"![broken]({base}/_local/media/broken.png)", sender_name="Bot"),
            MessageItem(4, "assistant", card, sender_name="Bot", content_type="card"),
        ]
    )
    view.resize(900, 900)
    view.show()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (media.images.image(f"{base}/_local/draw/11.png") is None):
        pump(0.1)
    pump(0.5)
    view.grab().save(str(out / f"answer-items-{theme}-{language}.png"))
    return media


def shoot_composer(out: Path, theme: str, language: str, folder: Path) -> None:
    """The message box with a picture and a document attached, and a refused file."""
    from desktop.core.attachments.copies import LocalCopies
    from desktop.core.cozeserver.api_media import PDF, drawing
    from desktop.ui.composer import Composer

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    folder.mkdir(parents=True, exist_ok=True)
    picture, report, wrong = folder / "sunset.png", folder / "季度报告.pdf", folder / "photo.jpg"
    picture.write_bytes(drawing(11))
    report.write_bytes(PDF)
    wrong.write_bytes(drawing(3))
    composer = Composer()
    composer.copies = LocalCopies(folder / "copies")
    composer.attach_paths([picture, report, wrong])
    composer.set_text("这两个文件讲了什么？" if language == "zh_CN" else "What do these two files say?")
    composer.resize(760, 150)
    composer.show()
    pump(0.3)
    composer.grab().save(str(out / f"composer-{theme}-{language}.png"))


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    cache = Path(tempfile.mkdtemp(prefix="coze-media-shots-"))
    with CozeServer() as server:
        shoot(out, "light", "en", server, cache / "a")
        shoot_composer(out, "light", "en", cache / "c")
        translators = install_translators(app, "zh_CN")
        del translators
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        media = shoot(out, "dark", "zh_CN", server, cache / "b")
        shoot_composer(out, "dark", "zh_CN", cache / "d")
        media.show_preview(f"{server.base_url}/_local/draw/11.png")
        assert media.preview is not None
        media.preview.resize(700, 500)
        media.preview.fit()
        pump(0.3)
        media.preview.grab().save(str(out / "preview.png"))
        _ = QTranslator
    return 0


if __name__ == "__main__":
    sys.exit(main())
