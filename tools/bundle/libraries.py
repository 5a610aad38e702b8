"""The shared-library graph of the bundle: which libraries a binary links to directly, and which
collected binaries are still needed once some were left out.

PyInstaller collects every library that anything it found links to, even through a plugin that is
then dropped; keeping only what is reachable from the binaries collected for their own sake (Python
extensions, kept Qt plugins, libpython, ...) drops what only a dropped plugin or library needed
(GTK 3 for the qgtk3 platform theme, libsystemd for libdbus-1, ...).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from tools.bundle.plugins import qt_plugin

Entry = tuple[str, str, str]  # (name in the bundle, source path, typecode)

_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(.+?)\]")


def library_key(name: str) -> str:
    """How a library is named in the graph: its file name, lower case ("libQt6Gui.so.6" -> "libqt6gui.so.6")."""
    return Path(name).name.lower()


def needed_libraries(dynamic_section: str) -> set[str]:
    """The libraries a binary links to directly, from `readelf -dW` output (its NEEDED entries)."""
    return {library_key(name) for name in _NEEDED.findall(dynamic_section)}


def direct_imports(src: str, *, linux: bool) -> set[str]:
    """The libraries `src` links to directly. On Linux this asks readelf: PyInstaller's get_imports asks
    ldd there, which lists indirect dependencies too, so a library would look needed through one that
    was dropped."""
    if linux:
        dynamic = subprocess.run(["readelf", "-dW", src], capture_output=True, text=True, check=False).stdout
        return needed_libraries(dynamic)
    from PyInstaller.depend import bindepend  # the other platforms: PyInstaller's own reading

    return {library_key(name) for name, _path in bindepend.get_imports(src)}


def roots(binaries: Iterable[Entry], imports: Mapping[str, Iterable[str]]) -> list[str]:
    """The binaries collected for their own sake: Python extensions, Qt plugins, and anything that no
    collected binary links to (libpython, libraries a hook asked for)."""
    depended_on = {key for needed in imports.values() for key in needed}
    return [
        library_key(dest)
        for dest, _src, kind in binaries
        if kind == "EXTENSION" or qt_plugin(dest) is not None or library_key(dest) not in depended_on
    ]


def drop_unreferenced(binaries: list[Entry], imports: Mapping[str, Iterable[str]]) -> list[Entry]:
    """`binaries` without those no root reaches through link-time dependencies.

    `imports` maps each library key to the keys it links to directly, for every binary PyInstaller
    collected (also those already left out: what they needed does not count as a root). The walk
    goes only through binaries still in `binaries`."""
    present = {library_key(dest) for dest, _src, _kind in binaries}
    reachable: set[str] = set()
    pending = roots(binaries, imports)
    while pending:
        key = pending.pop()
        if key in present and key not in reachable:
            reachable.add(key)
            pending.extend(imports.get(key, ()))
    return [entry for entry in binaries if library_key(entry[0]) in reachable]
