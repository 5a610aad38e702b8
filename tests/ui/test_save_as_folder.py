"""Save as… for a file or a picture a bot sent opens in the Downloads folder, then where the last one was saved. It
opened in the app's working directory: started from a terminal, the bot's report.pdf went into whatever folder
that was (a source checkout, in the walk of session 34)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.core.images.cache import ImageCache
from desktop.services.images import ImageLoader
from desktop.services.tasks import TaskRunner
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.images import InlineImages
from desktop.ui.chat.media_actions import ChatMedia


@pytest.fixture
def media(qtbot: QtBot, tmp_path: Path) -> Iterator[ChatMedia]:
    runner = TaskRunner()
    loader = ImageLoader(ImageCache(tmp_path / "cache", limit=5_000_000))
    view = ChatView(open_url=lambda _url: True)
    qtbot.addWidget(view)
    yield ChatMedia(InlineImages(loader, view), runner, view)
    loader.shutdown()
    runner.shutdown()


def _answer(seen: list[Path], choose: Path | None) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QFileDialog)
    seen.append(Path(dialog.directory().absolutePath()))
    if choose is None:
        dialog.reject()
    else:
        dialog.selectFile(str(choose))
        dialog.accept()


def test_save_as_starts_in_downloads_then_where_the_last_file_went(media: ChatMedia, tmp_path: Path) -> None:
    downloads = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation))
    expected = downloads if downloads.is_dir() else Path.home()
    seen: list[Path] = []
    QTimer.singleShot(0, lambda: _answer(seen, tmp_path / "kept.pdf"))
    assert media.choose_path("report.pdf") == str(tmp_path / "kept.pdf")
    QTimer.singleShot(0, lambda: _answer(seen, None))
    assert media.choose_path("sunset.png") == ""
    assert seen == [expected.resolve(), tmp_path.resolve()]
    assert Path.cwd().resolve() != expected.resolve()  # (what the dialog opened in before)
