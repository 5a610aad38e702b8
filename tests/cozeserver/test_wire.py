"""Pure wire-format builders: ids, logids, JSON style, objects."""

from __future__ import annotations

import json
import random

from desktop.core.cozeserver.deltas import split_deltas, split_even
from desktop.core.cozeserver.wire import (
    Usage,
    chat_object,
    dumps,
    error_body,
    error_message,
    estimate_tokens,
    new_id,
    new_logid,
    verbose_finish_content,
)

from .rawhttp import LOGID


def test_ids_are_19_digit_increasing_and_unique() -> None:
    ids = [new_id() for _ in range(2000)]
    assert all(len(i) == 19 and i.isdigit() for i in ids)
    assert [int(i) for i in ids] == sorted(int(i) for i in set(ids))


def test_logid_is_timestamp_plus_uppercase_hex() -> None:
    logid = new_logid()
    assert LOGID.match(logid)
    assert len(logid) == 34


def test_dumps_is_compact_utf8_with_go_html_escapes() -> None:
    assert dumps({"a": "扣子 <b> & c", "n": None}) == '{"a":"扣子 \\u003cb\\u003e \\u0026 c","n":null}'
    assert json.loads(dumps({"t": "<&>\u2028"})) == {"t": "<&>\u2028"}


def test_verbose_content_matches_coze_exactly() -> None:
    expected = (
        '{"msg_type":"generate_answer_finish","data":"{\\"finish_reason\\":0,\\"FinData\\":\\"\\"}",'
        '"from_module":null,"from_unit":null}'
    )
    assert verbose_finish_content() == expected


def test_chat_object_key_order_like_the_real_service() -> None:
    obj = chat_object(
        chat_id="1",
        conversation_id="2",
        bot_id="3",
        created_at=10,
        section_id="2",
        status="completed",
        usage=Usage(258, 23),
        completed_at=13,
    )
    assert list(obj) == [
        "id",
        "conversation_id",
        "bot_id",
        "created_at",
        "completed_at",
        "last_error",
        "status",
        "usage",
        "section_id",
    ]
    assert obj["usage"] == {"token_count": 281, "output_count": 23, "input_count": 258}


def test_error_body_uses_the_catalog_and_4015_names_the_bot() -> None:
    assert error_body(4100)["msg"].startswith("The token you entered is incorrect.")
    assert set(error_body(4200)) == {"code", "msg"}
    assert "The bot_id 123 has not been published to the channel Agent As API" in error_message(4015, "123")


def test_token_estimate_counts_cjk_and_latin() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("你好世界") >= 3
    assert 2 <= estimate_tokens("hello world, friend") <= 6


def test_split_deltas_round_trips_and_keeps_pieces_small() -> None:
    text = "## 标题\n\nHello, world! 这是一个测试。\n\n```python\nprint('hi')\n```\n"
    pieces = split_deltas(text, random.Random(3))
    assert "".join(pieces) == text
    cjk_pieces = [p for p in pieces if all("\u4e00" <= ch <= "\u9fff" for ch in p.strip())]
    assert all(len(p.strip()) <= 4 for p in cjk_pieces)


def test_split_even_gives_the_requested_count() -> None:
    pieces = split_even("x" * 1000, 30)
    assert len(pieces) == 30
    assert "".join(pieces) == "x" * 1000
    assert split_even("", 5) == []
