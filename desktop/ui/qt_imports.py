"""Importing PySide6 without its per-import source reading.

Once PySide6 is imported it checks every module imported after it for the word "PySide6" (for its
opt-in `from __feature__ import snake_case`), with `inspect.getsource`: each module's whole source is
read, split into lines and kept in `linecache` for the life of the process. For the window's ~700
modules that was ~15 MB of memory and ~420 files read at start-up (measured in BENCHMARKS.md, #21).
`lighten_pyside_imports()` keeps the check and its answer but reads the file's bytes instead, and keeps
nothing. Call it before importing the window's modules (cli.py does); when a PySide6 release no longer
has that check, it does nothing.
"""

from __future__ import annotations

import sys
from types import ModuleType

_ORIGINAL = "_coze_original_mod_uses_pyside"


def lighten_pyside_imports() -> bool:
    """Replace PySide6's check with one that reads bytes; True if the check was found (and is replaced)."""
    import PySide6.QtCore  # noqa: F401  (installs PySide6's import hook and its `feature` module)

    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or check is None:
        return False
    if not hasattr(feature, _ORIGINAL):
        setattr(feature, _ORIGINAL, check)
        feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]
    return True


def _uses_pyside(module: ModuleType) -> bool:
    """PySide6's answer (does the module's source mention PySide6?) without `inspect` and `linecache`."""
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False  # as PySide6's own check does when a module has no readable source
    original = getattr(sys.modules["shibokensupport.feature"], _ORIGINAL)
    uses: bool = original(module)
    return uses
