"""desktop/ui/qt_app.py: no window where there is no display, the fcitx users' input fallback, and the
Qt's fills kept serial, the GIL handed back to the window's thread within 1 ms, the `--smoke` self-check's
lines (tools/smoke_binary.py reads them from the packaged app)."""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.qt_app import (
    GIL_SWITCH,
    MEMORY,
    has_display,
    input_method_fallback,
    platform_theme_arguments,
    prompt_gil,
    serial_fills,
    smoke_check,
)


@pytest.mark.parametrize(
    ("environ", "platform", "shown"),
    [
        ({}, "linux", False),  # a console, or ssh without X forwarding
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", True),
        ({}, "win32", True),
        ({}, "darwin", True),
    ],
)
def test_has_display(environ: dict[str, str], platform: str, shown: bool) -> None:
    assert has_display(environ, platform) is shown


def test_fills_stay_on_the_painting_thread_unless_the_user_says_otherwise() -> None:
    environ: dict[str, str] = {}
    serial_fills(environ)
    assert environ == {"QT_NO_GUI_THREADPOOL": "1"}  # Qt's switch: no thread pool for the raster engine
    chosen = {"QT_NO_GUI_THREADPOOL": "0"}  # (Qt only asks whether it is set)
    serial_fills(chosen)
    assert chosen == {"QT_NO_GUI_THREADPOOL": "0"}


def test_the_window_thread_gets_the_gil_back_within_a_millisecond() -> None:
    default = sys.getswitchinterval()
    try:
        prompt_gil()
        assert sys.getswitchinterval() == pytest.approx(GIL_SWITCH)
        assert GIL_SWITCH <= 0.001  # Python's default is 0.005 s: a busy worker held the GIL that long
    finally:
        sys.setswitchinterval(default)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"QT_IM_MODULE": "fcitx"}, {"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "fcitx;ibus"}),
        ({"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "fcitx"}, {"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "fcitx"}),
        ({"QT_IM_MODULE": "ibus"}, {"QT_IM_MODULE": "ibus"}),
        ({}, {}),
    ],
)
def test_fcitx_users_fall_back_to_ibus(before: dict[str, str], after: dict[str, str]) -> None:
    environ = dict(before)
    input_method_fallback(environ)
    assert environ == after


def test_the_smoke_check_says_what_it_saw(qtbot: QtBot, capsys: pytest.CaptureFixture[str]) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.setWindowTitle("扣子桌面")
    assert smoke_check(window, read_only=False) == 1  # not shown yet
    window.show()
    assert smoke_check(window, read_only=True) == 0
    lines = capsys.readouterr().out.splitlines()
    memory = [line for line in lines if line.startswith(MEMORY)]  # first, before the checks (Linux)
    assert memory == ([lines[0], lines[5]] if sys.platform.startswith("linux") else [])
    for line in memory:  # RSS, anonymous, private dirty, proportional (bench/bench_startup.py reads them)
        figures = [int(part.split()[0]) for part in line.removeprefix(MEMORY).split(",")]
        assert len(figures) == 4 and figures[0] >= figures[1] > 0 and figures[0] >= figures[2] > 0
    assert [line for line in lines if line not in memory] == [
        "smoke: bytecode optimize 0, docstrings kept, columns kept",  # from source; the binary's: see below
        "smoke: decodes png, jpeg, gif, webp",
        "smoke: Qt's dialogs say: Cancel / &Look in:",
        "smoke: window NOT shown: 扣子桌面",
        "smoke: bytecode optimize 0, docstrings kept, columns kept",
        "smoke: decodes png, jpeg, gif, webp",
        "smoke: Qt's dialogs say: Cancel / &Look in:",
        "smoke: window shown: 扣子桌面 (history read-only)",
    ]


def test_the_smoke_check_says_how_the_code_was_compiled(tmp_path: Path) -> None:
    """The packaged app runs as `python -OO` with bytecode built under `-X no_debug_ranges` (build.spec,
    tools/package.sh); tools/smoke_binary.py reads this line from the binary to prove it."""
    probe = "from desktop.ui.qt_app import bytecode_line; print(bytecode_line())"
    flags = ["-OO", "-X", "no_debug_ranges", "-X", f"pycache_prefix={tmp_path}"]  # its own .pyc files
    done = subprocess.run([sys.executable, *flags, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "smoke: bytecode optimize 2, docstrings dropped, columns dropped"


def test_on_gtk_desktops_qts_own_gnome_theme_is_asked_for() -> None:
    gnome = ["-platformtheme", "gnome"]
    for desktop in ("GNOME", "ubuntu:GNOME", "X-Cinnamon", "XFCE", "MATE", "Unity", "Pantheon", "LXDE"):
        assert platform_theme_arguments({"XDG_CURRENT_DESKTOP": desktop}) == gnome, desktop
    for desktop in ("KDE", "LXQt", ""):
        assert platform_theme_arguments({"XDG_CURRENT_DESKTOP": desktop}) == [], desktop
    assert platform_theme_arguments({}) == []
    assert platform_theme_arguments({"XDG_CURRENT_DESKTOP": "GNOME", "QT_QPA_PLATFORMTHEME": "gtk3"}) == []


GTK_THEME_PLUGIN = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platformthemes" / "libqgtk3.so"


@pytest.mark.skipif(
    not (shutil.which("xvfb-run") and GTK_THEME_PLUGIN.is_file() and ctypes.util.find_library("gtk-3")),
    reason="needs xvfb-run, PySide6's GTK 3 theme plugin and GTK 3 itself",
)
def test_a_window_on_gnome_does_not_load_gtk(tmp_path: Path) -> None:
    """Qt's GTK 3 theme plugin brought GTK 3 and an OpenGL driver into the process on GNOME: 187.8 MB at
    a demo start under Xvfb, 115.8 MB without (#21, BENCHMARKS.md). The packaged app never had it."""
    probe = (
        "from desktop.ui.qt_app import qt_application; qt_application(); "
        "print('libgtk-3' in open('/proc/self/maps').read())"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("QT_")}  # xcb, not offscreen
    env.update(XDG_CURRENT_DESKTOP="GNOME", HOME=str(tmp_path))
    done = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["False"], done.stderr
