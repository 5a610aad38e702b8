"""requests without a character-set guesser (#21: ~2.5 MB of a window's start, ~3 MB of an `ask`).

requests imports charset_normalizer (or chardet, if installed) when it is itself imported, for one
property: `Response.apparent_encoding`, which `Response.text` (and `.json()` on a body that is not UTF)
reads when the response's Content-Type names no charset. The app reads neither: Coze's bodies are JSON
in UTF-8, parsed from bytes (`json.loads`, desktop/core/coze/responses.py); the event stream is read
as bytes and decoded as UTF-8 (desktop/core/coze/stream.py); an error page is shown as a sentence
chosen by its status, with an excerpt decoded as UTF-8 with replacement characters under Details
(`responses.short_text`); `ask` prints what the same code gives it. So the guesser only costs memory.

requests ≥ 2.32 supports neither guesser being importable (`apparent_encoding` is then "utf-8"), but
warns once at its import (RequestsDependencyWarning "Unable to find acceptable character detection
dependency"): that one warning is ignored, around that import only. requests depends on
charset_normalizer, so it stays installed; the packaged app leaves both out (build.spec). An older requests (2.31,
which pyproject allows and Ubuntu 24.04 ships) cannot be imported without one: it is then loaded as it wants.
"""

from __future__ import annotations

import sys
import warnings

GUESSERS = ("chardet", "charset_normalizer")
_WARNING = "Unable to find acceptable character detection dependency"


def load_requests_without_charset_detection() -> None:
    """Import requests with its character-set guessers blocked. Call it before anything imports requests
    (the process's entry does: desktop/cli.py); once requests is loaded, nothing changes."""
    if "requests" in sys.modules:
        return
    blocked = [name for name in GUESSERS if name not in sys.modules]  # (one loaded already stays usable)
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # `import name` raises ImportError
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=_WARNING)
            import requests
    except Exception:  # requests < 2.32: an ImportError in its compat.py (2.31's version check raises Exception)
        for name in [*blocked, *(module for module in sys.modules if module.partition(".")[0] == "requests")]:
            del sys.modules[name]  # (the blocks, and what the failed import left half made)
        import requests  # noqa: F401
