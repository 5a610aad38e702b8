"""The Debian packages a PyInstaller bundle needs from the system, with minimal versions, computed from
its ELF files the way dpkg-shlibdeps does it (see tools/deb.py for why not dpkg-shlibdeps itself).

    python tools/deb_depends.py dist/coze-desktop     # prints the Depends line

1. Every soname an ELF file of the bundle links to (NEEDED) that the bundle does not carry.
2. Its file, as the loader finds it (`ldconfig -p`), and the package owning that file (`dpkg -S`).
3. The minimal version: the newest "first version" among the symbols (and symbol version nodes, such as
   GLIBC_2.34) the bundle uses from it, in the package's symbols file; its shlibs file when it has none.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


class DependencyError(Exception):
    """A library the bundle needs is not on this machine, or no package owns it."""


def is_elf(path: Path) -> bool:
    if not path.is_file() or path.is_symlink():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


@dataclass
class Linkage:
    """What one ELF file wants from the libraries it links to."""

    needed: set[str]  # sonames (NEEDED)
    versions: dict[str, set[str]]  # soname -> symbol version nodes it needs from it (GLIBC_2.34, ...)
    undefined: set[str]  # symbols it imports: "name@VERSION", or "name@Base" when unversioned


def linkage(elf: Path) -> Linkage:
    def readelf(*options: str) -> str:
        return subprocess.run(["readelf", "-W", *options, str(elf)], capture_output=True, text=True, check=True).stdout

    needed = set(re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", readelf("-d")))
    versions: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in readelf("-V").split("Version needs section", 1)[-1].splitlines():
        if match := re.search(r"File: (\S+)", line):
            current = versions.setdefault(match[1], set())
        elif current is not None and (match := re.search(r"Name: (\S+)", line)):
            current.add(match[1])
    undefined = set()
    for line in readelf("--dyn-syms").splitlines():
        fields = line.split()
        if len(fields) >= 8 and fields[6] == "UND":
            name = fields[7]
            undefined.add(name if "@" in name else f"{name}@Base")
    return Linkage(needed, versions, undefined)


def system_libraries(bundle: Path) -> set[str]:
    """The sonames the bundle's ELF files link to that the bundle does not carry: the system provides them."""
    return set(used_from_system(bundle))


def used_from_system(bundle: Path) -> dict[str, set[str]]:
    """soname -> the symbols the bundle uses from it, for each library the bundle does not carry."""
    carried = {p.name for p in bundle.rglob("*") if p.is_file() or p.is_symlink()}
    elves = [linkage(path) for path in sorted(bundle.rglob("*")) if is_elf(path)]
    used: dict[str, set[str]] = {}
    for elf in elves:
        for soname in elf.needed - carried:
            nodes = elf.versions.get(soname, set())
            symbols = used.setdefault(soname, set())
            symbols.update(f"{node}@{node}" for node in nodes)
            symbols.update(s for s in elf.undefined if s.endswith("@Base") or s.split("@", 1)[1] in nodes)
    return used


