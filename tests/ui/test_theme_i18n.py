"""Themes, icons, the app icon and the Chinese translation."""

from __future__ import annotations

import importlib.util
import struct
from collections.abc import Iterator
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt, QTranslator
from PySide6.QtGui import QColor, QImageReader, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.core.settings import Overrides, Settings
from desktop.resources import resource_path
from desktop.ui import i18n, icons, theme
from desktop.ui.settings_dialog import SettingsDialog

Role = QPalette.ColorRole
ROOT = resource_path("..")
MY_SOURCES = [ROOT / "desktop/ui/settings_dialog.py", *sorted((ROOT / "desktop/ui/settings").glob("*.py"))]


def _load_tool(name: str) -> ModuleType:
    """A script from tools/ (not a package) as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


update_translations = _load_tool("update_translations")


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The app, with its palette, stylesheet, style and translators put back afterwards."""
    palette, sheet, style = QPalette(qapp.palette()), qapp.styleSheet(), qapp.style().name()
    locale = QLocale()
    yield qapp
    i18n.install_translators(qapp, "en")
    QLocale.setDefault(locale)
    for watcher in qapp.findChildren(theme._ThemeWatcher):
        watcher.setParent(None)
        watcher.deleteLater()
    qapp.styleHints().unsetColorScheme()
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    if qapp.style().name() != style:
        qapp.setStyle(style)


def window_color(app: QApplication) -> QColor:
    return app.palette().color(Role.Window)


def test_light_and_dark_change_the_palette(app: QApplication) -> None:
    theme.apply_theme(app, "light")
    assert window_color(app) == QColor(theme.LIGHT.window)
    assert not theme.is_dark(app)
    assert theme.LIGHT.border in app.styleSheet()

    theme.apply_theme(app, "dark")
    assert window_color(app) == QColor(theme.DARK.window)
    assert app.palette().color(Role.Text) == QColor(theme.DARK.text)
    assert theme.is_dark(app)
    assert theme.DARK.border in app.styleSheet()
    assert theme.current_theme(app) == "dark"
    app.setStyleSheet("")  # underneath the stylesheet proxy
    assert app.style().name().lower() == "fusion"


def test_text_is_readable_on_both_themes(app: QApplication) -> None:
    def contrast(a: str, b: str) -> float:
        def luminance(c: QColor) -> float:
            channels = [v / 255 for v in (c.red(), c.green(), c.blue())]
            linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

        high, low = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
        return (high + 0.05) / (low + 0.05)

    for s in (theme.LIGHT, theme.DARK):
        assert contrast(s.text, s.base) >= 7
        assert contrast(s.text, s.window) >= 7
        assert contrast(s.text_secondary, s.window) >= 4.5
        assert contrast(s.accent_text, s.accent) >= 4.5
        assert contrast(s.link, s.base) >= 4.5
        assert contrast(s.error, s.window) >= 4.5


def test_system_follows_the_platforms_color_scheme(app: QApplication) -> None:
    theme.apply_theme(app, "system")
    assert theme.is_dark(app) == (app.styleHints().colorScheme() == Qt.ColorScheme.Dark)
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.is_dark(app)
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not theme.is_dark(app)

    theme.apply_theme(app, "light")  # a chosen theme ignores the platform
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not theme.is_dark(app)


def test_font_size(app: QApplication) -> None:
    default = app.font().pointSize()
    theme.apply_font_size(app, 15)
    assert app.font().pointSize() == 15
    theme.apply_font_size(app, 0)
    assert app.font().pointSize() == default


@pytest.mark.parametrize("name", icons.NAMES)
def test_every_icon_renders_in_the_color_asked(qapp: QApplication, name: str) -> None:
    red = icons.pixmap(name, 48, "#ff0000").toImage()
    green = icons.pixmap(name, 48, QColor("#00c000")).toImage()
    red_pixels = [red.pixelColor(x, y) for x in range(48) for y in range(48) if red.pixelColor(x, y).alpha() > 200]
    assert red_pixels, f"{name} draws nothing"
    assert all(c.red() > 200 and c.green() < 40 and c.blue() < 40 for c in red_pixels)
    greens = [green.pixelColor(x, y) for x in range(48) for y in range(48) if green.pixelColor(x, y).alpha() > 200]
    assert all(c.green() > 150 and c.red() < 40 for c in greens)


