"""Earlier versions of answers (migration 9): a reworked turn keeps its answer row, the old answers and
question become a version, and the versions go with their conversation."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from desktop.core.store import MessageError, Store
from desktop.core.store.coze_links import LIKE, Feedback
from desktop.core.store.db import connect
from desktop.core.store.migrations import migrate
from desktop.core.vocabulary import MessageStatus


def _turn_of_two_answers(store: Store) -> tuple[int, int, int, int]:
    conversation = store.conversations.create("bot1").id
    question = store.messages.add_question(conversation, "第一个问题").id
    first = store.messages.start_answer(conversation, coze_chat_id="c1", coze_message_id="m1").id
    store.messages.update(first, content="答案一", status=MessageStatus.COMPLETE, usage=(3, 4))
    second = store.messages.start_answer(conversation, coze_chat_id="c1", coze_message_id="m2").id
    store.messages.update(second, content="答案二", status=MessageStatus.FAILED, error=MessageError(5000, "boom", "L1"))
    store.messages.add_question(conversation, "下一个问题")
    return conversation, question, first, second


def test_a_turn_is_its_question_and_the_answers_up_to_the_next_question(store: Store) -> None:
    _conversation, question, first, second = _turn_of_two_answers(store)
    for member in (question, first, second):
        turn = store.versions.turn(member)
        assert turn is not None and turn.question.id == question
        assert [a.id for a in turn.answers] == [first, second]
    lone = store.conversations.create("bot1").id
    answer = store.messages.start_answer(lone).id
    assert store.versions.turn(answer) is None  # nothing asked before it


def test_rework_keeps_the_row_and_makes_the_old_turn_a_version(store: Store) -> None:
    conversation, question, first, second = _turn_of_two_answers(store)
    turn = store.versions.turn(first)
    assert turn is not None
    assert store.versions.rework(turn, ("改过的问题", "text"), owner="me") == first
    row = store.messages.get(first)
    assert row is not None and (row.content, row.status, row.error, row.coze_chat_id) == ("", "streaming", None, None)
    assert store.messages.get(second) is None  # the second answer joined the version
    edited = store.messages.get(question)
    assert edited is not None and edited.content == "改过的问题"
    [version] = store.versions.of(first)
    assert (version.question, version.answer.content, version.answer.status) == (
        "第一个问题",
        "答案一\n\n答案二",
        "complete",
    )
    assert (version.answer.input_tokens, version.answer.output_tokens, version.answer.coze_chat_id) == (3, 4, "c1")
    assert (version.message_id, version.answer.conversation_id, version.answer.role) == (
        first,
        conversation,
        "assistant",
    )
    assert [h.message_id for h in store.search.find("答案一")] == []
    assert [h.message_id for h in store.search.find("改过的")] == [question]
    store.conversations.delete(conversation)
    assert store.versions.of(first) == []  # the versions go with their conversation


def test_migration_9_adds_versions_to_an_existing_history(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with closing(connect(db_path)) as conn:
        migrate(conn, target=9)  # the schema before message_versions
        conn.execute("INSERT INTO conversations (id, bot_id, created_at, updated_at) VALUES (1, 'b', 1, 1)")
        conn.execute(
            "INSERT INTO messages (conversation_id, role, type, content, status, created_at, updated_at)"
            " VALUES (1, 'user', 'question', '你好', 'complete', 1, 1), (1, 'assistant', 'answer', '您好', 'complete', 2, 2)"
        )
        assert "message_versions" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    with Store.open(db_path) as store:
        turn = store.versions.turn(2)
        assert turn is not None and store.versions.rework(turn) == 2
        assert [v.answer.content for v in store.versions.of(2)] == ["您好"]
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT count(*) FROM message_versions").fetchone()[0] == 1


def test_a_reworked_answer_starts_without_the_old_answers_rating_and_run_details(store: Store) -> None:
    """The rating (and a chatflow run's page) belonged to the old answer: the new one used to show "Liked"
    at once, and taking that back sent Coze an "unlike" for a message the user never rated."""
    _conversation, _question, first, _second = _turn_of_two_answers(store)
    store.coze.set_feedback(first, Feedback(LIKE, (), ""))
    store.messages.update(first, debug_url="https://www.coze.cn/work_flow?execute_id=1")
    turn = store.versions.turn(first)
    assert turn is not None
    store.versions.rework(turn, owner="me")
    row = store.messages.get(first)
    assert row is not None and (row.feedback, row.debug_url) == (None, None)
