"""Make a smaller copy of ICU's data library (libicudata.so.NN) for the packaged app (build.spec, via trim.py).

Qt links ICU, and ICU's data library is the biggest file in the bundle (31 MB): every locale's
names, currencies, units, transliterators, dictionaries for Thai/Khmer/CJK word breaking, and 200
legacy character sets. Qt calls only a few ICU functions (`nm -D --undefined-only libQt6Core.so.6 |
grep _NN`): collation (QCollator, e.g. sorting file names), locale-aware case mapping, time zone names
and calendars (QTimeZone), and converters for encodings Qt does not implement itself. This keeps
what those need for English and Chinese (and the locale-independent tables), and drops the rest:

  - locale bundles, in every tree: only root, en*, zh* (plus each tree's res_index and pool);
  - trees Qt never reaches: brkitr (word/line breaking dictionaries; Qt has its own), translit
    (transliterators), rbnf (numbers spelled out);
  - converters (*.cnv): Qt converts UTF-8/16/32 and Latin-1 itself and the app has no legacy
    encodings; only the Chinese ones (GB18030, GBK, GB2312, Big5) and Windows-1252 stay. The alias
    table stays too, so asking for another charset fails cleanly (QStringDecoder.isValid() is False).

ICU never crashes on missing data: a lookup outside the kept set falls back to root or reports
U_MISSING_RESOURCE_ERROR, which Qt handles (e.g. a collator for Thai sorts by the root order).

The package format is ICU's "common data" (ucmndata.h): a data header, then a table of contents
(count, then count x (name offset, data offset), offsets from the start of the table, names sorted),
then the items, each 16-byte aligned. The new package is wrapped into a shared library with the same
soname and the same `icudtNN_dat` symbol using binutils (`as`, `ld`).

    python -m tools.bundle.icu SRC_LIBICUDATA DEST_LIBICUDATA     # prints what it kept
"""

from __future__ import annotations

import argparse
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# Locale bundles are named like af.res, es_419.res, zh_Hant_TW.res, en_US_POSIX.res (and every tree has
# res_index.res and pool.res); locale-independent ones are camelCase (supplementalData.res).
LOCALE_BUNDLE = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]+)*\.res")
LOCALES_KEPT = re.compile(r"(root|en|en_[A-Za-z0-9_]+|zh|zh_[A-Za-z0-9_]+|res_index|pool)\.res")
TREES_DROPPED = {"brkitr", "translit", "rbnf"}  # word breaking, transliteration, spell-out: Qt never calls them
# Legacy character sets a Chinese user may still meet (e.g. text/plain;charset=GBK on the clipboard):
# GB18030, GBK (windows-936 on its ibm-1386 base), GB2312 (ibm-1383), Big5 (windows-950 on ibm-1373),
# and Windows-1252. About 0.5 MB of the 5 MB of converters.
CONVERTERS_KEPT = re.compile(
    r"(gb18030|windows-936-2000|ibm-1386_P100-2001|ibm-1383_P110-1999|windows-950-2000|ibm-1373_P100-2002|ibm-5348_P100-1997)\.cnv"
)
ALIGN = 16


class TrimError(RuntimeError):
    """The library is not what this tool understands; the caller should keep the original."""


@dataclass(frozen=True)
class Package:
    symbol: str  # icudt73_dat
    soname: str  # libicudata.so.73
    header: bytes  # the package's own data header (magic, "CmnD", versions), kept as is
    items: dict[str, bytes]  # "icudt73l/coll/zh.res" -> the item (with its own header)


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def read_package(lib: Path) -> Package:
    """The common data package the library exports (found through `nm` and `readelf`)."""
    symbols = [line.split() for line in _run("nm", "-D", "-S", "--defined-only", str(lib)).splitlines()]
    found = [s for s in symbols if len(s) == 4 and re.fullmatch(r"icudt\d+_dat", s[3])]
    if len(found) != 1:
        raise TrimError(f"{lib}: expected one icudtNN_dat symbol, found {len(found)}")
    address, size, symbol = int(found[0][0], 16), int(found[0][1], 16), found[0][3]
    soname = re.search(r"\(SONAME\)\s+Library soname: \[(.+)\]", _run("readelf", "-dW", str(lib)))
    if soname is None:
        raise TrimError(f"{lib}: no soname")
    data = lib.read_bytes()
    for line in _run("readelf", "-lW", str(lib)).splitlines():
        fields = line.split()
        if fields[:1] == ["LOAD"]:
            offset, vaddr, _paddr, filesz = (int(x, 16) for x in fields[1:5])
            if vaddr <= address and address + size <= vaddr + filesz:
                blob = data[offset + address - vaddr : offset + address - vaddr + size]
                break
    else:
        raise TrimError(f"{lib}: {symbol} is not in a loaded segment")
    return Package(symbol, soname.group(1), *_parse(blob))