def test_icon_has_sizes_and_a_selected_mode(qapp: QApplication) -> None:
    plain = icons.icon("send", "#333333")
    assert not plain.isNull()
    assert QSize(16, 16) in plain.availableSizes() and QSize(96, 96) in plain.availableSizes()
    both = icons.icon("bot", "#333333", selected="#ffffff")
    selected = both.pixmap(QSize(24, 24), 1.0, both.Mode.Selected).toImage()
    opaque = [
        selected.pixelColor(x, y) for x in range(24) for y in range(24) if selected.pixelColor(x, y).alpha() > 200
    ]
    assert opaque and all(c.lightness() > 240 for c in opaque)
    with pytest.raises(KeyError):
        icons.icon("no-such-icon")


def test_app_icon_has_every_size(qapp: QApplication) -> None:
    app_icon = icons.app_icon()
    sizes = {s.width() for s in app_icon.availableSizes()}
    assert sizes == set(icons.APP_ICON_SIZES)


def test_the_ico_holds_pngs_from_16_to_256(qapp: QApplication) -> None:
    path = resource_path("icons", "app.ico")
    reader = QImageReader(str(path))
    assert reader.canRead() and reader.imageCount() == 7  # Qt's own ICO reader agrees
    data = path.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, _height, _colors, _r, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_the_desktop_entry_names_the_app_in_both_languages() -> None:
    entry = resource_path("coze-desktop.desktop").read_text(encoding="utf-8")
    for line in (
        "Name=Coze Desktop",
        "Name[zh_CN]=扣子桌面",
        "Exec=coze-desktop",
        "Icon=coze-desktop",
        "Terminal=false",
    ):
        assert line in entry.splitlines()


@pytest.mark.parametrize(
    ("language", "system", "expected"),
    [
        ("zh_CN", "en_US", "zh"),
        ("en", "zh_CN", "en"),
        ("system", "zh_CN", "zh"),
        ("system", "zh_TW", "zh"),
        ("system", "de_DE", "en"),
        ("system", "C", "en"),
    ],
)
def test_effective_language(language: str, system: str, expected: str) -> None:
    assert i18n.effective_language(language, QLocale(system)) == expected


def test_chinese_translates_the_settings_dialog(app: QApplication, qtbot: QtBot) -> None:
    assert i18n.install_translators(app, "zh_CN") == "zh"
    assert i18n.current_language() == "zh"
    dialog = SettingsDialog(Settings(), None, None, Overrides(None, None, None), lambda *args: None, {})
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "设置"
    assert [dialog.tabs.tabText(i) for i in range(4)] == ["连接", "账号", "智能体", "外观"]
    assert dialog.appearance.font_size.text() == "系统默认"
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "取消"  # Qt's own catalog is loaded too

    assert i18n.install_translators(app, "en") == "en"
    assert i18n.current_language() == "en"
    assert QCoreApplication.translate("SettingsDialog", "Settings") == "Settings"
    assert app.findChildren(QTranslator) == []


def test_the_catalog_loads_and_is_chinese(qapp: QApplication) -> None:
    translator = QTranslator()
    assert translator.load(str(resource_path("translations", i18n.CATALOG)))
    assert translator.translate("ConnectionPage", "Keep the token for this session only") == "仅在本次运行期间保留令牌"


def test_no_string_of_the_settings_dialog_lacks_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code = update_translations.main(["--check", *(str(p) for p in MY_SOURCES)])
    assert capsys.readouterr().out == ""
    assert code == 0


def test_every_ui_string_in_the_tree_has_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code = update_translations.main(["--check"])
    assert code == 0, capsys.readouterr().out


def test_a_translation_must_keep_placeholders_and_shortcuts() -> None:
    assert update_translations.problems_with("Found “{0}”.", "已找到“{0}”。") == []
    assert update_translations.problems_with("Found “{0}”.", "已找到。") == ["the placeholders differ"]
    assert update_translations.problems_with("&Paste", "粘贴") == ["the & shortcut is missing"]
    assert update_translations.problems_with("&Paste", "粘贴(&P)") == []
