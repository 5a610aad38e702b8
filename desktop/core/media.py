"""What a file really is, read from its first bytes (never from its name), and an image's size.

Shared by the client (checks before an upload) and the local Coze server (which refuses a file
whose content does not match its extension, as Coze does with error 4000). Standard library only.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import PurePath

SNIFF_BYTES = 4096  # enough for every signature and image header below (JPEG's SOF may be later)


@dataclass(frozen=True)
class Kind:
    """A family of files: `name` is stable (stored, compared); `label` is English for people, `label_zh` Chinese
    (the core has no Qt, so no tr(): `label_in` picks the language, as `desktop.core.coze.error_text` does)."""

    name: str
    label: str
    image: bool = False
    mime: str = "application/octet-stream"
    label_zh: str = ""

    def label_in(self, language: str) -> str:
        """The label in `language` ("zh…" for Chinese, anything else English)."""
        return self.label_zh if language.lower().startswith("zh") and self.label_zh else self.label


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("png", "PNG image", True, "image/png", label_zh="PNG 图片"),
        Kind("jpeg", "JPEG image", True, "image/jpeg", label_zh="JPEG 图片"),
        Kind("gif", "GIF image", True, "image/gif", label_zh="GIF 图片"),
        Kind("webp", "WebP image", True, "image/webp", label_zh="WebP 图片"),
        Kind("bmp", "BMP image", True, "image/bmp", label_zh="BMP 图片"),
        Kind("tiff", "TIFF image", True, "image/tiff", label_zh="TIFF 图片"),
        Kind("heic", "HEIC image", True, "image/heic", label_zh="HEIC 图片"),
        Kind("pdf", "PDF document", mime="application/pdf", label_zh="PDF 文档"),
        Kind(
            "zip",
            "ZIP archive (or an Office/Numbers document)",
            mime="application/zip",
            label_zh="ZIP 压缩包（或 Office/Numbers 文档）",
        ),
        Kind(
            "ole",
            "old Office document (.doc/.xls/.ppt)",
            mime="application/msword",
            label_zh="旧版 Office 文档（.doc/.xls/.ppt）",
        ),
        Kind("rar", "RAR archive", mime="application/vnd.rar", label_zh="RAR 压缩包"),
        Kind("7z", "7-Zip archive", mime="application/x-7z-compressed", label_zh="7-Zip 压缩包"),
        Kind("gzip", "gzip archive", mime="application/gzip", label_zh="gzip 压缩包"),
        Kind("bzip2", "bzip2 archive", mime="application/x-bzip2", label_zh="bzip2 压缩包"),
        Kind("wav", "WAV audio", mime="audio/wav", label_zh="WAV 音频"),
        Kind("mp3", "MP3 audio", mime="audio/mpeg", label_zh="MP3 音频"),
        Kind("flac", "FLAC audio", mime="audio/flac", label_zh="FLAC 音频"),
        Kind("ogg", "Ogg audio", mime="audio/ogg", label_zh="Ogg 音频"),
        Kind("aac", "AAC audio", mime="audio/aac", label_zh="AAC 音频"),
        Kind("midi", "MIDI file", mime="audio/midi", label_zh="MIDI 文件"),
        Kind("mp4", "MP4/QuickTime video or audio", mime="video/mp4", label_zh="MP4/QuickTime 视频或音频"),
        Kind("matroska", "WebM/Matroska video", mime="video/webm", label_zh="WebM/Matroska 视频"),
        Kind("avi", "AVI video", mime="video/x-msvideo", label_zh="AVI 视频"),
        Kind("asf", "Windows Media file", mime="video/x-ms-asf", label_zh="Windows Media 文件"),
        Kind("flv", "Flash video", mime="video/x-flv", label_zh="Flash 视频"),
        Kind("rmvb", "RealMedia video", mime="application/vnd.rn-realmedia-vbr", label_zh="RealMedia 视频"),
        Kind("text", "text file", mime="text/plain", label_zh="文本文件"),
        Kind(
            "exe",
            "program (Windows executable)",
            mime="application/vnd.microsoft.portable-executable",
            label_zh="程序（Windows 可执行文件）",
        ),
        Kind("elf", "program (Linux executable)", mime="application/x-executable", label_zh="程序（Linux 可执行文件）"),
        Kind("unknown", "file of an unknown type", label_zh="无法识别类型的文件"),
    )
}
COZE_PICTURE = Kind(
    "coze_picture", "picture on Coze", True, "image/*", label_zh="扣子上的图片"
)  # its real type is Coze's to know

# extension -> the kinds its content may be
EXTENSIONS: dict[str, frozenset[str]] = {
    **{ext: frozenset({"jpeg"}) for ext in ("jpg", "jpeg", "jpe", "jfif")},
    "png": frozenset({"png"}),
    "gif": frozenset({"gif"}),
    "webp": frozenset({"webp"}),
    "bmp": frozenset({"bmp"}),
    **{ext: frozenset({"tiff"}) for ext in ("tif", "tiff")},
    **{ext: frozenset({"heic"}) for ext in ("heic", "heif")},
    "pdf": frozenset({"pdf"}),
    **{ext: frozenset({"zip"}) for ext in ("zip", "docx", "xlsx", "pptx", "numbers", "pages", "key")},
    **{ext: frozenset({"ole"}) for ext in ("doc", "xls", "ppt")},
    "rar": frozenset({"rar"}),
    "7z": frozenset({"7z"}),
    **{ext: frozenset({"gzip"}) for ext in ("gz", "gzip", "tgz")},
    "bz2": frozenset({"bzip2"}),
    "wav": frozenset({"wav"}),
    "mp3": frozenset({"mp3"}),
    "flac": frozenset({"flac"}),
    "ogg": frozenset({"ogg"}),
    "aac": frozenset({"aac"}),
    **{ext: frozenset({"midi"}) for ext in ("mid", "midi")},
    **{ext: frozenset({"mp4"}) for ext in ("mp4", "m4a", "m4v", "mov", "3gp", "3gpp")},
    **{ext: frozenset({"matroska"}) for ext in ("webm", "mkv")},
    "avi": frozenset({"avi"}),
    **{ext: frozenset({"asf"}) for ext in ("wma", "wmv")},
    "flv": frozenset({"flv"}),
    "rmvb": frozenset({"rmvb"}),
    **{
        ext: frozenset({"text"})
        for ext in ("txt", "md", "csv", "tsv", "json", "py", "c", "h", "cpp", "cc", "hpp", "java", "js", "ts", "html")
    },
    **{ext: frozenset({"text"}) for ext in ("xml", "yaml", "yml", "log", "ini", "toml", "sql", "go", "rs", "sh")},
}


def extension(name: str) -> str:
    suffix = PurePath(name).suffix
    return suffix[1:].lower() if suffix else ""


def sniff(head: bytes) -> Kind:
    """The kind of a file from its first bytes (at least `SNIFF_BYTES` of them when it is longer)."""
    return KINDS[_sniff_name(head)]


def _sniff_name(b: bytes) -> str:
    if b.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if b.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if b.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if b[:4] == b"RIFF" and b[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "webp", b"WAVE": "wav", b"AVI ": "avi"}[b[8:12]]
    if (
        b.startswith(b"BM")
        and len(b) >= 26
        and b[14:18] in (b"\x0c\0\0\0", b"(\0\0\0", b"@\0\0\0", b"l\0\0\0", b"|\0\0\0")
    ):
        return "bmp"
    if b.startswith((b"II*\0", b"MM\0*")):
        return "tiff"
    if b[4:8] == b"ftyp":
        return "heic" if b[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"avif") else "mp4"
    for signature, name in _SIGNATURES:
        if b.startswith(signature):
            return name
    if b[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "mp3"
    if b[:2] in (b"\xff\xf1", b"\xff\xf9"):
        return "aac"
    return "text" if _looks_like_text(b) else "unknown"


_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"ID3", "mp3"),
    (b"fLaC", "flac"),
    (b"OggS", "ogg"),
    (b"MThd", "midi"),
    (b"\x1a\x45\xdf\xa3", "matroska"),
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "asf"),
    (b"FLV", "flv"),
    (b".RMF", "rmvb"),
    (b"MZ", "exe"),
    (b"\x7fELF", "elf"),
)


def _looks_like_text(b: bytes) -> bool:
    if not b or b"\0" in b:
        return False
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if b.startswith(bom):
            return True
    try:
        b.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(b) - 3:  # only a character cut at the end of the sample is forgiven
            try:
                b.decode("gb18030")  # Chinese text files are often GBK
            except UnicodeDecodeError:
                return False
    controls = sum(1 for c in b if c < 32 and c not in (9, 10, 12, 13, 27))
    return controls <= len(b) // 100


def matches_extension(name: str, kind: Kind) -> bool:
    """Whether a file called `name` may hold content of `kind` (unknown extensions match anything)."""
    allowed = EXTENSIONS.get(extension(name))
    return allowed is None or kind.name in allowed


def expected_kind(name: str) -> Kind | None:
    """The kind the name promises, when its extension promises exactly one."""
    allowed = EXTENSIONS.get(extension(name))
    if allowed is None or len(allowed) != 1:
        return None
    return KINDS[next(iter(allowed))]


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF, JPEG, WebP or BMP from its header; None when unknown."""
    try:
        return _image_size(data)
    except (struct.error, IndexError, ValueError):
        return None


