"""Starting Qt: whether a window can be shown here at all, and the one QApplication, named for the
desktop (application and organisation names, version, the .desktop file it belongs to, its icon)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import QApplication, QWidget

from desktop import __version__
from desktop.services.image_samples import decodable_formats
from desktop.ui.chat.style import CJK_SANS
from desktop.ui.icons import app_icon

NO_DISPLAY = (
    "coze-desktop: no graphical display (DISPLAY / WAYLAND_DISPLAY is not set). Run it in a desktop "
    "session, use a verb such as `coze-desktop ask` (see --help), or try `xvfb-run coze-desktop`."
)


def has_display(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """False on a Linux console or over ssh without X forwarding, where Qt would abort."""
    if environ.get("QT_QPA_PLATFORM") or platform in ("win32", "darwin"):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def input_method_fallback(environ: MutableMapping[str, str]) -> None:
    """The Qt wheels ship no fcitx plugin; fcitx5 also speaks the ibus protocol, so offer that next."""
    if environ.get("QT_IM_MODULE") == "fcitx" and not environ.get("QT_IM_MODULES"):
        environ["QT_IM_MODULES"] = "fcitx;ibus"


def serial_fills(environ: MutableMapping[str, str]) -> None:
    """Qt's raster engine hands every fill taller than ~96 lines to a thread pool and waits for it: for
    the chat's repaints (a band of text, a scroll bar) the hand-off cost more than the fill, ~15 % of
    the window's CPU while an answer streamed (#21). Qt's own switch keeps fills on the calling thread."""
    environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


GIL_SWITCH = 0.001  # s (Python's default: 0.005)


def prompt_gil() -> None:
    """The window's thread gets the GIL back within ~1 ms of asking, not 5: it gives it up at every SQLite
    call and many Qt calls, and a busy worker thread (a chat flooding in, an index, an export) held it
    for up to 5 ms each time, so a pass of the event loop with a few dozen such calls took 50-100 ms
    (#21: the 1 MB flood's longest stalls). Background threads are switched more often (a few µs each)."""
    sys.setswitchinterval(GIL_SWITCH)


def qt_application() -> QApplication:
    """The QApplication (made if there is none yet), named and with the app's icon."""
    input_method_fallback(os.environ)
    serial_fills(os.environ)  # read by Qt once, at the first big fill
    prompt_gil()
    qapp = QApplication.instance() or QApplication(sys.argv[:1] + platform_theme_arguments(os.environ))
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("Coze Desktop")
    qapp.setOrganizationName("coze-desktop")
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName("coze-desktop")
    qapp.setWindowIcon(app_icon())
    chinese_fonts_for_han(qapp)
    return qapp


#: The desktops on which Qt loads its GTK 3 theme plugin (Qt's qgenericunixthemes.cpp), and falls back to
#: its built-in GNOME theme where that plugin is missing.
GTK_DESKTOPS = frozenset({"GNOME", "X-CINNAMON", "PANTHEON", "UNITY", "MATE", "XFCE", "LXDE"})


def platform_theme_arguments(environ: Mapping[str, str]) -> list[str]:
    """Qt's built-in GNOME theme on the desktops where Qt would load its GTK 3 theme plugin: that plugin
    brings all of GTK 3 into the process and, through it, an OpenGL driver (~73 MB more at a demo start
    on GNOME, #21). The packaged app never has it (build.spec leaves it out), so from source the app is
    the same: Qt's own file dialogs, the app's own palette. A theme the user names is kept."""
    if environ.get("QT_QPA_PLATFORMTHEME"):
        return []
    desktops = environ.get("XDG_CURRENT_DESKTOP", "").upper().split(":")
    return ["-platformtheme", "gnome"] if GTK_DESKTOPS.intersection(desktops) else []


def chinese_fonts_for_han(app: QApplication) -> None:
    """Widgets draw Han characters with the Simplified Chinese fonts, after the platform font's family
    (its real name: a list of families skips an alias such as "Sans Serif"). Left to fontconfig, a Han
    character falls back to the font for the system's language: in the English UI on an English Linux,
    Noto Sans CJK JP, Japanese forms of Chinese characters in every widget but the chat (a chat's title,
    a search hit, a suggestion), and a second face of the same font file beside the chat's (#21)."""
    font = QFont(app.font())
    font.setFamilies(list(dict.fromkeys([QFontInfo(font).family(), *CJK_SANS])))
    app.setFont(font)


QT_WORDS = "smoke: Qt's dialogs say: "


def qt_words() -> str:
    """Two words of Qt's own dialogs in the UI language: one from Qt's catalog (a button), one that only
    ours supplies (the file dialog's "Look in:", desktop/ui/qt_catalog_gaps.py)."""
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    return f"{cancel} / {QCoreApplication.translate('QFileDialog', '&Look in:')}"


MEMORY = "smoke: memory "


def memory_line() -> str | None:
    """The process's resident memory now, as bench/bench_startup.py reads it; None where /proc has no
    status (not Linux). RSS counts the clean pages of libraries and fonts mapped from the page cache
    (#21: ~60 of ~113 MB at a demo start); "private dirty" is the memory only this process holds."""
    try:
        status = _proc_fields("/proc/self/status")
        line = f"{MEMORY}{status['VmRSS']} kB, {status['RssAnon']} kB anonymous"
    except (OSError, KeyError, ValueError):
        return None
    try:
        rollup = _proc_fields("/proc/self/smaps_rollup")  # Linux 4.14+
        return f"{line}, {rollup['Private_Dirty']} kB private dirty, {rollup['Pss']} kB proportional"
    except (OSError, KeyError, ValueError):
        return line


BYTECODE = "smoke: bytecode "


def bytecode_line() -> str:
    """How the running code was compiled. The packaged app's has no docstrings or asserts (build.spec's
    optimize=2) and no column tables (tools/package.sh builds under `-X no_debug_ranges`): ~1.5 MB less
    at a demo start (#21); tools/smoke_binary.py checks this line."""
    last = list(bytecode_line.__code__.co_positions())[-1]
    docstrings = "kept" if bytecode_line.__doc__ else "dropped"
    columns = "dropped" if last[2] is None else "kept"
    return f"{BYTECODE}optimize {sys.flags.optimize}, docstrings {docstrings}, columns {columns}"


def _proc_fields(path: str) -> dict[str, str]:
    """`Name: value kB` lines of a /proc file → {name: value}."""
    with open(path, encoding="ascii") as lines:
        return {
            name: value.split()[0]
            for name, value in (line.split(":", 1) for line in lines if ":" in line)
            if value.split()
        }


def smoke_check(window: QWidget, read_only: bool) -> int:
    """`--smoke`: print what the packaged app's self-check looks for (tools/smoke_binary.py reads these
    lines); the exit code, 0 if the window is shown. The memory comes first: the checks after it load
    every image-format plugin, which the start itself does not (#21)."""
    if (memory := memory_line()) is not None:
        print(memory, flush=True)
    print(bytecode_line(), flush=True)
    print(f"smoke: decodes {', '.join(decodable_formats())}", flush=True)
    print(f"{QT_WORDS}{qt_words()}", flush=True)
    visible = window.isVisible()
    mode = " (history read-only)" if read_only else ""
    print(f"smoke: window {'shown' if visible else 'NOT shown'}: {window.windowTitle()}{mode}", flush=True)
    return 0 if visible else 1
