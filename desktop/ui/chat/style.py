"""Colors, fonts, sizes and the QTextDocument stylesheet of the chat view, derived from a widget's palette
and font, so the lead's light and dark palettes and the zoom level apply without anything hard-coded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QFontMetricsF, QPalette
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.ui.chat.images import PictureSource

# For Han characters: the Simplified Chinese cut first (Han unification: the JP cut draws some Chinese
# characters differently), then what Windows and macOS ship.
CJK_SANS = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC"]
CJK_MONO = ["Noto Sans Mono CJK SC", *CJK_SANS]
# Latin fonts for what must not look Chinese (curly quotes in English, see quotes.py): the UI font's
# real family first (not an alias such as "Sans Serif"), then common ones.
LATIN_SANS = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Segoe UI", "Helvetica Neue", "Arial"]

# Block states (QTextBlock.userState, set from the HTML with -qt-user-state) that the delegate paints
# decorations for: quote bars, code boxes and their headers.
QUOTE_STATE = 100  # + depth (1..)
CODE_STATE = 1_000  # + 2 * code index (header line), + 1 (code lines)
MARKER_GAP = 0.5  # em between a list's bullet and its text (Qt's own: one space, about 0.2 em)
NUMBER_SUFFIX = ".\u00a0"  # after a list's number: Qt puts a number one space from its text, now two


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved `t` (0..1) of the way to `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def chat_font(ui_font: QFont) -> QFont:
    """The messages' font: `ui_font`'s size and weight; the platform's own font family (as Qt gives it,
    before the app font named a real family, see qt_app.chinese_fonts_for_han), then the Chinese fonts.
    Windows and macOS draw Latin with Segoe UI / SF as they always did; on Linux the platform family is
    an alias ("Sans Serif") that a list of families skips, so Noto Sans CJK SC draws the chat there, as
    it did before #21."""
    platform = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    result = QFont(ui_font)
    result.setFamilies(list(dict.fromkeys([platform, *CJK_SANS] if platform else CJK_SANS)))
    return result


def with_families(font: QFont, families: list[str]) -> QFont:
    result = QFont(font)
    first = [font.family()] if font.family() else []
    result.setFamilies(first + [f for f in families if f not in first])
    return result


@dataclass(frozen=True, eq=False)
class ChatStyle:
    """Everything the chat view's painting needs to know about the current look."""

    dark: bool
    text: QColor
    muted: QColor
    base: QColor
    border: QColor
    link: QColor
    accent: QColor
    code_bg: QColor
    inline_code_bg: QColor
    user_bubble: QColor
    quote_bar: QColor
    error: QColor
    warning: QColor
    hover: QColor
    selection: QColor
    selection_text: QColor
    font: QFont
    small: QFont
    bold: QFont
    mono: QFont
    line: float  # px between two lines of body text
    em: float  # px of the body font's size
    css: str
    images: PictureSource | None = None  # pictures in answers (None: shown as links)
    # Qt paints a bullet one space (~0.2 em) left of its item's text, too close; it measures that space
    # with the item's block font, which `space_bullets` (documents.py) stretches by this (percent).
    bullet_stretch: int = 100

    @property
    def gap(self) -> int:
        """Vertical space between paragraphs, px."""
        return round(self.em * 0.7)

    @property
    def pad(self) -> int:
        """Inner padding of boxes (code, bubbles, errors), px."""
        return round(self.em * 0.75)

    @property
    def item_gap(self) -> int:
        """Vertical space between the items of a list, px."""
        return round(self.gap * 0.35)

    @property
    def list_indent(self) -> int:
        """How far each level of a list indents its items' text, px."""
        return round(self.em * 1.5)

    @property
    def radius(self) -> float:
        return self.em * 0.6

    @classmethod
    def from_widget(cls, widget: QWidget) -> ChatStyle:
        return cls.create(widget.palette(), widget.font())

    @classmethod
    def create(cls, palette: QPalette, ui_font: QFont) -> ChatStyle:
        """The look of `palette` and `ui_font` (a widget's, or paper's for the PDF export)."""
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = base.lightness() < 128
        font = chat_font(ui_font)
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        mono = with_families(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont), CJK_MONO)
        mono.setPointSizeF(size * 0.92)
        small = QFont(font)
        small.setPointSizeF(size * 0.85)
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetricsF(font)
        cjk_font = QFont(font)
        cjk_font.setFamilies(CJK_SANS)
        cjk = QFontMetricsF(cjk_font)
        em = metrics.height() / 1.2
        line = max(metrics.lineSpacing(), cjk.lineSpacing()) * 1.25
        link = palette.color(QPalette.ColorRole.Link)
        accent = palette.color(QPalette.ColorRole.Highlight)
        style = cls(
            dark=dark,
            text=text,
            muted=mix(text, base, 0.42),
            base=base,
            border=mix(text, base, 0.82),
            link=link,
            accent=accent,
            code_bg=mix(base, text, 0.06 if dark else 0.045),
            inline_code_bg=mix(base, text, 0.12 if dark else 0.07),
            user_bubble=mix(base, accent, 0.22 if dark else 0.10),
            quote_bar=mix(text, base, 0.7),
            error=QColor("#F47174" if dark else "#C9252D"),
            warning=QColor("#F2A33A" if dark else "#B45309"),
            hover=mix(base, text, 0.08),
            selection=palette.color(QPalette.ColorRole.Highlight),
            selection_text=palette.color(QPalette.ColorRole.HighlightedText),
            font=font,
            small=small,
            bold=bold,
            mono=mono,
            line=line,
            em=em,
            css="",
            bullet_stretch=min(400, max(100, round(100 * em * MARKER_GAP / max(1.0, metrics.horizontalAdvance(" "))))),
        )
        object.__setattr__(style, "css", _css(style, size))
        return style


