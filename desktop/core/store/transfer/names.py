"""A file name made from a chat's title that every operating system accepts.

Windows is the strictest: no `<>:"/\\|?*` or control characters, no trailing dot or space, no
reserved device names (CON, NUL, COM1... with any extension). Linux and macOS limit a name to 255
bytes of UTF-8, where a Chinese character takes 3; the name is kept well under that, so a suffix
like " (2)", the extension and the temporary name of an atomic write still fit. Chinese, emoji and
every other printable character are kept.
"""

from __future__ import annotations

import re
import unicodedata

MAX_STEM_BYTES = 150
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f]+')
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")
_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?", re.IGNORECASE)


def safe_file_name(title: str, fallback: str, max_bytes: int = MAX_STEM_BYTES) -> str:
    """`title` as a file name without extension (`fallback` when nothing usable is left)."""
    name = unicodedata.normalize("NFC", title)
    name = _INVISIBLE.sub("", name)  # bidi controls could make "exe.txt" show as "txt.exe"
    name = _SPACES.sub(" ", name)  # line breaks and tabs first: they are spaces, not forbidden characters
    name = _FORBIDDEN.sub("_", name)
    name = _shorten(name.strip(" ."), max_bytes).rstrip(" .")
    name = name.lstrip(" .")  # a leading dot hides the file on Linux and macOS
    if not name.strip("_"):
        name = fallback
    if _RESERVED.fullmatch(name):
        name = "_" + name
    return name


def _shorten(name: str, max_bytes: int) -> str:
    if len(name.encode("utf-8", "surrogatepass")) <= max_bytes:
        return name
    kept = 0
    for index, char in enumerate(name):
        kept += len(char.encode("utf-8", "surrogatepass"))
        if kept > max_bytes:
            cut = name[:index]
            # Never leave half of an emoji sequence or a lone combining mark at the end.
            while cut and (unicodedata.combining(cut[-1]) or cut[-1] in "\u200d\ufe0f"):
                cut = cut[:-1]
            return cut
    return name
