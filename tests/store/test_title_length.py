"""A chat's title is one line of at most 200 characters however it is set: a rename (the window's field,
`coze-desktop` or Coze's own name brought by a sync), a chat created or imported with a title.

Found by driving the app: a rename, or a title from Coze, stored all 32,767 characters of a pasted text,
line breaks and all, and the CLI's `list` printed every one of them."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.store import Store
from desktop.core.store.conversations import TITLE_CHARS
from desktop.core.store.transfer import export_json, import_json

BOT = "7400000000000000001"
HUGE = "第一行 a very long title\n\n" + "x" * 32_767


def is_capped(title: str) -> bool:
    return len(title) <= TITLE_CHARS and "\n" not in title and title == title.strip()


def test_a_rename_is_one_trimmed_line_of_at_most_200_characters(store: Store) -> None:
    chat = store.conversations.create(BOT)
    store.conversations.rename(chat.id, HUGE)
    title = store.conversations.get(chat.id).title  # type: ignore[union-attr]
    assert is_capped(title) and title.startswith("第一行 a very long title xxx") and title.endswith("…")
    store.conversations.rename(chat.id, "  Trip\nto Xi'an \t")
    assert store.conversations.get(chat.id).title == "Trip to Xi'an"  # type: ignore[union-attr]


def test_a_title_from_coze_or_a_new_chat_is_capped_too(store: Store) -> None:
    made = store.conversations.create(BOT, title=HUGE)
    assert is_capped(made.title)
    link, _ = store.coze.adopt(BOT, "7400000000000000099", HUGE, 1.0)  # a sync finds a chat on Coze
    assert is_capped(store.conversations.get(link.conversation_id).title)  # type: ignore[union-attr]
    store.coze.set_coze_name(made.id, HUGE + " renamed on Coze", retitle=True)
    assert is_capped(store.conversations.get(made.id).title)  # type: ignore[union-attr]


def test_an_import_caps_the_title_and_knows_the_chat_again(store: Store, tmp_path: Path) -> None:
    chat = store.conversations.create(BOT, title="short")
    store.messages.add_question(chat.id, "hello")
    data = export_json(store)
    data["conversations"][0]["title"] = HUGE[:5000]  # by an older version (more than 10,000 is refused)
    with Store.open(tmp_path / "other.sqlite3") as other:
        first = import_json(other, json.dumps(data))
        again = import_json(other, json.dumps(data))  # the same file twice: nothing new the second time
        (imported,) = other.conversations.page()
        assert is_capped(imported.title)
    assert first.conversations_added == 1 and again.conversations_added == 0
