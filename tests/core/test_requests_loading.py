"""requests loaded without its character-set guesser (desktop/core/requests_loading.py), and with it when the
installed requests cannot do without one: requests 2.31 (pyproject allows it; Ubuntu 24.04's python3-requests is
2.31.0) imports charset_normalizer or chardet unconditionally (requests/compat.py), so blocking both stopped every
command at its start ("import of charset_normalizer halted; None in sys.modules")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_PROBE = """
import sys
from desktop.core.requests_loading import load_requests_without_charset_detection
load_requests_without_charset_detection()
import requests
loaded = [name for name in ("chardet", "charset_normalizer") if sys.modules.get(name) is not None]
print(requests.__version__, *loaded)
"""

# What requests 2.31's compat.py does at its import (the guesser as `chardet`), in a stand-in of that version.
_OLD_REQUESTS = """
try:
    import chardet
except ImportError:
    import charset_normalizer as chardet
__version__ = "2.31.0"
"""


def _probe(path: Path | None) -> str:
    env_path = [str(path)] if path is not None else []
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", f"import sys; sys.path[:0] = {env_path!r}\n{_PROBE}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_requests_that_needs_a_guesser_gets_one(tmp_path: Path) -> None:
    (tmp_path / "requests").mkdir()
    (tmp_path / "requests" / "__init__.py").write_text(_OLD_REQUESTS, encoding="utf-8")
    assert _probe(tmp_path).split() == ["2.31.0", "charset_normalizer"]


def test_the_installed_requests_loads_without_one() -> None:
    version, *guessers = _probe(None).split()
    assert guessers == [] and tuple(int(part) for part in version.split(".")[:2]) >= (2, 32)