def latin_families(font: QFont) -> str:
    """CSS font-family for Latin-only runs: the font's resolved family, unless it is a CJK one, then LATIN_SANS."""
    real = QFontInfo(QFont(font.families()[0] if font.families() else font.family())).family()
    families = [f for f in [real, *LATIN_SANS] if f and f not in CJK_SANS]
    return ", ".join(f"'{family}'" for family in dict.fromkeys(families))


def _families(font: QFont) -> str:
    return ", ".join(f"'{family}'" for family in font.families())


def _css(s: ChatStyle, points: float) -> str:
    gap, line = s.gap, round(s.line)
    muted, link = s.muted.name(), s.link.name()
    heading = "font-weight: 600; margin-bottom: {gap}px; margin-top: {top}px; font-size: {size:.1f}pt"
    headings = "\n".join(
        f"h{level} {{ {heading.format(gap=round(gap * 0.6), top=round(gap * 2.2), size=points * factor)} }}"
        for level, factor in enumerate((1.5, 1.3, 1.15, 1.05, 1.0, 1.0), start=1)
    )
    return f"""
p {{ margin-top: 0px; margin-bottom: {gap}px; -qt-line-height-type: minimum; line-height: {line}px; }}
li {{ margin-top: 0px; margin-bottom: {s.item_gap}px; -qt-line-height-type: minimum; line-height: {line}px; }}
ul, ol {{ margin-top: 0px; margin-bottom: {gap}px; }}  /* nested: list_layout.shape_lists */
ol {{ -qt-list-number-suffix: "{NUMBER_SUFFIX}"; }}
{headings}
blockquote {{ margin-top: 0px; margin-bottom: {gap}px; margin-left: {round(s.em * 1.1)}px; margin-right: 0px; color: {muted}; }}
a {{ color: {link}; text-decoration: none; }}
code {{ font-family: {_families(s.mono)}; background-color: {s.inline_code_bg.name()}; }}
table {{ margin-top: {round(gap * 0.8)}px; margin-bottom: {gap}px; border-color: {s.border.name()}; border-collapse: collapse; }}
th {{ font-weight: 600; background-color: {s.code_bg.name()}; }}
th, td {{ padding-left: {round(s.em * 0.5)}px; padding-right: {round(s.em * 0.5)}px; padding-top: 3px; padding-bottom: 3px; }}
p.code {{ font-family: {_families(s.mono)}; white-space: pre-wrap; margin-top: 0px; margin-bottom: 0px;
  margin-left: {s.pad}px; margin-right: {s.pad}px; line-height: 100%; -qt-line-height-type: proportional; }}
p.codehead {{ font-size: {points * 1.2:.1f}pt; margin-top: 0px; margin-bottom: {round(s.pad * 0.3)}px; }}
p.note {{ color: {muted}; font-style: italic; }}
span.latin {{ font-family: {latin_families(s.font)}; }}
p.plain {{ white-space: pre-wrap; }}
hr {{ margin-bottom: {gap}px; }}
"""
