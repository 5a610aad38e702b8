"""The wheel carries resources/ as package data and the code finds it wherever it runs.

Building and installing the wheel for real is `tools/smoke_wheel.py` (CI runs it after the tests);
these check, without a build, that pyproject.toml lists what the wheel needs and that
`desktop.resources` picks the right folder in a bundle, an installed wheel and the source tree.
"""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from desktop import resources
from tests.test_packaging import bundled

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
PACKAGED = "desktop._resources"


def test_every_package_under_desktop_is_in_the_wheel() -> None:
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "desktop").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    listed = {name for name in SETUPTOOLS["packages"] if not name.startswith(PACKAGED)}
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert listed - on_disk == set(), "these are listed in pyproject.toml but do not exist"


def test_resources_are_mapped_into_the_package() -> None:
    assert SETUPTOOLS["package-dir"] == {PACKAGED: "resources"}
    folders = {".".join((PACKAGED, *p.relative_to(ROOT / "resources").parts)) for p in ROOT.glob("resources/**/")}
    listed = {name for name in SETUPTOOLS["packages"] if name.startswith(PACKAGED)}
    assert listed == {PACKAGED} | {f.rstrip(".") for f in folders}  # each folder, so none is data-by-accident


def wheel_resources() -> set[str]:
    """resources/-relative paths the wheel's package data matches."""
    found = set()
    for package, patterns in SETUPTOOLS["package-data"].items():
        if not package.startswith(PACKAGED):
            continue
        folder = ROOT / "resources" / Path(*package.split(".")[2:])
        for path in folder.iterdir():
            if path.is_file() and any(fnmatch.fnmatchcase(path.name, p) for p in patterns):
                found.add(path.relative_to(ROOT / "resources").as_posix())
    return found


def test_the_wheel_ships_what_the_pyinstaller_bundle_ships() -> None:
    in_bundle = {p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*") if p.is_file()}
    in_bundle = {name for name in in_bundle if bundled(name)}
    assert wheel_resources() == in_bundle
    assert {"themes/app.qss", "translations/coze_desktop_zh_CN.qm", "icons/send.svg"} <= in_bundle


def test_from_the_source_tree_resources_is_the_top_level_folder() -> None:
    assert resources.resources_dir() == ROOT / "resources"


def test_in_a_pyinstaller_bundle_resources_is_beside_the_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("themes", "app.qss") == tmp_path / "resources" / "themes" / "app.qss"


def test_installed_the_package_data_wins(tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "desktop", site / "desktop", ignore=shutil.ignore_patterns("__pycache__"))
    (site / "desktop" / "_resources" / "themes").mkdir(parents=True)
    (site / "desktop" / "_resources" / "themes" / "app.qss").write_text("/* installed */")
    script = "from desktop.resources import resource_path; print(resource_path('themes', 'app.qss'))"
    out = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {script}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(out) == site / "desktop" / "_resources" / "themes" / "app.qss"
