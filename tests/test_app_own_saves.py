"""A streaming answer's saves (every ~0.3 s, on the history writer's own connection) are this process's
writes, not another process's: the chat list is not read again and repainted for each of them (#21: ~0.3-0.6 %
of a core while an answer streams; with two answers at once, two rows repainted each time). Seen through the
real composition root, which wires the history's watch to the writer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.store import Store
from desktop.core.vocabulary import Role
from tests.coze_fixtures import TOKEN

BOT = "7400000000000000044"  # a user's own bot: the app does not serve it itself


def test_a_streaming_answers_saves_do_not_reload_the_chat_list(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, server: CozeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in (("COZE_API_BASE", server.base_url), ("COZE_API_TOKEN", TOKEN), ("COZE_BOT_ID", BOT)):
        monkeypatch.setenv(name, value)
    server.add_bot(BOT, name="Own Bot")
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    app = DesktopApp(qapp, profile, Store.open(profile.database_path), setup_logging(profile.logs_dir))
    try:
        app.start(demo=False)
        server.queue(Scenario("endless", pace=0.01))
        app.window.send("go on")
        conversation = app.window.current_conversation
        assert conversation is not None
        saved: list[int] = []  # the lengths of the answer as stored, each save once

        def saves_seen(count: int) -> bool:
            answers = [m for m in app.store.messages.page(conversation) if m.role == Role.ASSISTANT]
            if answers and answers[-1].content and (not saved or len(answers[-1].content) != saved[-1]):
                saved.append(len(answers[-1].content))
            return len(saved) >= count

        # The writer's first answer has nothing to compare with and is told (see OutsideWrites): a look (500 ms)
        # after the first save, the list reloaded 120 ms later; counted from the fifth save (~1.2 s) on.
        qtbot.waitUntil(lambda: saves_seen(5), timeout=15_000)
        resets: list[None] = []
        app.window.model.modelReset.connect(lambda: resets.append(None))
        qtbot.waitUntil(lambda: saves_seen(11), timeout=15_000)  # ~2 s: 4 looks at the history, each after a save
        assert app.chats.is_busy(conversation)
        assert resets == []
        app.chats.stop(conversation)
        qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=10_000)
        qtbot.waitUntil(lambda: len(resets) > 0, timeout=5_000)  # its end does reload the list (a preview, a time)
    finally:
        app.window.close()
        assert app.shutdown()
        app.window.deleteLater()
