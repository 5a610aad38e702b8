"""Pictures and files in answers, loaded from the local server over loopback (offscreen, real widgets)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from desktop.core.coze.display import OPEN, SAVE
from desktop.core.cozeserver import CozeServer
from desktop.core.images.cache import ImageCache
from desktop.services.images import ImageLoader
from desktop.services.tasks import TaskRunner
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.images import OPEN as IMAGE_OPEN
from desktop.ui.chat.images import SCHEME, InlineImages
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.media_actions import ChatMedia


class Opened(list[QUrl]):
    def __call__(self, url: QUrl) -> None:
        self.append(url)


@pytest.fixture
def opened() -> Opened:
    return Opened()


@pytest.fixture
def loader(tmp_path: Path) -> Iterator[ImageLoader]:
    loader = ImageLoader(ImageCache(tmp_path / "cache", limit=5_000_000))
    yield loader
    loader.shutdown()


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def view(qtbot: QtBot, opened: Opened, loader: ImageLoader, runner: TaskRunner, tmp_path: Path) -> ChatView:
    widget = ChatView(open_url=opened)
    qtbot.addWidget(widget)
    images = InlineImages(loader, widget)
    saved = tmp_path / "saved"
    saved.mkdir()
    media = ChatMedia(
        images,
        runner,
        widget,
        open_url=opened,
        choose_path=lambda name: str(saved / name),
        confirm=lambda _name: False,
    )
    widget.set_media(media)
    widget.resize(700, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def answer(message_id: int, text: str, **fields: object) -> MessageItem:
    return MessageItem(message_id, "assistant", text, sender_name="Bot", **fields)  # type: ignore[arg-type]


def images_in(view: ChatView, message_id: int) -> list[tuple[str, float, float]]:
    rendered = view._delegate.cached(message_id)
    assert rendered is not None
    found = []
    for _index, page, _y in rendered.content.placed():
        doc: QTextDocument = page.doc
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.isImageFormat():
                    image = fmt.toImageFormat()
                    found.append((image.name(), image.width(), image.height()))
                it += 1
            block = block.next()
    return found


def test_a_markdown_picture_loads_inline_scaled_to_the_column(
    qtbot: QtBot, view: ChatView, server: CozeServer, loader: ImageLoader
) -> None:
    url = f"{server.base_url}/_local/draw/7.png"
    view.set_messages([answer(1, f"Look:\n\n![sunset]({url})\n\nNice?")])
    media = view.media
    assert media is not None
    qtbot.waitUntil(lambda: media.images.image(url) is not None, timeout=10_000)
    qtbot.waitUntil(view.is_idle, timeout=10_000)
    [(name, width, height)] = images_in(view, 1)
    assert name == SCHEME + url
    assert 100 < width <= 480 and abs(width / height - 480 / 320) < 0.02
    assert "Look:" in view.rendered_text(1)
    assert server.requests == []  # no Coze API call: a plain GET without the token
    # a second view of the same picture comes from the disk cache, not the network
    assert loader.cache is not None and loader.cache.dimensions(url) == (480, 320)


def test_a_broken_picture_shows_the_broken_state(qtbot: QtBot, view: ChatView, server: CozeServer) -> None:
    url = f"{server.base_url}/_local/media/broken.png"
    view.set_messages([answer(1, f"![x]({url})")])
    images = view.media.images  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: images.status(url) == "failed", timeout=10_000)
    assert images.reason(url) == "not_image"


def test_a_huge_picture_is_refused(qtbot: QtBot, view: ChatView, server: CozeServer) -> None:
    url = f"{server.base_url}/_local/media/huge.png"
    view.set_messages([answer(1, f"![x]({url})")])
    images = view.media.images  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: images.status(url) == "failed", timeout=10_000)
    assert images.reason(url) == "too_large"


def test_plain_http_to_another_machine_is_never_loaded(view: ChatView) -> None:
    view.set_messages([answer(1, "![x](http://example.com/a.png)")])
    assert view.media is not None
    assert not view.media.images.wants("http://example.com/a.png")
    assert view.media.images.loader.requests == 0


def test_a_whole_url_answer_that_is_a_picture(qtbot: QtBot, view: ChatView, server: CozeServer) -> None:
    url = f"{server.base_url}/_local/draw/3.png"
    view.set_messages([answer(1, url)])
    images = view.media.images  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: images.image(url) is not None, timeout=10_000)


def test_a_whole_url_answer_that_is_a_page_stays_a_link(qtbot: QtBot, view: ChatView, server: CozeServer) -> None:
    url = f"{server.base_url}/_local/media/page.html"
    view.set_messages([answer(1, url)])
    images = view.media.images  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: images.not_image(url), timeout=10_000)
    qtbot.waitUntil(lambda: images_in(view, 1) == [], timeout=10_000)
    assert url in view.rendered_text(1)


def test_object_string_answer_items(qtbot: QtBot, view: ChatView, server: CozeServer, tmp_path: Path) -> None:
    picture = f"{server.base_url}/_local/draw/4.png"
    report = f"{server.base_url}/_local/media/report.pdf"
    content = (
        '[{"type":"text","text":"Here you go"},{"type":"image","file_url":"' + picture + '"},'
        '{"type":"file","name":"report.pdf","size":2048,"file_url":"' + report + '"},{"type":"audio","file_id":"1"}]'
    )
    view.set_messages([answer(1, content, content_type="object_string")])
    text = view.rendered_text(1)
    assert "Here you go" in text
    assert "report.pdf · 2 KB" in text and "Save as…" in text and "Open" in text
    assert "not shown here" in text
    assert '"type"' not in text
    media = view.media
    assert media is not None
    assert media.activate(SAVE + report)
    qtbot.waitUntil(lambda: media.downloads.get(report, "").startswith("saved:"), timeout=10_000)
    assert (tmp_path / "saved" / "report.pdf").read_bytes().startswith(b"%PDF")


def test_opening_a_script_asks_first(qtbot: QtBot, view: ChatView, server: CozeServer, opened: Opened) -> None:
    script = f"{server.base_url}/_local/media/tool.sh"
    media = view.media
    assert media is not None
    media.activate(OPEN + script)
    qtbot.waitUntil(lambda: media.downloads.get(script) == "declined", timeout=10_000)
    assert opened == []
    pdf = f"{server.base_url}/_local/media/report.pdf"
    media.activate(OPEN + pdf)
    qtbot.waitUntil(lambda: media.downloads.get(pdf, "").startswith("opened:"), timeout=10_000)
    assert opened and opened[-1].isLocalFile()


def test_a_card_shows_its_text_never_json(view: ChatView) -> None:
    card = '{"card_type":3,"data":"{\\"title\\":\\"Weather\\",\\"elements\\":[{\\"text\\":\\"Sunny, 25 °C\\"}]}"}'
    view.set_messages([answer(1, card, content_type="card"), answer(2, "{}", content_type="card")])
    assert "Weather" in view.rendered_text(1) and "Sunny, 25 °C" in view.rendered_text(1)
    assert "{" not in view.rendered_text(1)
    assert "cannot show" in view.rendered_text(2)


def test_a_half_written_picture_waits_while_streaming(qtbot: QtBot, view: ChatView, server: CozeServer) -> None:
    url = f"{server.base_url}/_local/draw/9.png"
    view.set_messages([answer(1, "", status="streaming")])
    view.append_delta(1, "Here: ![sun](" + url[:20])
    qtbot.waitUntil(lambda: "Here:" in view.rendered_text(1), timeout=5_000)
    assert "![" not in view.rendered_text(1) and "sun" not in view.rendered_text(1)
    view.append_delta(1, url[20:] + ")")
    images = view.media.images  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: images.image(url) is not None, timeout=10_000)


def test_clicking_a_picture_opens_the_preview(qtbot: QtBot, view: ChatView, server: CozeServer) -> None:
    url = f"{server.base_url}/_local/draw/5.png"
    view.set_messages([answer(1, f"![sunset]({url})")])
    media = view.media
    assert media is not None
    qtbot.waitUntil(lambda: media.images.image(url) is not None, timeout=10_000)
    assert media.activate(IMAGE_OPEN + url)
    preview = media.preview
    assert preview is not None
    qtbot.waitExposed(preview)
    assert preview.fitting
    preview.zoom_by(2.0)
    assert not preview.fitting
    preview.fit()
    assert preview.zoom <= 1.0
    preview.close()


def test_pictures_off_means_no_requests(qtbot: QtBot, view: ChatView, server: CozeServer) -> None:
    media = view.media
    assert media is not None
    media.images.enabled = False
    view.set_media(media)
    url = f"{server.base_url}/_local/draw/6.png"
    view.set_messages([answer(1, f"![sunset]({url})"), answer(2, url)])
    qtbot.waitUntil(view.is_idle, timeout=5_000)
    assert media.images.loader.requests == 0
    assert "[image: sunset]" in view.rendered_text(1)
    assert url in view.rendered_text(2)
