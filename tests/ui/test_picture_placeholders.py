"""The placeholders drawn where pictures are not in memory yet are kept within a budget in bytes (#21).

They are drawn at the picture's natural size (up to 1600 × 1600): a conversation reopened with many
pictures of different sizes asks for many at once. A count cap of 64 held up to 64 of them, ~400 MB of
1600 × 1000 boxes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from desktop.core.images.cache import ImageCache
from desktop.services.images import ImageLoader
from desktop.ui.chat.images import InlineImages

BUDGET = 16 * 1024 * 1024


@pytest.fixture
def images(qtbot: QtBot, tmp_path: Path) -> Iterator[InlineImages]:
    loader = ImageLoader(ImageCache(tmp_path / "cache", limit=1_000_000))
    yield InlineImages(loader)
    loader.shutdown()


def held(images: InlineImages) -> int:
    return sum(image.sizeInBytes() for image in images._placeholders.values())


def test_placeholders_of_many_big_pictures_stay_within_the_budget(images: InlineImages) -> None:
    drawn = [images._placeholder(QSize(1600, 1000 + i), broken=False) for i in range(40)]

    assert all(image.width() == 1600 and image.height() == 1000 + i for i, image in enumerate(drawn))
    assert held(images) <= BUDGET
    assert images._placeholder(QSize(1600, 1039), broken=False) is drawn[-1]  # the latest are kept


def test_a_hundred_small_placeholders_are_all_kept(images: InlineImages) -> None:
    # 100 broken-picture boxes of different widths (~100 KB each) fit the budget: none is drawn twice.
    drawn = [images._placeholder(QSize(200 + i, 100), broken=True) for i in range(100)]

    assert all(images._placeholder(QSize(200 + i, 100), broken=True) is image for i, image in enumerate(drawn))
    assert held(images) <= BUDGET