def _image_size(b: bytes) -> tuple[int, int] | None:
    name = _sniff_name(b[:SNIFF_BYTES])
    if name == "png" and b[12:16] == b"IHDR":
        w, h = struct.unpack(">II", b[16:24])
        return int(w), int(h)
    if name == "gif":
        w, h = struct.unpack("<HH", b[6:10])
        return int(w), int(h)
    if name == "bmp":
        w, h = struct.unpack("<ii", b[18:26])
        return abs(int(w)), abs(int(h))
    if name == "webp":
        return _webp_size(b)
    if name == "jpeg":
        return _jpeg_size(b)
    return None


def _webp_size(b: bytes) -> tuple[int, int] | None:
    chunk = b[12:16]
    if chunk == b"VP8 ":
        w, h = struct.unpack("<HH", b[26:30])
        return int(w) & 0x3FFF, int(h) & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(b[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(b[24:27], "little") + 1, int.from_bytes(b[27:30], "little") + 1
    return None


_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


def _jpeg_size(b: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(b):
        if b[i] != 0xFF:
            return None
        marker = b[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        length = int.from_bytes(b[i + 2 : i + 4], "big")
        if marker in _SOF:
            h, w = struct.unpack(">HH", b[i + 5 : i + 9])
            return int(w), int(h)
        i += 2 + length
    return None


def human_size(size: int) -> str:
    """1536 -> '1.5 KB' (decimal-looking units of 1024, as file managers show)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}".replace(".0 ", " ")
        value /= 1024
    return f"{size} B"
