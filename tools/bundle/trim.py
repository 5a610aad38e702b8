"""From PyInstaller's analysis to what ships: `trim()` takes the collected binaries and datas and
returns those the app needs, by the rules build.spec declares in a `Policy`:

  1. Qt plugins: only those listed (a plugin folder not listed goes entirely);
  2. libraries taken from the system at run time (Linux: libstdc++, fontconfig, ...) are left out;
  3. every binary no kept one links to, directly or not, goes (libraries.drop_unreferenced);
  4. ICU's data library is replaced by its trimmed copy (icu.trimmed_copy), when asked;
  5. Qt's own catalogs go (the ones kept are bundled under resources/ by the spec);
  6. symbolic links to a library that was left out go too (they would dangle).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.bundle.libraries import Entry, drop_unreferenced, library_key
from tools.bundle.plugins import is_foreign_qt_translation, keep_plugin

ICU_DATA = re.compile(r"libicudata\.so\.\d+")


@dataclass(frozen=True)
class Policy:
    """What build.spec declares: the Qt plugins kept, by folder; the libraries the system provides."""

    plugins_kept: Mapping[str, Sequence[str]]
    #: The libraries a binary (its source path) links to directly, as library keys: direct_imports.
    imports_of: Callable[[str], set[str]]
    system_libraries: Sequence[str] = ()
    #: The source to ship for ICU's data library instead of `src` (None: the original).
    icu_data: Callable[[str], str] | None = None


@dataclass(frozen=True)
class Trimmed:
    binaries: list[Entry]
    datas: list[Entry]
    dropped: list[str]  # file names of the binaries left out, sorted

    def summary(self) -> str:
        return f"dropped {len(self.dropped)} binaries: {', '.join(self.dropped)}"


def trim(binaries: Sequence[Entry], datas: Sequence[Entry], policy: Policy) -> Trimmed:
    originals = list(binaries)
    system = {library_key(name) for name in policy.system_libraries}
    kept = [e for e in originals if keep_plugin(e[0], policy.plugins_kept) and library_key(e[0]) not in system]
    imports = {library_key(dest): policy.imports_of(src) for dest, src, _kind in originals}
    kept = drop_unreferenced(kept, imports)
    if policy.icu_data is not None:
        icu_data = policy.icu_data
        kept = [(d, icu_data(s), k) if ICU_DATA.fullmatch(Path(d).name) else (d, s, k) for d, s, k in kept]
    kept_datas = [e for e in datas if keep_plugin(e[0], policy.plugins_kept) and not is_foreign_qt_translation(e[0])]
    kept_datas = without_dangling_links(kept_datas, kept)
    dropped = sorted({Path(d).name for d, _s, _k in originals} - {Path(d).name for d, _s, _k in kept})
    return Trimmed(kept, kept_datas, dropped)


def without_dangling_links(datas: Sequence[Entry], binaries: Sequence[Entry]) -> list[Entry]:
    """PyInstaller lays symbolic links to some libraries next to the executable (a SYMLINK entry's source
    is its target, relative to its folder): keep only those whose target is still there."""
    present = {dest for dest, _src, kind in [*binaries, *datas] if kind != "SYMLINK"}
    return [
        (dest, src, kind)
        for dest, src, kind in datas
        if kind != "SYMLINK" or os.path.normpath(os.path.join(os.path.dirname(dest), src)) in present
    ]
