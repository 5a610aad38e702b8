"""After start the lexers of common code languages are compiled on a worker (#21): the first answer with
a Python block no longer compiles Pygments' expressions on the window's thread."""

from __future__ import annotations

import threading

import pytest
from pygments.lexer import RegexLexer
from pytestqt.qtbot import QtBot

from desktop.services.tasks import TaskRunner
from desktop.ui import warm_up
from desktop.ui.chat.highlight import _lexer


def test_after_start_compiles_the_common_lexers_on_a_worker(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[int] = []
    settled: list[bool] = []
    real = warm_up.warm_up

    def recording(languages: tuple[str, ...] = warm_up.COMMON_LANGUAGES) -> int:
        threads.append(threading.get_ident())
        return real(languages)

    monkeypatch.setattr(warm_up, "warm_up", recording)
    # heap.settle freezes every object alive (its own tests cover it): not the whole test session's
    monkeypatch.setattr(warm_up, "settle", lambda: settled.append(True))
    tasks = TaskRunner()
    warm_up.after_start(tasks)
    assert tasks.shutdown(10_000)
    assert settled == [True]
    assert threads and threading.get_ident() not in threads
    for language in warm_up.COMMON_LANGUAGES:
        lexer = _lexer(language)
        assert lexer is not None
        if isinstance(lexer, RegexLexer):  # its expressions are compiled (Pygments does it once per class)
            assert "_tokens" in type(lexer).__dict__
    assert isinstance(_lexer("python"), RegexLexer)
