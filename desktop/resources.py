"""Where the resources (icons, themes, translations, the desktop file) are.

The top-level `resources/` folder is their one source. They are found, in this order:
  - inside a PyInstaller bundle: `sys._MEIPASS/resources` (build.spec puts them there);
  - in an installed wheel: the package data `desktop/_resources` (pyproject.toml maps `resources/`
    there), read through `importlib.resources`;
  - in the source tree: `resources/` next to the `desktop/` package (`./start.sh`, tests).
Qt loads files by name, so this gives real paths: a wheel is always installed unzipped.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

PACKAGED = "_resources"


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    packaged = resources.files("desktop") / PACKAGED
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
