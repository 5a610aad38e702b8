"""Conversations with a chatflow (migration 7): the target kind, the app or host bot, an answer's debug URL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.store import Store, StoreError
from desktop.core.store.models import TARGET_BOT, TARGET_CHATFLOW
from desktop.core.store.transfer import InvalidExportFile, export_json, export_markdown, import_json

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "profile_v4"


def test_a_release_profile_keeps_its_conversations_as_bot_conversations(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "profile")
    with Store.open(tmp_path / "profile" / "history.sqlite3") as store:
        ids = store.conversations.ids()
        assert ids
        for conversation_id in ids:
            conversation = store.conversations.get(conversation_id)
            assert conversation is not None
            assert (conversation.target_kind, conversation.app_id, conversation.host_bot_id) == (TARGET_BOT, None, None)
            assert not conversation.is_chatflow
        assert all(m.debug_url is None for m in store.messages.all(ids[0]))


def test_a_chatflow_conversation_round_trips(tmp_path: Path) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        in_app = store.conversations.create("wf1", app_id="app1")
        in_bot = store.conversations.create("wf2", host_bot_id="bot1")
        plain = store.conversations.create("bot1")
        assert (in_app.target_kind, in_app.bot_id, in_app.app_id, in_app.host_bot_id) == (
            TARGET_CHATFLOW,
            "wf1",
            "app1",
            None,
        )
        assert in_bot.is_chatflow and in_bot.host_bot_id == "bot1" and in_bot.app_id is None
        assert not plain.is_chatflow
        with pytest.raises(StoreError):
            store.conversations.create("wf3", app_id="a", host_bot_id="b")


def test_a_card_answer_keeps_its_content_type_and_debug_url(tmp_path: Path) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        conversation = store.conversations.create("wf1", app_id="app1")
        answer = store.messages.start_answer(conversation.id)
        store.messages.update(answer.id, content='{"x_properties":{}}', content_type="card", debug_url="https://d")
        stored = store.messages.get(answer.id)
        assert stored is not None and (stored.content_type, stored.debug_url) == ("card", "https://d")


def test_an_export_keeps_a_chatflow_conversation_a_chatflow_one(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.sqlite3") as store:
        in_app = store.conversations.create("wf1", "planning", app_id="app1")
        store.messages.add_question(in_app.id, "hi")
        store.conversations.create("wf2", "in a bot", host_bot_id="bot1")
        bot = store.conversations.create("bot1", "plain")
        document = export_json(store)
    by_title = {c["title"]: c for c in document["conversations"]}
    assert "app_id" not in by_title["plain"] and bot.target_kind == TARGET_BOT  # bot exports are unchanged
    with Store.open(tmp_path / "b.sqlite3") as other:
        assert import_json(other, document).conversations_added == 3
        imported = {c.title: c for c in (other.conversations.get(i) for i in other.conversations.ids()) if c}
    assert (imported["planning"].target_kind, imported["planning"].app_id) == (TARGET_CHATFLOW, "app1")
    assert imported["in a bot"].host_bot_id == "bot1" and imported["in a bot"].is_chatflow
    assert not imported["plain"].is_chatflow


def test_an_export_naming_both_an_app_and_a_bot_is_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path / "a.sqlite3") as store:
        store.conversations.create("wf1", "planning", app_id="app1")
        document = export_json(store)
    document["conversations"][0]["host_bot_id"] = "bot1"
    with Store.open(tmp_path / "b.sqlite3") as other, pytest.raises(InvalidExportFile, match="not both"):
        import_json(other, document)


def test_the_markdown_export_shows_a_card_as_text(tmp_path: Path) -> None:
    content = '{"x_properties":{"workflow_card_info":"{\\"card_type\\":\\"QUESTION\\",\\"question_card_data\\":'
    content += '{\\"Title\\":\\"Pick one\\",\\"Options\\":[{\\"name\\":\\"Red\\"}]}}"}}'
    with Store.open(tmp_path / "a.sqlite3") as store:
        conversation = store.conversations.create("wf1", "planning", app_id="app1")
        answer = store.messages.start_answer(conversation.id)
        store.messages.update(answer.id, content=content, content_type="card", status="complete")
        text = export_markdown(store)
    assert "Pick one\n- Red" in text and "x_properties" not in text
