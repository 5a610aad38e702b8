"""What start-up keeps in memory (#21): PySide6's per-import source check keeps no module's source, and
settling the heap freezes start-up's objects out of later garbage collections."""

from __future__ import annotations

import gc
import linecache
import subprocess
import sys
import textwrap

from desktop.core import heap
from desktop.ui.qt_imports import lighten_pyside_imports


def test_modules_imported_after_pyside6_leave_no_source_in_linecache() -> None:
    # A fresh interpreter: the check runs for imports after PySide6 only, as the app's are.
    code = textwrap.dedent(
        """
        import linecache
        from desktop.ui.qt_imports import lighten_pyside_imports
        assert lighten_pyside_imports()
        import desktop.ui.main_window
        kept = [name for name in linecache.cache if "/desktop/" in name]
        print(len(kept))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"QT_QPA_PLATFORM": "offscreen"}
    )
    assert result.stdout.strip() == "0"


def test_the_lighter_check_gives_pysides_answers() -> None:
    assert lighten_pyside_imports()
    feature = sys.modules["shibokensupport.feature"]
    import desktop.core.vocabulary as qt_free
    import desktop.ui.qt_imports as uses_qt

    assert feature._mod_uses_pyside(uses_qt) is True
    assert feature._mod_uses_pyside(qt_free) is False
    assert feature._mod_uses_pyside(sys) is False  # a built-in module: PySide6's own check answers
    linecache.clearcache()


def test_settle_freezes_what_start_up_built() -> None:
    try:
        heap.settle()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
