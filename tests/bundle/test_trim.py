"""tools/bundle/trim.py: from PyInstaller's analysis to what ships, by build.spec's rules.

The main case is real: PyInstaller's analysis of this app on Linux, captured before trimming
(tests/fixtures/bundle/linux_analysis.json, with each binary's direct dependencies as readelf gave
them), must trim to exactly the files the build put in dist/ (its `shipped` list)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.test_packaging import SETTINGS
from tools.bundle.libraries import Entry
from tools.bundle.trim import Policy, Trimmed, trim, without_dangling_links

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "bundle" / "linux_analysis.json"


@pytest.fixture(scope="module")
def analysis() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def trim_real(analysis: dict[str, Any], **changes: Any) -> Trimmed:
    imports = {dest: set(needed) for dest, _kind, needed in analysis["binaries"]}
    binaries: list[Entry] = [(dest, dest, kind) for dest, kind, _needed in analysis["binaries"]]  # src: its name
    datas: list[Entry] = [(dest, src, kind) for dest, src, kind in analysis["datas"]]
    policy = Policy(
        plugins_kept=SETTINGS["QT_PLUGINS_KEPT"],
        imports_of=lambda src: imports[src],
        system_libraries=SETTINGS["LINUX_SYSTEM_LIBS"],
        icu_data=lambda src: f"/work/trimmed-icu/{Path(src).name}",
    )
    for name, value in changes.items():
        policy = Policy(**{**policy.__dict__, name: value})
    return trim(binaries, datas, policy)


def test_the_real_analysis_trims_to_what_shipped(analysis: dict[str, Any]) -> None:
    trimmed = trim_real(analysis)
    shipped = {dest for dest, _src, _kind in trimmed.binaries + trimmed.datas}
    assert shipped == set(analysis["shipped"])
    assert len(analysis["binaries"]) - len(trimmed.binaries) == len(trimmed.dropped) == 92


def test_what_the_real_trim_drops_and_keeps(analysis: dict[str, Any]) -> None:
    trimmed = trim_real(analysis)
    dropped = set(trimmed.dropped)
    assert {"libqgtk3.so", "libgtk-3.so.0", "libqwayland.so", "libQt6WaylandClient.so.6"} <= dropped  # GTK, Wayland
    assert {"libdbus-1.so.3", "libsystemd.so.0", "libgcrypt.so.20"} <= dropped  # the system's libdbus, and its needs
    assert {"libstdc++.so.6", "libgcc_s.so.1", "libfontconfig.so.1", "libfreetype.so.6"} <= dropped
    names = {Path(dest).name for dest, _src, _kind in trimmed.binaries}
    assert {"libqxcb.so", "libQt6XcbQpa.so.6", "libibusplatforminputcontextplugin.so", "libqsvg.so"} <= names
    assert {"libqjpeg.so", "libqgif.so", "libqwebp.so", "libpython3.11.so.1.0"} <= names
    assert not any(dest.endswith(".qm") and not dest.startswith("resources/") for dest, _s, _k in trimmed.datas)
    assert "dropped 92 binaries: " in trimmed.summary()


def test_icu_data_is_replaced_by_the_trimmed_copy(analysis: dict[str, Any]) -> None:
    icu = [(dest, src) for dest, src, _kind in trim_real(analysis).binaries if "libicudata" in dest]
    assert icu == [("PySide6/Qt/lib/libicudata.so.73", "/work/trimmed-icu/libicudata.so.73")]
    full = [src for dest, src, _kind in trim_real(analysis, icu_data=None).binaries if "libicudata" in dest]
    assert full == ["PySide6/Qt/lib/libicudata.so.73"]  # COZE_DESKTOP_FULL_ICU=1, or not Linux


def test_without_system_libraries_the_system_ones_ship(analysis: dict[str, Any]) -> None:
    """As on Windows and macOS, where the spec names no system libraries."""
    names = {Path(dest).name for dest, _src, _kind in trim_real(analysis, system_libraries=()).binaries}
    assert {"libdbus-1.so.3", "libsystemd.so.0", "libstdc++.so.6"} <= names


def test_links_to_a_library_left_out_go_and_the_others_stay() -> None:
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/src/core", "BINARY")]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),  # its library was dropped
        ("PySide6/Qt/lib/libcore.so", "./libQt6Core.so.6", "SYMLINK"),  # relative to its own folder
        ("PySide6/Qt/lib/libgui.so", "../lib/libQt6Gui.so.6", "SYMLINK"),
        ("resources/themes/app.qss", "/src/app.qss", "DATA"),
    ]
    assert [dest for dest, _s, _k in without_dangling_links(datas, binaries)] == [
        "libQt6Core.so.6",
        "PySide6/Qt/lib/libcore.so",
        "resources/themes/app.qss",
    ]


def test_plugin_folders_not_listed_go_from_the_datas_too() -> None:
    datas = [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/x", "DATA"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/y", "DATA"),
        ("PySide6/Qt/translations/qtbase_de.qm", "/src/de", "DATA"),
        ("resources/translations/qtbase_zh_CN.qm", "/src/zh", "DATA"),
    ]
    trimmed = trim([], datas, Policy(plugins_kept={"platforms": ["qxcb"]}, imports_of=lambda _src: set()))
    assert [dest for dest, _s, _k in trimmed.datas] == [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "resources/translations/qtbase_zh_CN.qm",
    ]
    assert trimmed.dropped == [] and trimmed.summary() == "dropped 0 binaries: "
