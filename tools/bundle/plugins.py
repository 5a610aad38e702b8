"""Qt's plugins and catalogs among the files PyInstaller's Qt hooks collect."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

_QT_FOLDERS = ("Qt", "Qt6", "PySide6")


def qt_plugin(dest: str) -> tuple[str, str] | None:
    """("platforms", "qxcb") for ".../Qt/plugins/platforms/libqxcb.so" (also .dll, .dylib), None for a
    file that is not a Qt plugin."""
    parts = Path(dest).parts
    if "plugins" not in parts[:-2] or not any(p in _QT_FOLDERS for p in parts):
        return None
    folder = parts[-2]
    stem = Path(parts[-1]).name.split(".")[0]
    return folder, stem.removeprefix("lib")


def keep_plugin(dest: str, kept: Mapping[str, Sequence[str]]) -> bool:
    """False for a Qt plugin not listed in `kept` (folder -> plugin names); True for anything else."""
    plugin = qt_plugin(dest)
    if plugin is None:
        return True
    folder, stem = plugin
    return stem in kept.get(folder, ())


def is_foreign_qt_translation(dest: str) -> bool:
    """Qt's own catalogs (PySide6/Qt/translations/*.qm); ours and the Qt ones kept are under resources/."""
    path = Path(dest)
    return path.suffix == ".qm" and "translations" in path.parts[:-1] and path.parts[0] != "resources"
