"""Check boxes and radio buttons stand out from their window in both themes: in the dark one, Fusion drew an
unticked box as a dark well with an outline darker than the window (the Dislike reasons were almost invisible).
The box's edge must reach 3:1 against the window (WCAG's non-text contrast)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QRadioButton
from pytestqt.qtbot import QtBot

from desktop.core.settings import Overrides, Settings
from desktop.ui.feedback_actions import DislikeDialog
from desktop.ui.settings_dialog import SettingsDialog
from tests.ui.contrast import contrast


def indicator_contrast(button: QAbstractButton, window: QColor) -> float:
    """The strongest contrast against the window inside the indicator (the button's left square)."""
    image: QImage = button.grab().toImage()
    side = min(image.height(), 18)
    top = (image.height() - side) // 2
    return max(contrast(image.pixelColor(x, y), window) for x in range(side) for y in range(top, top + side))


def test_unticked_reasons_in_the_dislike_dialog_are_visible(qtbot: QtBot, themed: str) -> None:
    dialog = DislikeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    window = dialog.palette().color(dialog.backgroundRole())
    dialog.reasons[0].setChecked(True)
    for box in dialog.reasons:
        assert indicator_contrast(box, window) >= 3, (themed, box.text(), box.isChecked())


def test_settings_check_boxes_and_radio_buttons_are_visible(qtbot: QtBot, themed: str) -> None:
    dialog = SettingsDialog(Settings(), None, None, Overrides(None, None, None), lambda *_: None, {}, None)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.account)
    dialog.show()
    qtbot.waitExposed(dialog)
    page = dialog.account
    window = page.palette().color(page.backgroundRole())
    for button in (page.use_account, page.use_pat, page.pat_expires):
        assert isinstance(button, QRadioButton) or button.isCheckable()
        assert indicator_contrast(button, window) >= 3, (themed, button.text())
