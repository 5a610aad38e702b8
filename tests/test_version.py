"""One version number: pyproject.toml's, in --version (the About dialog: tests/ui/test_about.py; the .deb, its AppStream
release list: tests/test_deb.py; the built binary: tools/smoke_binary.py)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import desktop
from desktop.cli import main

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_the_package_reports_pyproject_version() -> None:
    assert desktop.__version__ == VERSION


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"coze-desktop {VERSION}"
