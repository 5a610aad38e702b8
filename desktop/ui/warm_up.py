"""Once the window is painted: settle the heap, then do on a worker what the first answer would otherwise
pay for on the window's thread (#21).

Pygments compiles a lexer's regular expressions the first time the lexer is made, once per process:
~100 ms for Python, 60 ms for JavaScript or SQL, 120 ms for CSS (this machine). That happened on the
window's thread in the middle of the first answer with a code block. The lexers of the languages answers
use most are made here, on a worker (the GIL is let go every few milliseconds, so the window keeps
running); `highlight._lexer` caches them.
"""

from __future__ import annotations

from desktop.core.heap import settle
from desktop.services.tasks import TaskRunner

#: The languages of most code blocks in answers (aliases such as js, ts, sh map to these lexers). Their
#: compiled expressions take ~2.3 MB, which they would as soon as an answer shows such code; others
#: (CSS 1 MB, Java 0.75 MB...) are still compiled when first needed.
COMMON_LANGUAGES = ("python", "javascript", "typescript", "bash", "json", "sql")


def warm_up(languages: tuple[str, ...] = COMMON_LANGUAGES) -> int:
    """Make (and cache) the lexers of `languages`; how many there are."""
    from desktop.ui.chat.highlight import highlight_lines  # Pygments: imported here, off the window's thread

    for language in languages:
        highlight_lines("x", language, dark=False)
    return len(languages)


def after_start(tasks: TaskRunner) -> None:
    """Freeze what start-up built (desktop.core.heap), then warm up on one of `tasks`' workers."""
    settle()
    tasks.submit(warm_up, lambda _count: None)
