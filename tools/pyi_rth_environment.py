"""PyInstaller runtime hook (build.spec): runs in the packaged app before any of its code.

1. Programs the app starts get the user's library path back. On Linux the one-folder bootloader puts
   `_internal/` on LD_LIBRARY_PATH and restarts itself, so the app finds its bundled libraries. Every
   child process would inherit that: `xdg-open` (links, "Open the log folder") and the browser or file
   manager it starts would load our glib, libX11, libcrypto, sqlite and ICU instead of the system's,
   and fail with symbol errors on a newer distribution. The dynamic loader reads LD_LIBRARY_PATH
   once, at process start, so restoring it here changes nothing for this process. The bootloader keeps
   a value the user had in LD_LIBRARY_PATH_ORIG.

2. Chinese input with fcitx. Desktops running fcitx5 set QT_IM_MODULE=fcitx, but PySide6 ships no
   fcitx plugin (and a system one, built for another Qt, cannot load). Qt then falls back to the
   compose plugin: no pinyin at all. Qt 6.8+ reads a list from QT_IM_MODULES, so the user's choice
   stays first and ibus follows: ibus users are unaffected, and fcitx5 answers the ibus protocol through
   its ibus frontend. Nothing changes when QT_IM_MODULES is already set.
"""

import os
import sys
from collections.abc import MutableMapping

BUNDLED_INPUT_METHODS = ("ibus", "compose", "xim")  # xim: served by the compose plugin


def restore_library_path(environ: MutableMapping[str, str]) -> None:
    original = environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        environ["LD_LIBRARY_PATH"] = original
    else:
        environ.pop("LD_LIBRARY_PATH", None)


def input_method_fallback(environ: MutableMapping[str, str]) -> None:
    wanted = environ.get("QT_IM_MODULE", "").strip()
    if wanted and "QT_IM_MODULES" not in environ and wanted.lower() not in BUNDLED_INPUT_METHODS:
        environ["QT_IM_MODULES"] = f"{wanted};ibus"


if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
    restore_library_path(os.environ)
    input_method_fallback(os.environ)
