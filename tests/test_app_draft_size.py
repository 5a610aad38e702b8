"""drafts.json is bounded: no chat's draft text is longer than a message may be. Before: a 6.6 MB paste
went into the box and drafts.json grew with it; a draft that size from an earlier version is cut when read."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.message_size import MAX_MESSAGE_CHARS
from desktop.core.profile import Profile
from tests.test_app_session import close_app, open_app


def test_a_huge_draft_left_by_an_earlier_version_is_cut_to_a_message(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    huge = "很长的草稿 " * 400_000  # 2.4 M characters, as a paste into an earlier version left it
    profile.drafts_path.write_text(json.dumps({"new": huge}, ensure_ascii=False), encoding="utf-8")
    app = open_app(qapp, profile)
    app.start(demo=True)
    try:
        assert app.window.chat.composer.text() == huge[:MAX_MESSAGE_CHARS]
    finally:
        close_app(app)
    kept = json.loads(profile.drafts_path.read_text(encoding="utf-8"))
    assert kept == {"new": huge[:MAX_MESSAGE_CHARS]}
    assert profile.drafts_path.stat().st_size < MAX_MESSAGE_CHARS * 4
