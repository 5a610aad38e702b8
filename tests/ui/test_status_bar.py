"""A status message longer than the window's status bar ends in "…" and the bar's tooltip holds all of it.

Found in the packaged app (zh_CN, 1,120 px window): an automatic sync refused by Coze said "同步已中断：扣子没有
接受你的登录状态或访问令牌。请在“设置 → 账号”中重新登录，或粘贴新的个人访问令牌：…（在 https://www.coze.cn/…
创建，coze.com 用" and stopped there, mid-link, with no sign that there was more and no way to read it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar
from pytestqt.qtbot import QtBot

from desktop.ui.status_bar import FittingStatusBar
from tests.ui.test_remote_tooltips import shown_by
from tests.ui.window_harness import Harness


def _bar(harness: Harness, width: int) -> FittingStatusBar:
    harness.window.resize(width, 500)
    bar = harness.window.statusBar()
    assert isinstance(bar, FittingStatusBar)  # the window's own bar
    return bar


LONG = (
    "The sync stopped: Coze did not accept your sign-in or access token. Sign in again in Settings → Account, "
    "or paste a new personal access token: tokens expire after at most 30 days (make one at "
    "https://www.coze.cn/open/oauth/pats, or https://www.coze.com/open/oauth/pats for coze.com). What was read is kept."
)


def test_a_long_message_ends_in_an_ellipsis_and_is_whole_in_the_tooltip(qtbot: QtBot, harness: Harness) -> None:
    bar = _bar(harness, 700)
    bar.showMessage(LONG, 8000)
    shown = bar.visible_text()
    assert shown.endswith("…") and len(shown) < len(LONG)
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.width()
    assert shown_by(bar.toolTip()) == LONG
    assert bar.currentMessage() == LONG  # what the app said is kept whole
    assert not bar.grab().isNull()  # the cut text is what is painted


def test_a_message_that_fits_is_shown_whole_with_no_tooltip(qtbot: QtBot, harness: Harness) -> None:
    bar = _bar(harness, 700)
    bar.showMessage(LONG, 8000)
    bar.showMessage("Synced with Coze.", 8000)
    assert bar.visible_text() == "Synced with Coze."
    assert bar.toolTip() == ""


def test_a_wider_window_shows_more_of_it(qtbot: QtBot, harness: Harness) -> None:
    bar = _bar(harness, 700)
    bar.showMessage(LONG, 8000)
    narrow = bar.visible_text()
    harness.window.resize(1400, 500)
    qtbot.waitUntil(lambda: bar.width() > 1000)
    assert len(bar.visible_text()) > len(narrow)


def test_the_message_makes_room_for_a_permanent_widget(qtbot: QtBot, harness: Harness) -> None:
    bar = _bar(harness, 900)
    bar.showMessage(LONG, 8000)
    alone = bar.visible_text()
    progress = QProgressBar()
    progress.setFixedWidth(300)
    bar.addPermanentWidget(progress)
    qtbot.waitUntil(lambda: progress.isVisible() and progress.x() > 0)
    assert len(bar.visible_text()) < len(alone)
    assert bar.fontMetrics().horizontalAdvance(bar.visible_text()) <= progress.x()
