"""Chinese says 智能体 for a bot, as Coze's own Chinese site does, everywhere: the window's catalog
and the error sentences of the core (which are not in the catalog). "listBot" is a permission's name
and /bot/ part of an address: both stay."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LATIN_BOT = re.compile(r"\bBots?\b")


def test_the_chinese_catalog_says_zhinengti_never_bot() -> None:
    catalog = json.loads((ROOT / "resources" / "translations" / "zh_CN.json").read_text(encoding="utf-8"))
    assert "智能体" in catalog["Bots"]
    assert [chinese for chinese in catalog.values() if LATIN_BOT.search(chinese)] == []


def test_the_cores_chinese_error_sentences_say_zhinengti_never_bot() -> None:
    for name in ("desktop.core.coze.error_sentences", "desktop.core.coze.error_text"):
        source = Path(importlib.import_module(name).__file__ or "").read_text(encoding="utf-8")
        chinese_lines = [line for line in source.splitlines() if re.search(r"[\u4e00-\u9fff]", line)]
        assert chinese_lines
        assert [line.strip() for line in chinese_lines if LATIN_BOT.search(line)] == []
