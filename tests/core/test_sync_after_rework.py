"""A regenerate that Coze never heard of (the app was killed, or the network dropped, after the answer was
kept as an earlier version and before Coze was asked to forget the old chat): the next sync must not
bring the old answer back as a new message, nor its question or follow-ups (#13 attack on versions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer
from desktop.core.profile import Profile
from desktop.core.store import Store
from desktop.core.sync import Puller
from tests.coze_fixtures import BOT, TOKEN


def test_the_old_chat_of_a_regenerated_turn_is_not_pulled_back(
    client: CozeClient,
    server: CozeServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COZE_API_TOKEN", TOKEN)
    profile = Profile(tmp_path / "profile").ensure()
    for question in ("第一个问题", "第二个问题"):  # asked here, as the window would: never synced yet
        assert (
            main(["--profile", str(profile.path), "ask", "--api-base", server.base_url, "--bot-id", BOT, question]) == 0
        )
    capsys.readouterr()
    with Store.open(profile.database_path) as store:
        (local_id,) = store.conversations.ids()
        before = store.messages.all(local_id)
        last_answer = next(m for m in reversed(before) if m.type == "answer")
        turn = store.versions.turn(last_answer.id)
        assert turn is not None
        store.versions.rework(turn)  # then killed before Coze forgot the old chat
        store.messages.interrupt_streaming()  # the next start recovers the emptied row
        shown = [(m.id, m.type, m.content) for m in store.messages.all(local_id)]

        report = Puller(client, store).pull(BOT)

        after = store.messages.all(local_id)
        dialogue = [(m.id, m.type, m.content) for m in after if m.type in ("question", "answer")]
        assert dialogue == [s for s in shown if s[1] in ("question", "answer")]  # was: the old answer again
        assert report.messages_added == 0  # nothing the chat shows is new (follow-ups and verbose are not counted)
        assert store.versions.of(last_answer.id)  # the old answer is kept as a version
