"""A file's real type comes from its content, never its name; image sizes come from headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import media
from desktop.core.attachments import AttachmentRefused, Refusal, inspect_bytes, inspect_file
from desktop.core.attachments.text import refusal_text
from tests.images import GIF_1X1, image_bytes


@pytest.mark.parametrize(("fmt", "kind"), [("PNG", "png"), ("JPEG", "jpeg"), ("WEBP", "webp"), ("BMP", "bmp")])
def test_qt_images_are_sniffed_and_measured(fmt: str, kind: str) -> None:
    data = image_bytes(fmt, 123, 45)
    assert media.sniff(data).name == kind
    assert media.sniff(data).image
    assert media.image_size(data) == (123, 45)


def test_gif_pdf_zip_text_and_unknown() -> None:
    assert media.sniff(GIF_1X1).name == "gif"
    assert media.image_size(GIF_1X1) == (1, 1)
    assert media.sniff(b"%PDF-1.7\n...").name == "pdf"
    assert media.sniff(b"PK\x03\x04rest").name == "zip"
    assert media.sniff("你好，世界\nhello".encode()).name == "text"
    assert media.sniff("你好，世界".encode("gbk")).name == "text"
    assert media.sniff(bytes(range(256))).name == "unknown"
    assert media.sniff(b"MZ\x90\x00").name == "exe"


def test_a_png_named_jpg_is_refused_naming_the_real_type(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(image_bytes("PNG"))
    with pytest.raises(AttachmentRefused) as caught:
        inspect_file(path)
    assert caught.value.reason is Refusal.TYPE_MISMATCH
    assert caught.value.real is not None and caught.value.real.name == "png"
    assert refusal_text(caught.value) == (
        "photo.jpg is really a PNG image, not a JPEG image. Give it the right extension and attach it again."
    )
    assert path.name == "photo.jpg"  # never renamed


def test_empty_missing_and_too_large(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(AttachmentRefused) as caught:
        inspect_file(empty)
    assert caught.value.reason is Refusal.EMPTY
    with pytest.raises(AttachmentRefused) as caught:
        inspect_file(tmp_path / "nope.pdf")
    assert caught.value.reason is Refusal.MISSING
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(AttachmentRefused) as caught:
        inspect_file(big, limit=1024)
    assert caught.value.reason is Refusal.TOO_LARGE
    assert "up to 1 KB" in refusal_text(caught.value)


def test_a_good_file_is_described(tmp_path: Path) -> None:
    path = tmp_path / "截图.png"
    data = image_bytes("PNG", 300, 200)
    path.write_bytes(data)
    checked = inspect_file(path)
    assert (checked.name, checked.size, checked.kind.name, checked.dimensions) == (
        "截图.png",
        len(data),
        "png",
        (300, 200),
    )
    assert checked.is_image
    assert checked.sha256 == inspect_bytes("x.png", data).sha256


def test_unknown_extensions_accept_any_content() -> None:
    assert inspect_bytes("README", b"just text").kind.name == "text"
    assert inspect_bytes("data.bin", bytes(range(256))).kind.name == "unknown"


def test_human_size() -> None:
    assert media.human_size(0) == "0 B"
    assert media.human_size(1536) == "1.5 KB"
    assert media.human_size(512 * 1024 * 1024) == "512 MB"


def test_refusals_are_said_in_chinese_too_and_unrecognised_content_as_damaged(tmp_path: Path) -> None:
    """The CLI and the window share these sentences; `ask` in a zh locale said them in English."""
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(image_bytes("PNG"))
    with pytest.raises(AttachmentRefused) as caught:
        inspect_file(photo)
    assert (
        refusal_text(caught.value, "zh_CN")
        == "photo.jpg 实际上是 PNG 图片，而不是 JPEG 图片。请改成正确的扩展名后重新添加。"
    )
    noise = tmp_path / "scan.pdf"
    noise.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(AttachmentRefused) as caught:
        inspect_file(noise)
    assert refusal_text(caught.value) == (
        "scan.pdf is damaged or its format cannot be recognised (it is not a valid PDF document). "
        "Open it on this computer to check it, or attach a good copy."
    )
    assert "损坏" in refusal_text(caught.value, "zh")
    assert all(kind.label_zh for kind in media.KINDS.values())  # every type has its Chinese name
