"""What an `ask` process costs beyond its work (#21): it imports only what its path uses (a whole `ask`
against the local server, its imports listed by `python -X importtime`: the window's libraries — Qt,
Markdown rendering, syntax highlighting — and, with the token in COZE_API_TOKEN, the keyring never
load), and it does not walk every object once more at exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.core.cozeserver import CozeServer, Scenario
from tests.coze_fixtures import BOT, TOKEN

NEVER_FOR_ASK = ("PySide6", "shiboken6", "markdown_it", "pygments", "keyring", "desktop.ui", "desktop.services")


def imported_modules(stderr: str) -> set[str]:
    """The modules `-X importtime` reported ("import time: self | cumulative | name")."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def _ask_environment(server: CozeServer) -> dict[str, str]:
    return {
        **os.environ,
        "COZE_API_TOKEN": TOKEN,
        "COZE_API_BASE": server.base_url,
        "COZE_BOT_ID": BOT,
        "PYTHONIOENCODING": "utf-8",
    }


def test_ask_loads_no_window_library_and_no_keyring(server: CozeServer, tmp_path: Path) -> None:
    server.queue(Scenario("framing", text="**Bold** and `code`: Markdown the terminal gets as is."))
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "desktop", "--profile", str(tmp_path / "p"), "ask", "hi"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_ask_environment(server),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout == "**Bold** and `code`: Markdown the terminal gets as is.\n"
    modules = imported_modules(result.stderr)
    assert "desktop.commands.ask" in modules and "requests" in modules  # the listing is real
    loaded = sorted(m for m in modules if m.split(".")[0] in NEVER_FOR_ASK or m.startswith(NEVER_FOR_ASK))
    assert loaded == []


def test_ask_loads_no_character_set_guesser_and_warns_nothing(server: CozeServer, tmp_path: Path) -> None:
    """requests would load charset_normalizer (3.2 MiB) for a guess the app never asks for; without it
    requests warns at its import unless told not to (#21, desktop/core/requests_loading.py)."""
    server.queue(Scenario("framing", text="Plain."))
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('guessers:', [n for n in ('chardet', 'charset_normalizer') if sys.modules.get(n)]))\n"
        "from desktop.cli import main\n"
        f"sys.exit(main(['--profile', {str(tmp_path / 'p')!r}, 'ask', 'hi']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", probe],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_ask_environment(server),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout == "Plain.\nguessers: []\n", result.stdout + result.stderr


def test_a_verb_process_skips_the_last_collection_at_exit(tmp_path: Path) -> None:
    """A verb's process freezes its objects at exit (gc.freeze), so the interpreter does not walk them
    all once more before it ends; a handler registered before the verb runs after that one."""
    probe = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "from desktop.cli import main\n"
        f"main(['--profile', {str(tmp_path / 'p')!r}, 'list'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False, encoding="utf-8"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("frozen at exit: True")


def test_the_cli_imports_set_off_no_collection_and_are_frozen() -> None:
    """What the CLI's imports make lives as long as the process: no collection walks it while it is made
    (~60 of them did, ~10 ms of every `ask`), it is frozen out of later ones, and collecting is on again."""
    probe = (
        "import gc\n"
        "gc.collect()\n"
        "collections = []\n"
        "gc.callbacks.append(lambda phase, info: collections.append(info) if phase == 'stop' else None)\n"
        "before = gc.get_freeze_count()\n"
        "import desktop.cli\n"
        "print(len(collections), gc.get_freeze_count() > before, gc.isenabled())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False, encoding="utf-8"
    )
    assert result.returncode == 0, result.stderr
    count, frozen, enabled = result.stdout.split()
    assert int(count) <= 2, count  # (the package and cli.py's first lines, before it turns the collector off)
    assert (frozen, enabled) == ("True", "True")
