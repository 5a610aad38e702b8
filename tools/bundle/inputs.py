"""What goes into PyInstaller's Analysis besides the code: the version, the resources, Qt's own
catalogs that are kept, and the modules left out."""

from __future__ import annotations

import importlib.metadata
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path

Data = tuple[str, str]  # (source file, folder in the bundle)


class SpecError(SystemExit):
    """The build cannot go on: the message says what to do (PyInstaller prints it and stops)."""


def project_version(root: Path, dist_name: str) -> str:
    """The installed distribution's version (what --version and About show), which must be the one
    pyproject.toml declares: otherwise the binary would report a stale version."""
    try:
        installed = importlib.metadata.version(dist_name)
    except importlib.metadata.PackageNotFoundError:
        raise SpecError(f"build.spec: {dist_name} is not installed here; run `pip install -e .` first") from None
    declared = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    if installed != declared:
        raise SpecError(
            f"build.spec: installed {dist_name} is {installed} but pyproject.toml says {declared}; "
            "run `pip install -e .` again so the binary reports the right version"
        )
    return str(installed)


def resource_datas(resources: Path, patterns: Sequence[str], bundle_folder: str = "resources") -> list[Data]:
    """(source file, folder in the bundle) for every file the glob `patterns` match under `resources`,
    keeping subfolders. A pattern that matches nothing is an error (a renamed file, a typo)."""
    datas = []
    for pattern in patterns:
        matches = sorted(p for p in resources.glob(pattern) if p.is_file())
        if not matches:
            raise SpecError(f"build.spec: {resources.name}/{pattern} matches nothing")
        for path in matches:
            datas.append((str(path), str(Path(bundle_folder) / path.parent.relative_to(resources))))
    return datas


def qt_translation_datas(
    folder: Path, names: Sequence[str], bundle_folder: str = "resources/translations"
) -> list[Data]:
    """Qt's own catalogs kept (e.g. qtbase_zh_CN.qm from Qt's translations folder), put with ours."""
    datas = []
    for name in names:
        if not (folder / name).is_file():
            raise SpecError(f"build.spec: Qt translation {folder / name} not found")
        datas.append((str(folder / name), bundle_folder))
    return datas


def installed_qt_modules(pyside_folder: Path) -> set[str]:
    """The Qt modules of an installed PySide6 ("QtCore", ...): its QtXxx.*.so / .pyd files."""
    return {p.name.split(".")[0] for p in pyside_folder.glob("Qt*.*") if p.suffix in (".so", ".pyd")}


def excluded_qt_modules(installed: Iterable[str], used: Sequence[str], known: Sequence[str]) -> list[str]:
    """Every PySide6 module the app does not use, of those installed and those `known` to be heavy
    (which the full PySide6 wheels would bring), as module names for Analysis(excludes=...)."""
    unused = (set(installed) | set(known)) - set(used)
    return sorted(f"PySide6.{name}" for name in unused)


CHARSET_GUESSERS = ["charset_normalizer", "chardet"]


def unneeded_guessers(requests_version: str) -> list[str]:
    """requests' character-set guessers, which the app never asks for (desktop/core/requests_loading.py):
    left out for requests 2.32 and later, which load without one; requests 2.31 (Ubuntu 24.04's) cannot."""
    major, minor = (int(part) for part in requests_version.split(".")[:2])
    return CHARSET_GUESSERS if (major, minor) >= (2, 32) else []
