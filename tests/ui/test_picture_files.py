"""Bots' avatars (`<id>.img`) are read with their format named: no image-format plugin is loaded to
show a PNG (#21: a demo start loaded all nine to guess the format of the demo bot's avatar)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop.ui.picture_files import read_pixmap


def _picture(path: Path, fmt: str) -> Path:
    image = QImage(24, 16, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    assert image.save(str(path), fmt)
    return path


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "BMP"])
def test_a_picture_with_no_known_suffix_is_read(qtbot: QtBot, tmp_path: Path, fmt: str) -> None:
    pixmap = read_pixmap(_picture(tmp_path / "7451000000000000001.img", fmt))
    assert (pixmap.width(), pixmap.height()) == (24, 16)


def test_what_is_not_a_picture_reads_as_null(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "text.img").write_text("not a picture", encoding="utf-8")
    assert read_pixmap(tmp_path / "text.img").isNull()
    assert read_pixmap(tmp_path / "missing.img").isNull()


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads the process's mappings (Linux)")
def test_a_png_avatar_loads_no_image_format_plugin(tmp_path: Path) -> None:
    # A fresh process: another test may have loaded the plugins already. The control read (Qt guessing
    # the format, as before) shows the check sees the plugins when they are loaded.
    path = _picture(tmp_path / "7451000000000000001.img", "PNG")
    control = _picture(tmp_path / "7451000000000000002.img", "PNG")  # not the same file: QPixmapCache
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from PySide6.QtGui import QGuiApplication, QPixmap
        from desktop.ui.picture_files import read_pixmap

        def plugins():
            return sum("/imageformats/" in line for line in open("/proc/self/maps"))

        app = QGuiApplication([])
        named = read_pixmap(Path({str(path)!r}))
        print(named.width(), plugins())
        guessed = QPixmap({str(control)!r})
        print(guessed.width(), plugins() > 0)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.split() == ["24", "0", "24", "True"]
