"""The import parses an export a piece at a time (#13: one `json.loads` of a 66 MB file held the GIL, and
froze the window, for ~0.2 s): the same document and the same strictness as `load_export`, whatever
the chunk boundaries, and the C scanner never gets more than one message at a time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.store import InvalidExportFile
from desktop.core.store.transfer import json_stream, load_export
from desktop.core.store.transfer.json_stream import load_export_file


def _document(messages: list[str], extra: Any = None) -> dict[str, Any]:
    return {
        "format": "coze-desktop-export",
        "version": 1,
        "bots": [{"bot_id": "b", "name": "机器人"}],
        "conversations": [
            {
                "id": 1,
                "title": '标题 \u2028 "quoted"',
                "created_at": 1.5e9,
                "follow_ups": [],
                "messages": [
                    {"id": i, "role": "user", "content": text, "n": -0.25e-3} for i, text in enumerate(messages)
                ],
                "extra": extra,
            }
        ],
    }


@pytest.fixture(params=[7, 64, 1 << 20])
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Tiny chunks put a boundary inside every token: strings, numbers, escapes, multi-byte characters."""
    size = int(request.param)
    monkeypatch.setattr(json_stream, "READ_BYTES", size)
    return size


@settings(max_examples=60, deadline=None)
@given(
    messages=st.lists(st.text(max_size=40), max_size=6),
    extra=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=10,
    ),
    indent=st.sampled_from([None, 0, 2]),
    bom=st.booleans(),
)
def test_the_same_document_as_one_json_loads(
    tmp_path_factory: pytest.TempPathFactory, messages: list[str], extra: Any, indent: int | None, bom: bool
) -> None:
    raw = json.dumps(_document(messages, extra), ensure_ascii=False, indent=indent).encode("utf-8")
    raw = (b"\xef\xbb\xbf" if bom else b"") + raw
    path = tmp_path_factory.mktemp("stream") / "export.json"
    path.write_bytes(raw)
    for size in (5, 13, 1 << 20):
        json_stream.READ_BYTES = size
        try:
            assert load_export_file(path) == load_export(raw)
        finally:
            json_stream.READ_BYTES = 1 << 20


HOSTILE = [
    b"",
    b"not json",
    b"null",
    b"[1, 2, 3]",
    b'{"format": "x", "conversations": [], "conversations": []}',
    b'{"conversations": [{"id": 1, "created_at": NaN}]}',
    b'{"conversations": [{"messages": [{"a": 1, "a": 2}]}]}',
    b'{"conversations": [{"created_at": Infinity}]}',
    b'{"a": 1',
    b'{"a": 1,}',
    b'{"a" 1}',
    b'{"a": [1 2]}',
    b'{"a": "unterminated',
    b'{"a": 1} trailing',
    b"\xff\xfe\x00garbage",
    b'{"a": "\xe4\xb8"}',
    b"[" * 100_000 + b"]" * 100_000,
]


@pytest.mark.parametrize("raw", HOSTILE)
def test_what_load_export_refuses_is_refused_too(chunk: int, tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(raw)
    try:
        expected: object = load_export(raw)
    except InvalidExportFile as exc:
        expected = exc
    if isinstance(expected, InvalidExportFile):
        with pytest.raises(InvalidExportFile) as caught:
            load_export_file(path)
        message = str(caught.value)
        assert "\n" not in message and len(message) < 300
        if "at line" in str(expected):  # the same place in the file
            assert message.split(" at line ")[1] == str(expected).split(" at line ")[1]
    else:
        assert load_export_file(path) == expected


def test_an_error_far_into_the_file_names_its_line_and_column(chunk: int, tmp_path: Path) -> None:
    good = json.dumps(_document(["一行\n" * 50] * 300), ensure_ascii=False, indent=1)
    broken = good[: len(good) - 40] + "@" + good[len(good) - 39 :]
    path = tmp_path / "export.json"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(InvalidExportFile) as expected:
        load_export(broken)
    with pytest.raises(InvalidExportFile) as caught:
        load_export_file(path)
    assert str(caught.value) == str(expected.value)


def test_the_c_scanner_gets_one_message_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    messages = [f"消息 {i} " + "字" * 2000 for i in range(200)]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_document(messages), ensure_ascii=False), encoding="utf-8")
    spans: list[int] = []

    class Recording(json.JSONDecoder):
        def raw_decode(self, s: str, idx: int = 0) -> tuple[Any, int]:
            value, end = super().raw_decode(s, idx)
            spans.append(end - idx)
            return value, end

    monkeypatch.setattr(json_stream, "_DECODER", Recording())
    document = load_export_file(path)
    assert len(document["conversations"][0]["messages"]) == 200
    one_message = len(json.dumps(document["conversations"][0]["messages"][0], ensure_ascii=False))
    assert max(spans) <= one_message + 16
    assert path.stat().st_size > 100 * max(spans)  # never the whole file, nor a whole conversation


def test_a_number_cut_by_a_chunk_boundary_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = json.dumps(_document(["x"], [-1.1029177321863614e16, 12345678901234567890, 1e-7, 0, "\\u00e9"])).encode()
    path = tmp_path / "export.json"
    path.write_bytes(raw)
    for size in range(1, 48):  # every boundary through every number
        monkeypatch.setattr(json_stream, "READ_BYTES", size)
        assert load_export_file(path) == load_export(raw), size
