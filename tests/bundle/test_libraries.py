"""tools/bundle/libraries.py and plugins.py: reading a binary's direct dependencies, naming Qt plugins,
and the walk that keeps only the libraries something kept still links to."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6 import __file__ as pyside_init

from tools.bundle.libraries import Entry, direct_imports, drop_unreferenced, library_key, needed_libraries, roots
from tools.bundle.plugins import is_foreign_qt_translation, keep_plugin, qt_plugin

QT_LIB = Path(pyside_init).parent / "Qt" / "lib"

# `readelf -dW libqxcb.so` (PySide6 6.12), cut short: NEEDED lines among the others.
READELF = """
Dynamic section at offset 0x3b98 contains 54 entries:
  Tag        Type                         Name/Value
 0x0000000000000001 (NEEDED)             Shared library: [libQt6XcbQpa.so.6]
 0x0000000000000001 (NEEDED)             Shared library: [libQt6Gui.so.6]
 0x0000000000000001 (NEEDED)             Shared library: [libGL.so.1]
 0x000000000000000e (SONAME)             Library soname: [libqxcb.so]
 0x000000000000001d (RUNPATH)            Library runpath: [$ORIGIN/../../lib]
 0x0000000000000001 (NEEDED)             Shared library: [libc.so.6]
"""


def test_needed_libraries_are_the_needed_entries_only() -> None:
    assert needed_libraries(READELF) == {"libqt6xcbqpa.so.6", "libqt6gui.so.6", "libgl.so.1", "libc.so.6"}
    assert needed_libraries("readelf: Error: Not an ELF file") == set()


def test_library_key_is_the_file_name_in_lower_case() -> None:
    assert library_key("PySide6/Qt/lib/libQt6Gui.so.6") == "libqt6gui.so.6"
    assert library_key("libQt6Gui.so.6") == library_key("x/LIBQT6GUI.SO.6")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="readelf reads ELF files")
def test_direct_imports_of_a_real_qt_library_are_direct_only() -> None:
    widgets = direct_imports(str(QT_LIB / "libQt6Widgets.so.6"), linux=True)
    assert {"libqt6gui.so.6", "libqt6core.so.6"} <= widgets
    # ICU comes through QtCore only: ldd would list it for QtWidgets too, readelf does not.
    assert not any(name.startswith("libicu") for name in widgets)
    assert any(name.startswith("libicu") for name in direct_imports(str(QT_LIB / "libQt6Core.so.6"), linux=True))


@pytest.mark.parametrize(
    ("dest", "plugin"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", ("platforms", "qxcb")),
        ("PySide6/plugins/platforms/qwindows.dll", ("platforms", "qwindows")),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.dylib", ("imageformats", "qjpeg")),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", ("platformthemes", "qgtk3")),
        ("PySide6/Qt/lib/libQt6Gui.so.6", None),
        ("PySide6/QtGui.abi3.so", None),
        ("cryptography/plugins/x/libthing.so", None),  # a "plugins" folder that is not Qt's
    ],
)
def test_qt_plugins_are_named_by_folder_and_stem(dest: str, plugin: tuple[str, str] | None) -> None:
    assert qt_plugin(dest) == plugin


def test_only_the_plugins_listed_are_kept_and_other_files_always() -> None:
    kept = {"platforms": ["qxcb"]}
    assert keep_plugin("PySide6/Qt/plugins/platforms/libqxcb.so", kept)
    assert not keep_plugin("PySide6/Qt/plugins/platforms/libqwayland.so", kept)
    assert not keep_plugin("PySide6/Qt/plugins/platformthemes/libqgtk3.so", kept)  # folder not listed
    assert keep_plugin("PySide6/Qt/lib/libQt6Core.so.6", kept)


def test_foreign_qt_translations_are_those_outside_resources() -> None:
    assert is_foreign_qt_translation("PySide6/Qt/translations/qtbase_fr.qm")
    assert not is_foreign_qt_translation("resources/translations/qtbase_zh_CN.qm")
    assert not is_foreign_qt_translation("resources/translations/coze_desktop_zh_CN.qm")
    assert not is_foreign_qt_translation("PySide6/Qt/translations/README.txt")


# -- the walk, on small graphs ----------------------------------------------------------------------


def binary(name: str, kind: str = "BINARY") -> Entry:
    return (name, f"/src/{name}", kind)


def kept_names(binaries: list[Entry], imports: dict[str, set[str]]) -> set[str]:
    return {Path(dest).name for dest, _src, _kind in drop_unreferenced(binaries, imports)}


def test_what_only_a_dropped_plugin_needed_goes() -> None:
    imports = {
        "qtgui.abi3.so": {"libqt6gui.so.6"},
        "libqxcb.so": {"libqt6gui.so.6", "libxcb.so.1"},
        "libqgtk3.so": {"libqt6gui.so.6", "libgtk-3.so.0"},
        "libgtk-3.so.0": {"libgdk-3.so.0"},
        "libqt6gui.so.6": set(),
    }
    kept = [
        binary("QtGui.abi3.so", "EXTENSION"),
        binary("Qt/plugins/platforms/libqxcb.so"),
        binary("libQt6Gui.so.6"),
        binary("libxcb.so.1"),
        binary("libgtk-3.so.0"),
        binary("libgdk-3.so.0"),
    ]  # libqgtk3.so is already left out (its folder is not kept)
    assert kept_names(kept, imports) == {"QtGui.abi3.so", "libqxcb.so", "libQt6Gui.so.6", "libxcb.so.1"}


def test_the_walk_does_not_pass_through_a_library_left_out() -> None:
    """libdbus-1 comes from the system: libsystemd, which only it needed, goes with it."""
    imports = {
        "qtdbus.abi3.so": {"libqt6dbus.so.6"},
        "libqt6dbus.so.6": {"libdbus-1.so.3"},
        "libdbus-1.so.3": {"libsystemd.so.0"},
    }
    kept = [binary("QtDBus.abi3.so", "EXTENSION"), binary("libQt6DBus.so.6"), binary("libsystemd.so.0")]
    assert kept_names(kept, imports) == {"QtDBus.abi3.so", "libQt6DBus.so.6"}


def test_a_library_nothing_links_to_is_kept_for_its_own_sake() -> None:
    imports = {"_ssl.so": {"libssl.so.3"}, "libssl.so.3": {"libcrypto.so.3"}}
    kept = [
        binary("libpython3.11.so.1.0"),
        binary("_ssl.so", "EXTENSION"),
        binary("libssl.so.3"),
        binary("libcrypto.so.3"),
    ]
    assert roots(kept, imports) == ["libpython3.11.so.1.0", "_ssl.so"]
    assert kept_names(kept, imports) == {"libpython3.11.so.1.0", "_ssl.so", "libssl.so.3", "libcrypto.so.3"}


def test_cycles_end() -> None:
    imports = {"a.so": {"liba.so"}, "liba.so": {"libb.so"}, "libb.so": {"liba.so"}}
    kept = [binary("a.so", "EXTENSION"), binary("liba.so"), binary("libb.so")]
    assert kept_names(kept, imports) == {"a.so", "liba.so", "libb.so"}
