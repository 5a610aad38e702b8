"""`ask` prints exactly what it stores, even when the server contradicts itself: a completed message
that rewrites the deltas, deltas and a second completion after completion, a function_call delta that
reuses the answer's message id."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from tests.cli.verbs import ask_on_a_terminal

ANSWER = "The answer as it streamed, in several deltas."


def stored_answer(profile: Path) -> str:
    with Store.open(profile / "history.sqlite3") as store:
        (summary,) = store.conversations.page()
        _question, answer = store.messages.page(summary.id)
        assert answer.status == "complete"
        return answer.content


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        (Scenario("rewritten", text=ANSWER, final="The corrected final answer."), "The corrected final answer."),
        (Scenario("stray_deltas", text=ANSWER), ANSWER),  # the first completion is the answer
        (Scenario("function_call_same_id", text=ANSWER), ANSWER),  # the call's arguments are not answer text
    ],
)
def test_stdout_is_the_stored_answer(
    env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, scenario: Scenario, expected: str
) -> None:
    env.queue(scenario)
    code = main(["--profile", str(tmp_path / "p"), "ask", "hi"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert stored_answer(tmp_path / "p") == expected
    assert out == expected + "\n"


def test_on_a_terminal_a_rewritten_answer_is_shown_again_as_stored(server: CozeServer, tmp_path: Path) -> None:
    server.queue(Scenario("rewritten", text=ANSWER, final="The corrected final answer."))
    code, text, stderr = ask_on_a_terminal(server, tmp_path / "p", "hi")
    assert code == 0, stderr
    assert text.endswith("The corrected final answer.\n"), "the stored text is the last thing shown"
    assert "the final answer differs from what streamed" in stderr
    assert stored_answer(tmp_path / "p") == "The corrected final answer."
