"""Earlier versions of a regenerated (or edited) answer in every way a chat leaves the app (#18 gap):
Markdown (the shown version in full, the earlier ones folded after it), JSON (all versions; an import
brings them back), `history show`, and the PDF (tests/ui/test_pdf_export.py::test_earlier_versions...)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.profile import Profile
from desktop.core.store import BotRecord, MessageError, Store
from desktop.core.store.transfer import InvalidExportFile, export_json, export_markdown, import_json
from desktop.core.vocabulary import MessageStatus


def _answer(store: Store, answer_id: int, content: str, status: str = MessageStatus.COMPLETE) -> None:
    store.messages.update(answer_id, content=content, status=status)


def reworked_chat(store: Store) -> tuple[int, int]:
    """A chat whose answer has three versions: asked "first question" (failed), regenerated (complete),
    then the question edited to "edited question" (the shown version). (conversation, answer id)."""
    store.bots.upsert(BotRecord("bot1", "小助手"))
    conversation = store.conversations.create("bot1", title="Versions")
    store.messages.add_question(conversation.id, "first question")
    answer = store.messages.start_answer(conversation.id, coze_chat_id="chat-1", coze_message_id="m-1").id
    store.messages.update(answer, status=MessageStatus.FAILED, error=MessageError(5000, "boom", "log-1"))
    for question, text in ((None, "第二版回答"), (("edited question", "text"), "the shown answer")):
        turn = store.versions.turn(answer)
        assert turn is not None
        store.versions.rework(turn, question)
        _answer(store, answer, text)
    store.messages.add_question(conversation.id, "a later question")
    later = store.messages.start_answer(conversation.id).id
    _answer(store, later, "a later answer")
    return conversation.id, answer


def test_markdown_shows_the_answer_then_its_earlier_versions_folded(store: Store) -> None:
    conversation, _answer_id = reworked_chat(store)
    text = export_markdown(store, conversation)
    assert "**小助手** · " in text and " · version 3 of 3\n\nthe shown answer" in text
    shown, first, second = text.index("the shown answer"), text.index("Version 1 of 3"), text.index("Version 2 of 3")
    assert shown < first < second < text.index("a later question")  # after the shown one, before the next turn
    folded = text[text.index("<details>") : text.index("</details>", second) + len("</details>")]
    assert folded.count("<details>") == 2 and folded.count("</details>") == 2
    assert "*Asked as:* first question" in folded  # both earlier versions answered the question before the edit
    assert "> *⚠ failed: boom, code 5000, logid log-1*" in folded and "第二版回答" in folded
    assert "version" not in text[text.index("a later question") :]  # answers without versions are as before


def test_json_keeps_every_version_and_an_import_brings_them_back(store: Store, tmp_path: Path) -> None:
    conversation, _answer_id = reworked_chat(store)
    document = export_json(store, conversation)
    [answer] = [m for m in document["conversations"][0]["messages"] if m.get("versions")]
    assert answer["content"] == "the shown answer"
    earlier = answer["versions"]
    assert [(v["question"], v["content"], v["status"]) for v in earlier] == [
        ("first question", "", "failed"),
        ("first question", "第二版回答", "complete"),
    ]
    assert earlier[0]["error"] == {"code": 5000, "msg": "boom", "logid": "log-1", "kind": None}
    assert earlier[0]["coze_chat_id"] == "chat-1" and "role" not in earlier[0]

    with Store.open(tmp_path / "other.sqlite3") as other:
        result = import_json(other, json.dumps(document))
        [imported] = result.conversation_ids
        restored = next(m for m in other.messages.all(imported) if m.content == "the shown answer")
        versions = other.versions.of(restored.id)
        assert [(v.question, v.answer.content, v.answer.status) for v in versions] == [
            ("first question", "", "failed"),
            ("first question", "第二版回答", "complete"),
        ]
        assert versions[0].answer.error == MessageError(5000, "boom", "log-1")
        again = export_json(other, imported)["conversations"][0]["messages"]
        assert [m.get("versions") for m in again] == [
            m.get("versions") for m in document["conversations"][0]["messages"]
        ]
        assert [h.message_id for h in other.search.find("第二版回答")] == []  # search still finds what is shown


def test_an_import_refuses_versions_on_a_question_or_without_their_question(store: Store) -> None:
    conversation, _answer_id = reworked_chat(store)
    document = export_json(store, conversation)
    messages = document["conversations"][0]["messages"]
    index = next(i for i, m in enumerate(messages) if m.get("versions"))
    del messages[index]["versions"][1]["question"]
    with pytest.raises(InvalidExportFile, match=rf"messages\[{index}\]\.versions\[1\]: missing field \"question\""):
        import_json(store, document)
    messages[index]["versions"][1]["question"] = "q"
    messages[0]["versions"] = messages[index]["versions"]
    with pytest.raises(InvalidExportFile, match="only answers have earlier versions"):
        import_json(store, document)


def test_history_show_prints_the_earlier_versions_after_the_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    with Store.open(profile.database_path) as store:
        conversation, _answer_id = reworked_chat(store)
    assert main(["--profile", str(profile.path), "show", str(conversation)]) == 0
    out = capsys.readouterr().out
    assert "小助手: (version 3 of 3)\nthe shown answer\n" in out
    assert (
        "  [earlier version 1 of 3 · " in out
        and "] [failed: boom, code 5000, logid log-1] · asked as: first question" in out
    )
    assert "  [earlier version 2 of 3 · " in out and "\n  | 第二版回答\n" in out
    assert out.index("the shown answer") < out.index("earlier version 1") < out.index("a later question")


def test_an_imported_versions_error_with_a_lone_surrogate_is_stored_like_a_messages(store: Store) -> None:
    """A JSON escape can make a lone surrogate (`\\ud800`), which SQLite cannot store: a message's error
    text is cleaned of it, and an earlier version's was not (the whole import failed with UnicodeEncodeError)."""
    conversation, _answer_id = reworked_chat(store)
    document = export_json(store, conversation)
    [answer] = [m for m in document["conversations"][0]["messages"] if m.get("versions")]
    answer["versions"][0]["error"]["msg"] = "boom \ud800"
    answer["error"] = {"code": 1, "msg": "bang \ud800", "logid": None, "kind": None}
    with Store.open(store.path.with_name("other.sqlite3")) as other:
        [imported] = import_json(other, json.dumps(document)).conversation_ids
        restored = next(m for m in other.messages.all(imported) if m.content == "the shown answer")
        assert restored.error is not None and restored.error.msg == "bang ?"
        [failed, _second] = other.versions.of(restored.id)
        assert failed.answer.error is not None and failed.answer.error.msg == "boom ?"
