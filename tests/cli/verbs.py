"""Run a CLI verb in this process against a profile under tmp_path; return exit code, stdout, stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main


def run_verb(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--profile", str(tmp_path / "profile"), *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_ask(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str, str]:
    return run_verb(capsys, tmp_path, "ask", *args)
