"""Light and dark themes: the Fusion style, a hand-picked QPalette each, and a small stylesheet.

`apply_theme(app, "system" | "light" | "dark")` sets everything; "system" follows the platform's color
scheme (`QStyleHints.colorScheme()`) and re-applies when it changes. `is_dark(app)` says which one is
showing. `apply_font_size(app, points)` sets the app font size (0 = the platform default).

The stylesheet (`resources/themes/app.qss`) only styles what a palette cannot say, and only widgets
that opt in by object name or dynamic property, so custom delegates keep painting with the palette:
  - `QSplitter` handles: a 1 px line (Qt keeps a wider grab area for thin handles);
  - the main window's parts: `sidebar` (its background; a QWidget subclass needs
    WA_StyledBackground), `conversationList` / `searchResults` (no frame, sidebar color), `searchBox`,
    `newChatButton`, `chatPane` / `composer` (base color), `chatHeader` (a bottom rule),
    `chatSubtitle`, `botAvatar` (an accent disc), `composerEdit` (rounded, accent border on focus),
    `sendButton` / `connectButton` (primary, accent) and `demoButton` (secondary);
  - disabled QLabels, which double as secondary text, stay readable;
  - check boxes, radio buttons and menus (an edge and check boxes of 3:1 or more against the window);
  - labels with the dynamic property `cozeRole` = hint | error | warning | success (secondary or colored text),
    and frames with `cozeNotice` = warning | error | info (a tinted, rounded notice box).
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from desktop.resources import resource_path

THEMES = ("system", "light", "dark")
_WATCHER_NAME = "coze-theme-watcher"

Role = QPalette.ColorRole
Group = QPalette.ColorGroup


@dataclass(frozen=True)
class Scheme:
    """Every color of one theme: the palette roles and the few extra ones the stylesheet uses."""

    dark: bool
    window: str
    text: str
    base: str
    alternate_base: str
    button: str
    placeholder: str
    text_secondary: str
    disabled_text: str
    light: str
    midlight: str
    mid: str
    shadow_dark: str
    shadow: str
    accent: str
    accent_text: str
    accent_hover: str
    link: str
    link_visited: str
    tooltip: str
    tooltip_text: str
    border: str
    border_strong: str
    sidebar: str
    hover: str
    error: str
    warning: str
    success: str
    info: str


LIGHT = Scheme(
    dark=False,
    window="#F5F6F8",
    text="#1C1D21",
    base="#FFFFFF",
    alternate_base="#F1F2F5",
    button="#FBFBFC",
    placeholder="#8A8E97",
    text_secondary="#5F636C",
    disabled_text="#A4A8B0",
    light="#FFFFFF",
    midlight="#ECEDF1",
    mid="#C8CBD2",
    shadow_dark="#A3A7B0",
    shadow="#6B6F78",
    accent="#4D53E8",
    accent_text="#FFFFFF",
    accent_hover="#3F45D6",
    link="#3F45D6",
    link_visited="#6B3FD0",
    tooltip="#2B2D33",
    tooltip_text="#F5F6F8",
    border="#E1E3E8",
    border_strong="#C8CBD2",
    sidebar="#F5F6F8",
    hover="#E8E9F0",
    error="#C9252D",
    warning="#B45309",
    success="#15803D",
    info="#4D53E8",
)

DARK = Scheme(
    dark=True,
    window="#1C1D21",
    text="#E7E8EC",
    base="#141519",
    alternate_base="#202227",
    button="#2A2C32",
    placeholder="#7C808A",
    text_secondary="#A2A6AF",
    disabled_text="#62666F",
    light="#3B3E46",
    midlight="#31343B",
    mid="#26282E",
    shadow_dark="#101114",
    shadow="#000000",
    accent="#5B61EE",
    accent_text="#FFFFFF",
    accent_hover="#6B71F3",
    link="#9EA3FF",
    link_visited="#C0A2FF",
    tooltip="#2E3037",
    tooltip_text="#E7E8EC",
    border="#2E3036",
    border_strong="#3F424A",
    sidebar="#1C1D21",
    hover="#2C2E35",
    error="#F47174",
    warning="#F2A33A",
    success="#4ACB7A",
    info="#9EA3FF",
)


def scheme(dark: bool) -> Scheme:
    return DARK if dark else LIGHT


def build_palette(s: Scheme) -> QPalette:
    palette = QPalette()
    roles = {
        Role.Window: s.window,
        Role.WindowText: s.text,
        Role.Base: s.base,
        Role.AlternateBase: s.alternate_base,
        Role.ToolTipBase: s.tooltip,
        Role.ToolTipText: s.tooltip_text,
        Role.PlaceholderText: s.placeholder,
        Role.Text: s.text,
        Role.Button: s.button,
        Role.ButtonText: s.text,
        Role.BrightText: "#FFFFFF",
        Role.Light: s.light,
        Role.Midlight: s.midlight,
        Role.Mid: s.mid,
        Role.Dark: s.shadow_dark,
        Role.Shadow: s.shadow,
        Role.Highlight: s.accent,
        Role.HighlightedText: s.accent_text,
        Role.Link: s.link,
        Role.LinkVisited: s.link_visited,
        Role.Accent: s.accent,
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        palette.setColor(Group.Disabled, role, QColor(s.disabled_text))
    palette.setColor(Group.Disabled, Role.Base, QColor(s.window))
    palette.setColor(Group.Disabled, Role.Button, QColor(s.window))
    palette.setColor(Group.Disabled, Role.Highlight, QColor(s.mid if s.dark else s.shadow_dark))
    palette.setColor(Group.Disabled, Role.HighlightedText, QColor(s.disabled_text if s.dark else "#FFFFFF"))
    # Unfocused windows keep their selection color: a chat app's selected conversation should not fade.
    palette.setColor(Group.Inactive, Role.Highlight, QColor(s.accent))
    palette.setColor(Group.Inactive, Role.HighlightedText, QColor(s.accent_text))
    return palette


def _translucent(color: str, alpha: float) -> str:
    c = QColor(color)
    return f"rgba({c.red()}, {c.green()}, {c.blue()}, {round(alpha * 255)})"


def stylesheet(s: Scheme) -> str:
    template = resource_path("themes", "app.qss").read_text(encoding="utf-8")
    values = {name: getattr(s, name) for name in Scheme.__dataclass_fields__ if name != "dark"}
    for name in ("error", "warning", "success", "info"):
        values[f"{name}_bg"] = _translucent(getattr(s, name), 0.14 if s.dark else 0.08)
        values[f"{name}_border"] = _translucent(getattr(s, name), 0.45 if s.dark else 0.35)
    values["icons"] = resource_path("icons", "spin-up.svg").parent.as_posix()  # the images app.qss names
    return Template(template).substitute(values)


class _ThemeWatcher(QObject):
    """Remembers the chosen theme on the app and re-applies "system" when the platform flips."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(_WATCHER_NAME)
        self.mode = "system"
        self.fusion = False
        self.default_font = QFont(app.font())
        app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    def _on_scheme_changed(self, color_scheme: Qt.ColorScheme) -> None:
        app = QApplication.instance()
        if self.mode == "system" and isinstance(app, QApplication):
            _apply(app, color_scheme == Qt.ColorScheme.Dark)


