"""Words from Coze (an error's message) and data (a file's name in a status message) show in tooltips as
they are: Qt renders a tooltip that looks like HTML, so an upload refused with the message
`<img src="/some/local/file">` drew that local file in the tooltip under the composer (found by the attack
run against the local server); `/dev/urandom` there would be read until memory ran out."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import Scenario
from desktop.ui.status_bar import FittingStatusBar
from tests.images import image_bytes
from tests.ui.test_composer_attachments import composer_with_copies, read
from tests.ui.window_harness import Harness


def shown_by(tooltip: str) -> str:
    """What a tooltip shows, as text (an image would be U+FFFC, a tag gone)."""
    document = QTextDocument()
    if QtGui.Qt.mightBeRichText(tooltip):
        document.setHtml(tooltip)
    else:
        document.setPlainText(tooltip)
    return document.toPlainText().strip()


def test_cozes_words_under_a_refused_upload_are_not_html(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    picture = tmp_path / "cat.png"
    picture.write_bytes(image_bytes("PNG", 8, 8))
    words = f'<img src="{picture}" width=300><font size=7>refused'
    composer_with_copies(harness, tmp_path)
    composer = harness.window.chat.composer
    composer.attach_paths([picture])
    read(qtbot, composer)
    harness.server.queue(Scenario("upload_error", code=4304, msg=words))
    composer.set_text("what is this?")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: composer.problem.isVisibleTo(composer), timeout=10_000)
    assert words in shown_by(composer.problem.toolTip())


def test_a_status_message_with_a_file_name_is_not_html(qtbot: QtBot, harness: Harness) -> None:
    harness.window.resize(500, 400)
    bar = harness.window.statusBar()
    assert isinstance(bar, FittingStatusBar)
    message = "Exported to /home/me/<font size=7>big " + "x" * 200 + ".md"
    bar.showMessage(message, 8000)
    assert bar.visible_text() != message  # cut: the whole is in the tooltip
    assert shown_by(bar.toolTip()) == message
