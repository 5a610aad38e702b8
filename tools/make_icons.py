"""Render the app icon: `resources/icons/app.svg` → PNGs in `resources/icons/app/` and `app.ico`.

Usage: python tools/make_icons.py [--check]

The PNGs and the ICO are committed, so the app and the packagers never need an SVG renderer at build
time. Sizes up to SMALL_MAX px are drawn from `app-small.svg`, a simplified mark that stays legible
when a pixel is a twentieth of the icon. With `--check` nothing is written; the exit status is 1 when a
committed file is missing or differs from what this script would write.

macOS wants an `.icns`; make it on a Mac from the PNGs with iconutil:
    mkdir CozeDesktop.iconset
    for s in 16 32 128 256 512; do
      cp resources/icons/app/app-$s.png CozeDesktop.iconset/icon_${s}x$s.png
    done
    for s in 16 32 128 256; do
      cp resources/icons/app/app-$((s * 2)).png CozeDesktop.iconset/icon_${s}x${s}@2x.png
    done
    cp resources/icons/app/app-512.png CozeDesktop.iconset/icon_512x512@2x.png  # ideally a 1024 render
    iconutil -c icns CozeDesktop.iconset
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
PNG_DIR = ICONS / "app"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # an ICO entry cannot be larger than 256 px
SMALL_MAX = 24


def render_png(svg: Path, size: int) -> bytes:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO container holding PNG images (Windows Vista and later read PNG entries at every size).

    Layout: ICONDIR (reserved, type 1 = icon, count), one 16-byte ICONDIRENTRY per image
    (width, height — 0 means 256 —, palette size, reserved, planes, bits per pixel, byte size,
    offset), then the PNG files themselves.
    """
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries = b""
    for size in sizes:
        data = pngs[size]
        edge = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(pngs[size] for size in sizes)


def build() -> dict[Path, bytes]:
    outputs: dict[Path, bytes] = {}
    pngs: dict[int, bytes] = {}
    for size in SIZES:
        svg = ICONS / ("app-small.svg" if size <= SMALL_MAX else "app.svg")
        pngs[size] = render_png(svg, size)
        outputs[PNG_DIR / f"app-{size}.png"] = pngs[size]
    outputs[ICONS / "app.ico"] = ico_bytes({size: pngs[size] for size in ICO_SIZES})
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file is out of date")
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    outputs = build()
    stale = [path for path, data in outputs.items() if not path.is_file() or path.read_bytes() != data]
    if args.check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}")
        return 1 if stale else 0
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for path in stale:
        path.write_bytes(outputs[path])
        print(f"wrote {path.relative_to(ROOT)}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
