"""An attached file's name is data: "<font color=red size=7>RED.txt" is a valid file name on Linux and
macOS, and a tooltip guesses HTML, so the chip's "Remove …" tooltip showed a big red "RED.txt" (found by
the attack run). Every tooltip of the chip shows the name as it is."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from desktop.ui.attachment_chips import Chip

NAME = "<font color=red size=7>RED.txt"


def shown(tooltip: str) -> str:
    """What a tooltip shows: Qt renders it as HTML when it looks like HTML (`Qt::mightBeRichText`)."""
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText().strip()


def test_every_tooltip_of_a_chip_shows_the_file_name_as_it_is(qtbot: QtBot) -> None:
    chip = Chip(NAME, 6)
    qtbot.addWidget(chip)
    assert shown(chip.toolTip()) == f"Reading {NAME}…"
    assert shown(chip.remove.toolTip()) == f"Remove {NAME}"
    chip.set_progress(3, 6)
    assert shown(chip.remove.toolTip()) == f"Stop sending {NAME}"
    chip.end_upload()
    assert shown(chip.remove.toolTip()) == f"Remove {NAME}"


def test_a_long_name_is_elided_in_its_middle_and_whole_in_its_tooltip(qtbot: QtBot) -> None:
    """ "pasted-20261207-020234.png" was cut off mid-letter ("….pn") at the chip's 180 px."""
    name = "quarterly-report-of-the-east-region-2026-12-07-final.pdf"
    chip = Chip(name, 1000)
    qtbot.addWidget(chip)
    chip.show()
    qtbot.waitExposed(chip)
    text = chip.name.text()
    assert "…" in text and text.endswith(".pdf") and text.startswith("quarterly")
    assert chip.name.fontMetrics().horizontalAdvance(text) <= chip.name.width()
    assert shown(chip.name.toolTip()) == name
    short = Chip("hills.png", 3400)
    qtbot.addWidget(short)
    assert short.name.text() == "hills.png" and short.name.toolTip() == ""
