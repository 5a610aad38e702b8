"""Make the text of a PDF that QPdfWriter wrote extractable as the characters it shows (search, copy,
pdftotext), for Chinese in particular.

QPdfWriter tells readers which character each glyph is (the font's ToUnicode map) by asking the font
which code point gives that glyph, lowest code point first. CJK fonts (Noto Sans CJK, Source Han Sans)
draw a radical and the ideograph it looks like with one glyph, so 入门 comes out of the PDF as the
radicals ⼊⻔ (U+2F0A, U+2EE8): it looks right but cannot be found or copied. This rewrites each such
entry of the ToUnicode maps to the ideograph (Unicode's EquivalentUnifiedIdeograph.txt; the Kangxi
radicals are their NFKC form), in place: every entry keeps its length, so no offset of the file moves.
A range entry of consecutive radicals (`<lo> <hi> <start>`) is left alone; Qt writes one only for
glyphs first used in that order, which text practically never does.

Pure Python (no Qt): the file is mapped, not read into memory.
"""

from __future__ import annotations

import mmap
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

# CJK radicals and strokes whose NFKC form is not their ideograph: pairs of 4-digit hex code points,
# generated from Unicode 15.0's EquivalentUnifiedIdeograph.txt.
_TABLE = (
    "2E8153822E824E5B2E834E5A2E844E592E854EBB2E8651822E8852002E8952022E8A535C2E8B353E2E8C5C0F2E8D5C0F"
    "2E8E51402E8F5C232E905C222E925DF32E935E7A2E945F512E965FC42E975FC32E98624C2E9965352E9B65E12E9C65E5"
    "2E9D67082E9E6B7A2EA06C112EA16C352EA26C3A2EA3706C2EA4722B2EA5722B2EA64E2C2EA7725B2EA872AD2EA9738B"
    "2EAB76EE2EAC793A2EAD793B2EAF7CF92EB07E9F2EB17F532EB27F522EB334C12EB451972EB67F8A2EB980022EBA8080"
    "2EBB807F2EBC80892EBE82792EBF82792EC082792EC1864E2EC288642EC389802EC4897F2EC589C12EC689D22EC88BA0"
    "2EC98D1D2ECB8F662ECC8FB62ECD8FB62ECE8FB62ECF90912ED094852ED195772ED295782ED3957F2ED495E82ED6961D"
    "2ED796E82ED897522ED997E62EDA98752EDB98CE2EDC98DE2EDD98DF2EDF98E02EE099632EE29A6C2EE39AA82EE49B3C"
    "2EE59C7C2EE69E1F2EE753642EE89EA62EE99EC42EEA9EFE2EEB65892EEC9F502EED6B6F2EEE9F7F2EEF7ADC2EF09F99"
    "2EF19F9C2EF24E8031CF4E4031D04E0031D14E2831D24E3F31D34E3F31D44E3631D64E5B31DA4E8531DD4E4031DF4E5A"
    "31E04E59"
)
EQUIVALENT: dict[int, int] = {
    int(_TABLE[i : i + 4], 16): int(_TABLE[i + 4 : i + 8], 16) for i in range(0, len(_TABLE), 8)
}
_REFERENCE = re.compile(rb"/ToUnicode\s+(\d+)\s+0\s+R")
_ARRAY = re.compile(rb"\[([^\]]*)\]")
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")
# `<glyph> <char>` (bfchar), or `<lo> <hi> <char>` (bfrange) whose range is one glyph.
_SINGLE = re.compile(rb"(?m)^(<([0-9A-Fa-f]{4})>[ \t]*(?:<([0-9A-Fa-f]{4})>[ \t]*)?)<([0-9A-Fa-f]{4})>[ \t]*\r?$")


def ideograph(code: int, preferred: Mapping[int, int] | None = None) -> int:
    """The unified ideograph a radical or stroke stands for (`code` itself for anything else);
    `preferred` first (what the font itself draws with the radical's glyph), then Unicode's."""
    if preferred is not None and code in preferred:
        return preferred[code]
    if 0x2F00 <= code <= 0x2FDF:
        normal = unicodedata.normalize("NFKC", chr(code))
        return ord(normal) if len(normal) == 1 else code
    return EQUIVALENT.get(code, code)


def fix_cmap(text: bytes, preferred: Mapping[int, int] | None = None) -> bytes:
    """A ToUnicode CMap with radicals mapped to ideographs; the same length as `text`."""

    def char(code: bytes) -> bytes:
        return b"<%04X>" % ideograph(int(code, 16), preferred)

    def single(match: re.Match[bytes]) -> bytes:
        lo, hi = match.group(2), match.group(3)
        if hi is not None and int(hi, 16) != int(lo, 16):
            return match.group(0)  # a range of consecutive characters: see the module's docstring
        return match.group(1) + char(match.group(4)) + match.group(0)[match.end(4) - match.start(0) + 1 :]

    text = _ARRAY.sub(lambda m: b"[" + _HEX.sub(lambda h: char(h.group(1)), m.group(1)) + b"]", text)
    return _SINGLE.sub(single, text)


def fix_text_map(path: Path, preferred: Mapping[int, int] | None = None) -> int:
    """Rewrite the ToUnicode maps of the PDF at `path` in place; how many maps changed."""
    changed = 0
    with path.open("r+b") as file, mmap.mmap(file.fileno(), 0) as data:
        for number in sorted({int(m.group(1)) for m in _REFERENCE.finditer(data)}):
            found = re.search(rb"(?:^|\n)%d 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n" % number, data)
            if found is None:
                continue
            start, length = found.end(), int(found.group(1))
            old = data[start : start + length]
            new = fix_cmap(old, preferred)
            if new != old and len(new) == len(old):
                data[start : start + length] = new
                changed += 1
        data.flush()
    return changed
