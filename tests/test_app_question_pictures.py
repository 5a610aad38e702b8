"""A question with a picture, through the whole app: its thumbnail shows right after sending, decoded from
the local copy in the profile, and again after a restart (history), with no request to Coze for it."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.cozeserver import CozeServer
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.ui.chat.labels import Label
from desktop.ui.chat.thumbnails import Thumbnails
from tests.coze_fixtures import TOKEN
from tests.images import image_bytes
from tests.memory_keyring import MemoryKeyring
from tests.test_app_session import close_app, open_app


def tile_of(app: DesktopApp, message_id: int) -> Label | None:
    view = app.window.chat.view
    item, rows = view.item(message_id), view.list_view
    row = rows.delegate.layout(item, rows.rows.get(message_id), rows.row_width) if item is not None else None
    return next((label for label in row.labels if label.picture), None) if row is not None else None


def shown(app: DesktopApp, message_id: int, sha256: str) -> bool:
    """The thumbnail of `sha256` is decoded and in memory for the question's tile."""
    tile = tile_of(app, message_id)
    media = app.window.chat.view.media
    if tile is None or media is None or not isinstance(media.thumbnails, Thumbnails):
        return False
    scale = app.window.chat.view.devicePixelRatioF()
    w, h = math.ceil(tile.rect.width() * scale), math.ceil(tile.rect.height() * scale)
    return tile.picture == sha256 and media.thumbnails.picture(sha256, w, h) is not None


def test_a_picture_question_shows_its_thumbnail_live_and_after_a_restart(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, server: CozeServer, memory_keyring: MemoryKeyring
) -> None:
    del memory_keyring
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    app = open_app(qapp, profile)
    app.start(demo=False)
    bot = "7400000000000000042"
    server.add_bot(bot, name="My Bot")
    app.apply_settings(
        replace(Settings(), api_base=server.base_url, bot_ids=[bot], default_bot_id=bot), TOKEN, previous_token=None
    )
    picture = tmp_path / "kitten.png"
    picture.write_bytes(image_bytes("PNG", 1200, 900, "#c04080"))
    composer = app.window.chat.composer
    composer.attach_paths([picture])
    qtbot.waitUntil(lambda: composer.chips.ready, timeout=5000)
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)  # a picture alone, no text
    qtbot.waitUntil(lambda: app.window.current_conversation is not None, timeout=2000)
    conversation = app.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=10_000)
    question, answer = app.store.messages.page(conversation)
    assert answer.status == "complete"
    [record] = app.store.attachments.of(question.id)
    assert (profile.attachments_dir / record.sha256).is_file()
    qtbot.waitUntil(lambda: shown(app, question.id, record.sha256), timeout=10_000)  # live
    close_app(app)

    again = open_app(qapp, profile)
    again.start(demo=False)
    assert again.window.current_conversation == conversation
    qtbot.waitUntil(lambda: shown(again, question.id, record.sha256), timeout=10_000)  # history
    assert again.local_pictures.decoded >= 1
    close_app(again)
