"""A profile written by the previous release (schema v4, its settings and exports) opens with
today's code and everything is still there. The files are in tests/fixtures/profile_v4/ (see its
README); they are copied before use, because opening a history migrates it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import LATEST_VERSION, Store
from desktop.core.store.transfer import export_json, export_markdown, import_json
from desktop.core.store.transfer.format import DEMO_IDS_KEY

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "profile_v4"
BOT_CN, BOT_EN = "7400000000000000001", "7400000000000000002"


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    target = tmp_path / "profile"
    shutil.copytree(FIXTURE, target)
    return Profile(target)


def _without_export_time(doc: dict[str, object]) -> dict[str, object]:
    """The document but its time, and the mark an export has had since the release (DEMO_IDS_KEY)."""
    return {key: value for key, value in doc.items() if key not in ("exported_at", DEMO_IDS_KEY)}


def _without_clock_times(markdown: str) -> str:
    # Markdown shows local wall-clock times, which depend on the machine's time zone.
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "<time>", markdown)


def test_settings_of_the_release_load_unchanged(profile: Profile) -> None:
    settings = Settings.load(profile.settings_path)
    assert settings == Settings(
        api_base="https://api.coze.com",
        bot_ids=[BOT_CN, BOT_EN],
        default_bot_id=BOT_CN,
        user_id="coze-desktop-00000000-0000-4000-8000-000000000001",
        current_conversation=1,
        theme="dark",
        language="zh_CN",
        font_size=13,
        window_geometry="AdnQywADAAA=",
        splitter_state="AAAA/wAAAAE=",
        session_token_only=True,
    )


def test_history_of_the_release_opens_with_everything_in_it(profile: Profile) -> None:
    with Store.open(profile.database_path) as store:
        assert store.recovered_from is None
        assert store.schema_version == LATEST_VERSION
        listed = store.conversations.page(limit=10, include_archived=True)
        assert [(c.title, c.pinned, c.archived) for c in listed] == [
            ("Pinned English chat", True, False),
            ("已归档的对话", False, True),
            ("机器人，请介绍一下猫", False, False),
        ]
        assert [c.id for c in store.conversations.page(limit=10)] == [2, 1]
        first = store.messages.all(1)
        assert [(m.role, m.type, m.status) for m in first] == [
            ("user", "question", "complete"),
            ("assistant", "answer", "complete"),
            ("user", "question", "complete"),
            ("assistant", "answer", "interrupted"),
        ]
        answer = first[1]
        assert (answer.content, answer.reasoning_content) == ("猫是一种小型哺乳动物。", "思考中")
        assert (answer.input_tokens, answer.output_tokens) == (12, 34)
        assert answer.coze_chat_id == "7600000000000000001"
        assert store.conversations.follow_ups(1) == ["猫吃什么？", "猫能活多久？"]
        failed = store.messages.all(2)[1]
        assert failed.status == "failed" and failed.error is not None
        assert (failed.error.code, failed.error.logid, failed.error.kind) == (4100, "20241201abcdef", "auth")
        bot = store.bots.get(BOT_CN)
        assert bot is not None and bot.suggested_questions == ("你能做什么？", "What can you do?")
        assert {b.bot_id for b in store.bots.all()} == {BOT_CN, BOT_EN}


@pytest.mark.parametrize(
    ("query", "message_ids"),
    [("猫", [2, 1]), ("哺乳动物", [2]), ("dogs", [4, 3]), ("归档", [8]), ("答案", [9]), ("sky blue", [5])],
)
def test_search_index_of_the_release_finds_its_messages(profile: Profile, query: str, message_ids: list[int]) -> None:
    with Store.open(profile.database_path) as store:
        assert [hit.message_id for hit in store.search.find(query)] == message_ids


def test_exports_of_today_match_the_release_exports(profile: Profile) -> None:
    with Store.open(profile.database_path) as store:
        whole = export_json(store)
        one = export_json(store, 1)
        markdown = export_markdown(store)
    released = json.loads((profile.path / "export.json").read_text(encoding="utf-8"))
    assert _without_export_time(whole) == _without_export_time(released)
    released_one = json.loads((profile.path / "export-conversation-1.json").read_text(encoding="utf-8"))
    assert _without_export_time(one) == _without_export_time(released_one)
    assert _without_clock_times(markdown) == _without_clock_times((profile.path / "export.md").read_text("utf-8"))


def test_exports_of_the_release_import_into_a_new_profile(tmp_path: Path, profile: Profile) -> None:
    data = (profile.path / "export.json").read_bytes()
    with Store.open(tmp_path / "new" / "history.sqlite3") as store:
        result = import_json(store, data)
        assert (result.conversations_added, result.messages_added, result.skipped_duplicates) == (3, 9, 0)
        # (bots carry no time in an export: imported ones are as new as the import, in another order)
        assert export_json(store)["conversations"] == json.loads(data)["conversations"]
    with Store.open(profile.database_path) as store:
        again = import_json(store, data)
        assert (again.conversations_added, again.messages_added, again.skipped_duplicates) == (0, 0, 9)
