"""The app's notices about the session, in the user's language: they used to be written as
`self.window.tr(...)` in the composition root, which lupdate filed under a context named "self.window",
so a Chinese user saw them in English. At the start, a PAT about to expire is said in the status bar."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from desktop.core.auth.credentials import set_pat_expiry
from desktop.core.coze import COZE_CN
from desktop.core.profile import Profile
from desktop.core.secrets import SERVICE
from desktop.core.settings import Settings
from desktop.ui import i18n
from desktop.ui.session_notices import SessionNotices
from tests.coze_fixtures import TOKEN
from tests.memory_keyring import MemoryKeyring
from tests.test_app_session import close_app, open_app


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[QApplication]:
    assert i18n.install_translators(qapp, "zh_CN") == "zh"
    yield qapp
    i18n.install_translators(qapp, "en")


def test_the_pat_warning_is_translated(qtbot: QtBot, chinese: QApplication) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    notices = SessionNotices(window)
    notices.pat_expiry(2)
    assert window.statusBar().currentMessage() == "你的个人访问令牌将在 2 天后过期：请创建新令牌，或在设置中登录账号。"
    assert notices.pat_expiry_text(-1).startswith("你的个人访问令牌已过期")
    assert notices.pat_expiry_text(None) == ""
    assert notices.tr("History recovered") != "History recovered"
    assert notices.tr("Token not saved") != "Token not saved"


def test_a_start_with_a_pat_about_to_expire_says_so(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    settings = Settings(bot_ids=["7400000000000000042"], default_bot_id="7400000000000000042")
    set_pat_expiry(settings, COZE_CN, date.today() + timedelta(days=1))
    settings.save(profile.settings_path)
    memory_keyring.secrets[(SERVICE, COZE_CN)] = TOKEN
    app = open_app(qapp, profile)
    try:
        app.start(demo=False)
        assert app.window.statusBar().currentMessage() == (
            "Your personal access token expires in 1 day(s): make a new one, or sign in (Settings)."
        )
    finally:
        close_app(app)
