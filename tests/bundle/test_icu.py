"""tools/bundle/icu.py: which ICU data items are kept, the package format written back, and the copy
the build ships (or the original, when a copy cannot be made)."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest
from PySide6 import __file__ as pyside_init

from tools.bundle import icu
from tools.bundle.icu import ALIGN, build_package, keep, read_package, trimmed_copy

QT_LIB = Path(pyside_init).parent / "Qt" / "lib"


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("icudt73l/zh.res", True),
        ("icudt73l/zh_Hans_CN.res", True),
        ("icudt73l/en_US_POSIX.res", True),
        ("icudt73l/root.res", True),
        ("icudt73l/fr.res", False),
        ("icudt73l/es_419.res", False),
        ("icudt73l/supplementalData.res", True),
        ("icudt73l/zoneinfo64.res", True),
        ("icudt73l/cnvalias.icu", True),
        ("icudt73l/gb18030.cnv", True),
        ("icudt73l/ibm-37_P100-1995.cnv", False),
        ("icudt73l/coll/zh.res", True),
        ("icudt73l/coll/ko.res", False),
        ("icudt73l/coll/ucadata.icu", True),
        ("icudt73l/zone/en.res", True),
        ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/translit/root.res", False),
    ],
)
def test_icu_items_kept(name: str, kept: bool) -> None:
    assert keep(name) is kept


def test_icu_package_round_trip() -> None:
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + struct.pack("<HHBBBB", 20, 0, 0, 0, 2, 0) + b"CmnD" + bytes(16)
    items = {"icudt73l/b.res": b"B" * 20, "icudt73l/a.icu": b"A" * 3, "icudt73l/coll/zh.res": b"Z" * 16}
    blob = build_package(header, items)
    parsed_header, parsed = icu._parse(blob)
    assert parsed_header == header
    assert list(parsed) == sorted(items)  # ICU binary-searches the names
    for name, data in items.items():
        assert parsed[name][: len(data)] == data and not parsed[name][len(data) :].strip(b"\0")
        assert (blob.index(data) - len(header)) % ALIGN == 0


def test_a_file_that_is_not_icu_data_keeps_the_original(tmp_path: Path) -> None:
    src = tmp_path / "libicudata.so.73"
    src.write_bytes(b"not an ELF library")
    said: list[str] = []
    assert trimmed_copy(str(src), tmp_path / "work", said.append) == str(src)
    assert len(said) == 1 and said[0].startswith("build.spec: WARNING: keeping the full ICU data")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF and binutils")
def test_the_real_icu_data_is_trimmed_to_english_and_chinese(tmp_path: Path) -> None:
    src = next(QT_LIB.glob("libicudata.so.*"))
    said: list[str] = []
    dest = Path(trimmed_copy(str(src), tmp_path, said.append))
    assert dest == tmp_path / "trimmed-icu" / src.name
    assert dest.stat().st_size < src.stat().st_size / 4  # 32 MB -> 5.5 MB with PySide6 6.12
    original, trimmed = read_package(src), read_package(dest)
    assert (trimmed.symbol, trimmed.soname) == (original.symbol, original.soname)  # what QtCore looks up
    assert set(trimmed.items) == {name for name in original.items if keep(name)}
    assert any(name.endswith("/zh_Hans_CN.res") for name in trimmed.items)
    assert said == [
        f"build.spec: ICU data trimmed to {len(trimmed.items)} of {len(original.items)} items "
        f"({dest.stat().st_size / 1e6:.1f} MB)"
    ]
