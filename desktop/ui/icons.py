"""The app's line icons (`resources/icons/<name>.svg`) in any color, and the app icon.

The SVGs draw with the placeholder color `currentColor`; `icon(name, color)` substitutes a real color
before rendering, so one file serves the light and the dark theme. Without a color, the icon takes the
current palette's text color: call it again after a theme change (`theme.apply_theme` emits nothing;
widgets that keep icons should refresh them on `QEvent.PaletteChange`).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop.resources import resource_path

PLACEHOLDER = "currentColor"
NAMES = (
    "send",
    "stop",
    "new-chat",
    "search",
    "settings",
    "pin",
    "unpin",
    "copy",
    "delete",
    "rename",
    "retry",
    "more",
    "chevron-down",
    "bot",
    "user",
    "warning",
    "info",
    "check",
    "eye",
    "eye-off",
    "plus",
    "close",
    "paste",
    "link-external",
)
APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Logical sizes an icon is pre-rendered at, each also at 2x for high-DPI screens.
_ICON_SIZES = (16, 20, 24, 32, 48)


@cache
def _svg_source(name: str) -> str:
    path = resource_path("icons", f"{name}.svg")
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KeyError(f"no icon named {name!r} ({path})") from exc


def svg_data(name: str, color: QColor | str) -> bytes:
    """The SVG of icon `name` drawn in `color` (a QColor or any name QColor accepts)."""
    value = QColor(color).name(QColor.NameFormat.HexRgb)
    alpha = QColor(color).alphaF()
    source = _svg_source(name).replace(PLACEHOLDER, value)
    if alpha < 1.0:
        source = source.replace("<svg ", f'<svg opacity="{alpha:.3f}" ', 1)
    return source.encode("utf-8")


def _text_color() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText)


def pixmap(name: str, size: int, color: QColor | str | None = None, device_pixel_ratio: float = 1.0) -> QPixmap:
    """Icon `name` as a square pixmap of `size` logical pixels."""
    renderer = QSvgRenderer(QByteArray(svg_data(name, color if color is not None else _text_color())))
    edge = max(1, round(size * device_pixel_ratio))
    result = QPixmap(edge, edge)
    result.fill(Qt.GlobalColor.transparent)
    painter = QPainter(result)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, edge, edge))
    painter.end()
    result.setDevicePixelRatio(device_pixel_ratio)
    return result


@cache
def _icon(name: str, color_name: str, selected_name: str) -> QIcon:
    result = QIcon()
    for size in _ICON_SIZES:
        for ratio in (1.0, 2.0):
            result.addPixmap(pixmap(name, size, QColor.fromString(color_name), ratio))
            if selected_name:
                selected = pixmap(name, size, QColor.fromString(selected_name), ratio)
                result.addPixmap(selected, QIcon.Mode.Selected)
    return result


def icon(name: str, color: QColor | str | None = None, *, selected: QColor | str | None = None) -> QIcon:
    """Icon `name` in `color` (default: the palette's text color now), and in `selected` for the
    Selected mode (a row under the highlight) if given. Cached per name and colors."""
    value = QColor(color) if color is not None else _text_color()
    selected_name = QColor(selected).name(QColor.NameFormat.HexArgb) if selected is not None else ""
    return QIcon(_icon(name, value.name(QColor.NameFormat.HexArgb), selected_name))


def app_icon() -> QIcon:
    """The application icon, with every pre-rendered size (see tools/make_icons.py)."""
    result = QIcon()
    for size in APP_ICON_SIZES:
        path = resource_path("icons", "app", f"app-{size}.png")
        if path.is_file():
            result.addFile(str(path), QSize(size, size))
    if result.isNull():
        result = QIcon(str(resource_path("icons", "app.svg")))
    return result
