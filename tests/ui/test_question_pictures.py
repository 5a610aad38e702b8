"""A question's pictures as thumbnails of their local copies, its other files as chips: in the live view
and in history, decoded off the GUI thread, clickable into the preview, and a clear box when the local
copy is gone (offscreen, real widgets, real files)."""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop.core.attachments.copies import LocalCopies, question_content
from desktop.services import local_pictures
from desktop.services.images import ImageLoader, ImageRefused
from desktop.services.local_pictures import LocalPictures, decode_file
from desktop.services.tasks import TaskRunner
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.images import InlineImages
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.labels import Label
from desktop.ui.chat.media_actions import ChatMedia
from desktop.ui.chat.thumbnails import Thumbnails
from tests.chat_probes import point_for_label
from tests.images import image_bytes
from tests.ui.test_chat_view import click, idle


@pytest.fixture
def copies(tmp_path: Path) -> LocalCopies:
    return LocalCopies(tmp_path / "attachments")


@pytest.fixture
def pictures(copies: LocalCopies) -> Iterator[LocalPictures]:
    loader = LocalPictures(copies)
    yield loader
    loader.shutdown()


@pytest.fixture
def view(qtbot: QtBot, pictures: LocalPictures, tmp_path: Path) -> Iterator[ChatView]:
    widget = ChatView(open_url=lambda _url: None)
    qtbot.addWidget(widget)
    images = ImageLoader(None)
    runner = TaskRunner()
    thumbnails = Thumbnails(pictures, widget)
    widget.set_media(ChatMedia(InlineImages(images, widget), runner, widget, thumbnails=thumbnails))
    widget.resize(720, 640)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    runner.shutdown()
    images.shutdown()


def question(message_id: int, text: str, files: list) -> MessageItem:  # type: ignore[type-arg]
    content, content_type = question_content(text, files)
    return MessageItem(message_id, "user", content, content_type=content_type)  # type: ignore[arg-type]


def labels_of(view: ChatView, message_id: int) -> list[Label]:
    item, rows = view.item(message_id), view.list_view
    assert item is not None
    row = rows.delegate.layout(item, rows.rows.get(message_id), rows.row_width)
    assert row is not None
    return row.labels


def tiles(view: ChatView, message_id: int) -> list[Label]:
    return [label for label in labels_of(view, message_id) if label.picture is not None]


def thumbnails_of(view: ChatView) -> Thumbnails:
    assert view.media is not None and view.media.thumbnails is not None
    return view.media.thumbnails


def pixel(view: ChatView, message_id: int, label: Label) -> QColor:
    shot = view.list_view.viewport().grab().toImage()
    point = view.list_view.viewport_point(message_id, label.rect.center())
    assert point is not None
    return shot.pixelColor(point * shot.devicePixelRatio())


def test_a_question_shows_its_pictures_as_thumbnails_and_its_files_as_chips(
    qtbot: QtBot, view: ChatView, copies: LocalCopies, pictures: LocalPictures
) -> None:
    red = copies.keep_bytes("red.png", image_bytes("PNG", 300, 200, "#e03030"))
    green = copies.keep_bytes("green.jpg", image_bytes("JPEG", 200, 300, "#30c040"))
    notes = copies.keep_bytes("notes.txt", b"some notes for the bot")
    view.set_messages([question(1, "what are these?", [red, green, notes])])
    idle(qtbot, view)
    qtbot.waitUntil(lambda: pictures.decoded == 2, timeout=10_000)
    [first, second] = tiles(view, 1)
    assert (first.picture, first.text) == (red.sha256, "red.png")
    assert (second.picture, second.text) == (green.sha256, "green.jpg")
    assert first.rect.width() == first.rect.height() == second.rect.width()  # squares, side by side
    assert first.rect.top() == second.rect.top() and first.rect.right() < second.rect.left()
    [chip] = [label for label in labels_of(view, 1) if label.chip]
    assert "notes.txt" in chip.text and "22 B" in chip.text
    assert view.rendered_text(1).strip() == "what are these?"  # the bubble holds the text, never JSON
    qtbot.waitUntil(lambda: pixel(view, 1, first).red() > 180, timeout=5000)
    red_px, green_px = pixel(view, 1, first), pixel(view, 1, second)
    assert red_px.red() > 180 and red_px.green() < 90
    assert green_px.green() > 150 and green_px.red() < 90


