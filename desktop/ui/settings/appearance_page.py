"""Settings → Appearance: theme, language and font size."""

from __future__ import annotations

import re

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QSizePolicy, QSpinBox, QVBoxLayout, QWidget

from desktop.ui.settings.widgets import hint_label, vbox

MIN_FONT = 9
MAX_FONT = 24
_DIGITS = re.compile(r"\d{1,3}")


class FontSizeBox(QSpinBox):
    """The size in points, or "System default" (its lowest value). Any number typed is taken, brought into the
    range when the field is left: QSpinBox refused the keystroke that went past the range (select all, type 28
    showed "2 pt"), and leaving the field then went back to the old value. Emptied, it means the system's size."""

    def _typed(self, text: str) -> str:
        text = text.strip()
        for part in (self.prefix().strip(), self.suffix().strip()):
            if part:
                text = text.removeprefix(part).removesuffix(part).strip()
        return text

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        typed = self._typed(text)
        if typed == self.specialValueText() or (_DIGITS.fullmatch(typed) and MIN_FONT <= int(typed) <= MAX_FONT):
            return QValidator.State.Acceptable, text, pos
        if not typed or _DIGITS.fullmatch(typed) or self.specialValueText().startswith(typed):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def fixup(self, text: str) -> str:
        typed = self._typed(text)
        if _DIGITS.fullmatch(typed):
            return self.textFromValue(min(MAX_FONT, max(MIN_FONT, int(typed))))
        return self.specialValueText()

    def valueFromText(self, text: str) -> int:
        typed = self._typed(text)
        return min(MAX_FONT, max(MIN_FONT, int(typed))) if _DIGITS.fullmatch(typed) else self.minimum()


class AppearancePage(QWidget):
    def __init__(self, theme: str, language: str, font_size: int, load_images: bool = True) -> None:
        super().__init__()
        self.theme = QComboBox()
        self.theme.addItem(self.tr("Follow the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))

        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "system")
        self.language.addItem("中文（简体）", "zh_CN")  # each language in its own words: never translated
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language_hint = hint_label(self.tr("The whole app switches to the new language when you press OK."))

        # The spin box's lowest value stands for "0 = the system's size".
        self.font_size = FontSizeBox()
        self.font_size.setObjectName("fontSize")  # styled like the combo boxes above it (app.qss)
        self.font_size.setRange(MIN_FONT - 1, MAX_FONT)
        self.font_size.setSpecialValueText(self.tr("System default"))
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(min(MAX_FONT, max(MIN_FONT, font_size)) if font_size > 0 else MIN_FONT - 1)

        self.font_hint = hint_label(  # what it sizes (menus, the chat list and the box stayed small: said, not a surprise)
            self.tr(
                "The size of the messages' text; View ▸ Zoom in and Zoom out change it too. Menus, the chat list and "
                "the message box keep the system's size."
            )
        )

        self.load_images = QCheckBox(self.tr("Load pictures in answers"))
        self.load_images.setChecked(load_images)
        self.images_hint = hint_label(
            self.tr("When off, pictures show as links and nothing is downloaded until you open one.")
        )

        for field in (self.theme, self.language, self.font_size):
            field.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            field.setMinimumWidth(220)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(12)
        form.addRow(self.tr("&Theme:"), self.theme)
        form.addRow(self.tr("&Language:"), vbox(self.language, self.language_hint))
        form.addRow(self.tr("&Font size:"), vbox(self.font_size, self.font_hint))
        form.addRow(self.tr("Pictures:"), vbox(self.load_images, self.images_hint))
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.addLayout(form)
        column.addStretch(1)

    def tab_chain(self) -> list[QWidget]:
        return [self.theme, self.language, self.font_size, self.load_images]

    def theme_value(self) -> str:
        return str(self.theme.currentData())

    def language_value(self) -> str:
        return str(self.language.currentData())

    def font_size_value(self) -> int:
        value = self.font_size.value()
        return 0 if value < MIN_FONT else value
