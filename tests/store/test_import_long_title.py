"""A chat renamed with a long title (the rename field took up to 32,767 characters, line breaks and all)
exports to a file that the import must take: it refused the whole file ('conversations[0].title: longer
than 10000 characters'), every other chat in it with it (found with `coze-desktop export` then `import`)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.store import Store
from desktop.core.store.transfer import export_json, import_json


def test_an_export_with_a_long_title_imports_with_the_title_shortened(tmp_path: Path) -> None:
    long_title = "长标题 A long title\n" * 2000  # 36,000 characters
    with Store.open(tmp_path / "a.sqlite3") as source:
        chat = source.conversations.create("bot", "kept as it is")
        source.conversations.rename(source.conversations.create("bot", "x").id, long_title)
        doc = export_json(source)
        assert chat.title == "kept as it is"
    with Store.open(tmp_path / "b.sqlite3") as target:
        result = import_json(target, doc)
        titles = sorted(c.title for c in target.conversations.page())

    assert result.conversations_added == 2
    assert titles[0] == "kept as it is"
    assert titles[1].startswith("长标题 A long title") and len(titles[1]) <= 10_000
