"""Run a CLI verb against a profile under tmp_path (in this process, or as a process writing to a real
terminal); return exit code, stdout, stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.cozeserver import CozeServer
from tests.coze_fixtures import BOT, TOKEN


def run_verb(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--profile", str(tmp_path / "profile"), *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_ask(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str, str]:
    return run_verb(capsys, tmp_path, "ask", *args)


def ask_on_a_terminal(server: CozeServer, profile: Path, *args: str) -> tuple[int, str, str]:
    """`coze-desktop ask ARGS` as its own process whose stdout is a pseudo-terminal; what the terminal
    showed (line endings as written to a file) and stderr."""
    controller, device = os.openpty()
    env = {**os.environ, "COZE_API_TOKEN": TOKEN, "COZE_API_BASE": server.base_url, "COZE_BOT_ID": BOT}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "desktop", "--profile", str(profile), "ask", *args],
            stdout=device,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
            check=False,
            text=True,
        )
        os.close(device)
        device = -1
        printed = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the terminal's other side is closed and drained
                break
            if not chunk:
                break
            printed += chunk
    finally:
        os.close(controller)
        if device >= 0:
            os.close(device)
    return done.returncode, printed.decode().replace("\r\n", "\n"), done.stderr
