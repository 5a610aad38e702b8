"""kill -9 of the real GUI process mid-answer: on the next start the question and the partial answer are
there, the answer marked interrupted, and the database passes PRAGMA integrity_check."""

from __future__ import annotations

import signal
from pathlib import Path

from desktop.core.store import Store
from tests.gui_process import QUESTION, run_smoke, start_streaming_gui


def test_kill_9_mid_stream_then_restart(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    gui = start_streaming_gui(profile, tmp_path, capture=False)
    gui.send_signal(signal.SIGKILL)
    gui.wait(10)
    with Store.open(profile / "history.sqlite3") as store:
        assert store.check_integrity() == []
        assert store.recovered_streaming == 1
        (summary,) = store.conversations.page()
        question, answer = store.messages.page(summary.id)
        assert question.content == QUESTION
        assert answer.status == "interrupted" and len(answer.content) > 200
    again = run_smoke(profile, tmp_path)
    assert again.returncode == 0 and "smoke: window shown" in again.stdout, again.stderr