def test_a_picture_alone_has_no_empty_bubble(qtbot: QtBot, view: ChatView, copies: LocalCopies) -> None:
    photo = copies.keep_bytes("photo.png", image_bytes("PNG", 640, 480))
    view.set_messages([question(1, "", [photo])])
    idle(qtbot, view)
    item, rows = view.item(1), view.list_view
    assert item is not None
    row = rows.delegate.layout(item, rows.rows.get(1), rows.row_width)
    assert row is not None and row.bubble is None
    [tile] = tiles(view, 1)
    assert tile.rect.width() > 120  # one picture: a big tile


def test_a_large_photo_is_decoded_off_the_gui_thread_and_scaled(
    qtbot: QtBot, view: ChatView, copies: LocalCopies, pictures: LocalPictures, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = copies.keep_bytes("big.jpg", image_bytes("JPEG", 4000, 3000, "#3050e0"))
    threads: list[threading.Thread] = []

    def recorded(path: Path, width: int, height: int = 0) -> QImage:
        threads.append(threading.current_thread())
        return decode_file(path, width, height)

    monkeypatch.setattr(local_pictures, "decode_file", recorded)
    view.set_messages([question(1, "big one", [big])])
    idle(qtbot, view)
    qtbot.waitUntil(lambda: pictures.decoded == 1, timeout=10_000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    [tile] = tiles(view, 1)
    scale = view.devicePixelRatioF()
    w, h = math.ceil(tile.rect.width() * scale), math.ceil(tile.rect.height() * scale)
    assert abs(w / h - 4 / 3) < 0.02  # one picture: its own shape (the question says its size)
    image = thumbnails_of(view).picture(big.sha256, w, h)
    assert image is not None and (image.width(), image.height()) == (w, h)  # never the 12-megapixel whole
    assert thumbnails_of(view).kept_bytes <= 4 * w * h


def test_decode_file_crops_the_middle_and_never_scales_up(tmp_path: Path) -> None:
    wide = tmp_path / "wide.png"
    wide.write_bytes(image_bytes("PNG", 900, 300))
    assert decode_file(wide, 150, 150).size().toTuple() == (150, 150)
    small = tmp_path / "small.png"
    small.write_bytes(image_bytes("PNG", 40, 20))
    assert decode_file(small, 150, 150).size().toTuple() == (40, 20)
    assert decode_file(wide, 450).size().toTuple() == (450, 150)  # the preview: fit, whole
    with pytest.raises(ImageRefused) as refused:
        decode_file(tmp_path / "gone.png", 10, 10)
    assert refused.value.reason == "missing"


def test_clicking_a_thumbnail_opens_the_picture(qtbot: QtBot, view: ChatView, copies: LocalCopies) -> None:
    photo = copies.keep_bytes("sunset.png", image_bytes("PNG", 800, 600, "#f08020"))
    view.set_messages([question(1, "look", [photo])])
    idle(qtbot, view)
    click(qtbot, view, point_for_label(view, 1, "sunset.png"))
    thumbnails = thumbnails_of(view)
    qtbot.waitUntil(lambda: thumbnails.preview is not None and thumbnails.preview.isVisible(), timeout=10_000)
    preview = thumbnails.preview
    assert preview is not None
    assert preview.windowTitle() == "sunset.png"
    preview.close()


def test_a_missing_local_copy_shows_its_name_in_a_box(
    qtbot: QtBot, view: ChatView, copies: LocalCopies, pictures: LocalPictures
) -> None:
    photo = copies.keep_bytes("holiday.png", image_bytes("PNG", 64, 48))
    copies.path_of(photo.sha256).unlink()
    view.set_messages([question(1, "from last year", [photo])])
    idle(qtbot, view)
    thumbnails = thumbnails_of(view)
    qtbot.waitUntil(lambda: thumbnails.missing(photo.sha256), timeout=10_000)
    [tile] = tiles(view, 1)
    assert tile.text == "holiday.png"
    view.list_view.viewport().grab()  # painted without a picture: no crash
    click(qtbot, view, point_for_label(view, 1, "holiday.png"))
    assert thumbnails.preview is None


def test_thumbnails_show_even_with_pictures_in_answers_turned_off(
    qtbot: QtBot, view: ChatView, copies: LocalCopies, pictures: LocalPictures
) -> None:
    assert view.media is not None
    view.media.images.enabled = False  # no remote requests: a local copy is not one
    photo = copies.keep_bytes("mine.png", image_bytes("PNG", 64, 48))
    view.set_messages([question(1, "", [photo])])
    idle(qtbot, view)
    qtbot.waitUntil(lambda: pictures.decoded == 1, timeout=10_000)


def test_copy_of_a_question_with_files_copies_text_and_names(qtbot: QtBot, view: ChatView, copies: LocalCopies) -> None:
    from desktop.ui.chat.card_rows import readable

    photo = copies.keep_bytes("cat.png", image_bytes("PNG", 64, 48))
    item = question(1, "what is it?", [photo])
    assert readable(item) == "what is it?\n[cat.png]"


def test_many_pictures_wrap_inside_the_column(qtbot: QtBot, view: ChatView, copies: LocalCopies) -> None:
    files = [copies.keep_bytes(f"p{n}.png", image_bytes("PNG", 32 + n, 32)) for n in range(9)]
    view.set_messages([question(1, "nine", files)])
    idle(qtbot, view)
    placed = tiles(view, 1)
    assert len(placed) == 9
    rows = sorted({label.rect.top() for label in placed})
    assert len(rows) >= 2
    width = view.list_view.row_width
    assert all(label.rect.left() >= 0 and label.rect.right() <= width for label in placed)


def test_a_question_synced_from_coze_shows_its_files_not_json(
    qtbot: QtBot, view: ChatView, copies: LocalCopies, pictures: LocalPictures
) -> None:
    known = copies.keep_bytes("cat.png", image_bytes("PNG", 64, 48, "#30a0e0"))
    content = json.dumps(
        [
            {"type": "text", "text": "compare", "file_id": None, "file_url": None},
            {"type": "image", "file_id": "7401", "sha256": known.sha256, "name": "cat.png", "size": known.size},
            {"type": "image", "file_id": "7402", "file_url": "https://cdn.example/o/dog.jpg?x=1"},
            {"type": "file", "file_id": "7403"},
        ]
    )
    view.set_messages([MessageItem(1, "user", content, content_type="object_string")])  # type: ignore[arg-type]
    idle(qtbot, view)
    assert view.rendered_text(1).strip() == "compare"
    placed = tiles(view, 1)
    assert [(t.picture, t.text) for t in placed] == [(known.sha256, "cat.png"), ("", "dog.jpg")]
    [chip] = [label for label in labels_of(view, 1) if label.chip]
    assert chip.text == "📄 File"
    qtbot.waitUntil(lambda: pictures.decoded == 1, timeout=10_000)  # the one with a local copy
    view.list_view.viewport().grab()  # the other: a box with its name


def test_a_question_naming_a_hash_that_is_not_one_paints_without_raising(qtbot: QtBot, view: ChatView) -> None:
    """An imported or hand-edited question whose item has a `sha256` of 64 characters that are not hex: it
    was taken for a local copy's name, and LocalCopies.path_of raised ValueError in the paint (every paint)."""
    items = [{"type": "text", "text": "odd"}, {"type": "image", "name": "odd.png", "sha256": "Z" * 64}]
    view.set_messages([MessageItem(1, "user", json.dumps(items), content_type="object_string")])
    idle(qtbot, view)
    view.list_view.viewport().grab()
    assert view.rendered_text(1).strip() == "odd"