def _watcher(app: QApplication) -> _ThemeWatcher:
    existing = app.findChild(_ThemeWatcher, _WATCHER_NAME)
    return existing if existing is not None else _ThemeWatcher(app)


def _system_is_dark(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def _apply(app: QApplication, dark: bool) -> None:
    s = scheme(dark)
    app.setPalette(build_palette(s))
    app.setStyleSheet(stylesheet(s))


def apply_theme(app: QApplication, theme: str) -> None:
    """Fusion with the light or dark palette; "system" (or anything unknown) follows the platform."""
    watcher = _watcher(app)
    theme = theme if theme in THEMES else "system"
    watcher.mode = theme
    if not watcher.fusion:  # once: with a stylesheet, app.style() is Qt's stylesheet proxy, not Fusion
        style = QStyleFactory.create("Fusion")
        if style is not None:
            app.setStyle(style)
        watcher.fusion = True
    hints = app.styleHints()
    if theme == "system":
        hints.unsetColorScheme()
        dark = _system_is_dark(app)
    else:
        dark = theme == "dark"
        # Tells the platform too (dark title bars on Windows and macOS); our handler ignores the echo.
        hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    _apply(app, dark)


def current_theme(app: QApplication) -> str:
    """The theme last given to apply_theme ("system" before any call)."""
    existing = app.findChild(_ThemeWatcher, _WATCHER_NAME)
    return existing.mode if existing is not None else "system"


def is_dark(app: QGuiApplication) -> bool:
    """Whether the app's palette is a dark one (whatever set it)."""
    return app.palette().color(Role.Window).lightness() < 128


def colors(app: QGuiApplication) -> Scheme:
    """The scheme matching the app's current palette, for widgets that paint their own accents."""
    return scheme(is_dark(app))


def apply_font_size(app: QApplication, points: int) -> None:
    """Set the app font to `points` (9–24); 0 restores the platform's default font."""
    watcher = _watcher(app)
    font = QFont(watcher.default_font)
    if points > 0:
        font.setPointSize(max(9, min(24, points)))
    app.setFont(font)