def _ldconfig_paths(architecture_tag: str) -> dict[str, str]:
    """soname -> path, for this machine's architecture, as the loader's cache knows them."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths: dict[str, str] = {}
    for line in out.splitlines():
        match = re.match(r"\s*(\S+) \((.*?)\) => (\S+)", line)
        if match and architecture_tag in match[2]:
            paths.setdefault(match[1], match[3])
    return paths


def _owner(path: str) -> str:
    """The package that installed `path` (trying the /usr-merged spellings too), e.g. "libc6:amd64"."""
    candidates = [path, os.path.realpath(path)]
    for candidate in list(candidates):
        if candidate.startswith("/usr/lib/"):
            candidates.append(candidate.removeprefix("/usr"))
        elif candidate.startswith("/lib/"):
            candidates.append("/usr" + candidate)
    for candidate in dict.fromkeys(candidates):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if result.returncode == 0:  # "libc6:amd64: /lib/x86_64-linux-gnu/libc.so.6"
            return result.stdout.split(": ", 1)[0].split(",")[0].strip()
    raise DependencyError(f"no installed package owns {path}")


def _info_files(package: str, kind: str) -> list[Path]:
    info = Path("/var/lib/dpkg/info")
    return [
        p
        for p in (info / f"{package}.{kind}", *sorted(info.glob(f"{package.split(':', maxsplit=1)[0]}:*.{kind}")))
        if p.is_file()
    ]


def _symbols_minimum(package: str, soname: str, used: set[str]) -> str | None:
    """The oldest version of `package` that has every symbol in `used`, from its symbols file (as
    dpkg-shlibdeps computes it); None if the package has no symbols file for `soname`."""
    table: dict[str, str] | None = None  # the section for `soname`: symbol -> first version with it
    for path in _info_files(package, "symbols"):
        in_section = False
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.startswith((" ", "|", "*", "#")):  # "libc.so.6 libc6 #MINVER#" starts a library
                in_section = line.split(" ", 1)[0] == soname
                if in_section:
                    table = {}
            elif in_section and table is not None and (match := _SYMBOL_LINE.match(line)):
                table[match[1]] = match[2]
    if table is None:
        return None
    versions = {table[symbol] for symbol in used if symbol in table}
    return max(versions, key=_DebianVersionKey) if versions else ""


# " memcpy@GLIBC_2.14 2.14" or " (arch=amd64)name@Base 1.0" (demangled "(c++)" names are quoted: skipped)
_SYMBOL_LINE = re.compile(r"\s+(?:\([^)]*\))?([^\s\"]+) (\S+)")


class _DebianVersionKey:
    """Orders Debian version strings the way dpkg does (asks dpkg --compare-versions)."""

    def __init__(self, version: str) -> None:
        self.version = version

    def __lt__(self, other: _DebianVersionKey) -> bool:
        result = subprocess.run(["dpkg", "--compare-versions", self.version, "lt", other.version], check=False)
        return result.returncode == 0


def _shlibs_dependency(package: str, soname: str) -> str | None:
    """The dependency the library package declares for programs linking to `soname` (its shlibs file),
    e.g. 'libc6 (>= 2.36)'; None if it declares none."""
    match = re.match(r"(.+?)\.so\.(.+)$", soname) or re.match(r"(.+?)-([0-9.]+)\.so$", soname)
    if match is None:
        return None
    name, soversion = match.groups()
    for shlibs in _info_files(package, "shlibs"):
        for line in shlibs.read_text(encoding="utf-8", errors="replace").splitlines():
            fields = line.split(None, 2)
            if len(fields) == 3 and fields[0] == name and fields[1] == soversion:
                return fields[2].split(",")[0].strip()
    return None


def _architecture_tag() -> str:
    """How `ldconfig -p` names this machine's architecture."""
    machine = os.uname().machine
    return {"x86_64": "x86-64", "aarch64": "AArch64", "i686": "i386"}.get(machine, machine)


def dependency(package: str, soname: str, used: set[str]) -> str:
    """'pkg (>= version)' for one system library: the version from the symbols the bundle uses when the
    package has a symbols file, else what its shlibs file declares, else the bare package name."""
    name = package.split(":", maxsplit=1)[0]
    minimum = _symbols_minimum(package, soname, used)
    if minimum is not None:  # "" (no symbol found) and "0" (any version) both mean: no version needed
        return f"{name} (>= {minimum})" if minimum not in ("", "0") else name
    return _shlibs_dependency(package, soname) or name


def _dependency_version(entry: str) -> _DebianVersionKey:
    return _DebianVersionKey(entry.split(">= ", 1)[1].rstrip(")"))


def depends(bundle: Path) -> list[str]:
    """The Depends entries, one per package, sorted, e.g. ['libc6 (>= 2.34)', 'libxcb1 (>= 1.12)']."""
    used = used_from_system(bundle)
    paths = _ldconfig_paths(_architecture_tag())
    missing = sorted(soname for soname in used if soname not in paths)
    if missing:
        raise DependencyError(f"the bundle links to libraries this machine does not have: {', '.join(missing)}")
    by_package: dict[str, list[str]] = {}
    for soname in sorted(used):
        package = _owner(paths[soname])
        by_package.setdefault(package, []).append(dependency(package, soname, used[soname]))
    merged = []
    for entries in by_package.values():
        versioned = [e for e in entries if "(" in e]
        merged.append(max(versioned, key=_dependency_version) if versioned else entries[0])
    return sorted(merged)


if __name__ == "__main__":
    print(", ".join(depends(Path(sys.argv[1]))))