def _parse(blob: bytes) -> tuple[bytes, dict[str, bytes]]:
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != b"\xda\x27" or blob[12:16] != b"CmnD" or blob[8] != 0:  # magic, format, little-endian
        raise TrimError("not a little-endian ICU common data package")
    count = struct.unpack_from("<I", blob, header_size)[0]
    entries = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    items = {}
    for i, (name_offset, data_offset) in enumerate(entries):
        start = header_size + name_offset
        name = blob[start : blob.index(b"\0", start)].decode("ascii")
        end = header_size + entries[i + 1][1] if i + 1 < count else len(blob)
        items[name] = blob[header_size + data_offset : end]
    return blob[:header_size], items


def build_package(header: bytes, items: dict[str, bytes]) -> bytes:
    names = sorted(items)  # ICU finds items by binary search over the names
    table_size = 4 + 8 * len(names)
    name_block = b"".join(name.encode("ascii") + b"\0" for name in names)
    data_offset = _aligned(table_size + len(name_block))
    table = bytearray(struct.pack("<I", len(names)))
    body = bytearray()
    name_offset = table_size
    for name in names:
        table += struct.pack("<II", name_offset, data_offset + len(body))
        name_offset += len(name) + 1
        body += items[name] + b"\0" * (_aligned(len(items[name])) - len(items[name]))
    contents = bytes(table) + name_block
    return header + contents + b"\0" * (data_offset - len(contents)) + bytes(body)


def _aligned(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def keep(name: str) -> bool:
    """Whether item "icudt73l/<tree>/<leaf>" is needed (see the module docstring)."""
    tree, _, leaf = name.split("/", 1)[1].rpartition("/")
    if tree in TREES_DROPPED:
        return False
    if not tree and leaf.endswith(".cnv"):
        return bool(CONVERTERS_KEPT.fullmatch(leaf))
    if LOCALE_BUNDLE.fullmatch(leaf):
        return bool(LOCALES_KEPT.fullmatch(leaf))
    return True  # locale-independent: supplementalData.res, zoneinfo64.res, coll/ucadata.icu, cnvalias.icu ...


def write_library(package: Package, dest: Path) -> None:
    """A shared library with the same soname exporting the same symbol, holding `package`."""
    for tool in ("as", "ld"):
        if shutil.which(tool) is None:
            raise TrimError(f"`{tool}` (binutils) is not installed")
    blob = build_package(package.header, {n: d for n, d in package.items.items() if keep(n)})
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "icu.dat").write_bytes(blob)
        (Path(tmp) / "icu.s").write_text(
            "\t.section .rodata\n\t.balign 16\n"
            f"\t.globl {package.symbol}\n\t.type {package.symbol}, @object\n"
            f'{package.symbol}:\n\t.incbin "icu.dat"\n\t.size {package.symbol}, . - {package.symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n',  # no executable stack
            encoding="ascii",
        )
        subprocess.run(["as", "-o", "icu.o", "icu.s"], cwd=tmp, check=True)
        subprocess.run(
            ["ld", "-shared", "-soname", package.soname, "-z", "noexecstack", "-o", str(dest.resolve()), "icu.o"],
            cwd=tmp,
            check=True,
        )
    written = read_package(dest)
    if written.symbol != package.symbol or written.items != {n: d for n, d in package.items.items() if keep(n)}:
        raise TrimError(f"{dest}: the written package does not read back")


def trim(src: Path, dest: Path) -> tuple[int, int]:
    """Write the trimmed copy of `src` to `dest`; returns (items kept, items dropped)."""
    package = read_package(src)
    write_library(package, dest)
    kept = sum(1 for name in package.items if keep(name))
    return kept, len(package.items) - kept


def trimmed_copy(src: str, workdir: Path, log: Callable[[str], object] = print) -> str:
    """The trimmed copy of `src` written under `workdir`, or `src` itself if it cannot be made here (a
    library this tool does not understand, binutils missing): the build goes on with the full data."""
    dest = workdir / "trimmed-icu" / Path(src).name
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        kept, dropped = trim(Path(src), dest)
    except (TrimError, subprocess.CalledProcessError, OSError) as exc:
        log(f"build.spec: WARNING: keeping the full ICU data ({exc})")
        return src
    log(f"build.spec: ICU data trimmed to {kept} of {kept + dropped} items ({dest.stat().st_size / 1e6:.1f} MB)")
    return str(dest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--list", action="store_true", help="print the names of the kept items")
    args = parser.parse_args(argv)
    try:
        kept, dropped = trim(args.src, args.dest)
    except (TrimError, subprocess.CalledProcessError, OSError) as exc:
        print(f"trim_icu: {exc}", file=sys.stderr)
        return 1
    if args.list:
        for name in sorted(read_package(args.dest).items):
            print(name)
    before, after = args.src.stat().st_size / 1e6, args.dest.stat().st_size / 1e6
    print(f"trim_icu: kept {kept} items, dropped {dropped}: {before:.1f} MB -> {after:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
