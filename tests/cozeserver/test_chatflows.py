"""Apps, chatflows and `POST /v1/workflows/chat` on the local server, read by the official SDK and our client."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from desktop.core.coze import CozeClient, CozeError
from desktop.core.coze.workflows import App, ChatflowSummary, apps, chatflow_info, chatflows
from desktop.core.cozeserver import DEMO_BOT_ID, DEMO_TOKEN, CozeServer
from desktop.core.cozeserver.demo_chatflow import DEMO_APP_ID, DEMO_CHATFLOW_ID
from desktop.core.cozeserver.workspaces import PERSONAL_WORKSPACE
from desktop.core.workflow_cards import CardKind, parse_card

with warnings.catch_warnings(record=True):  # authlib, imported by cozepy, warns about itself on import
    cozepy = pytest.importorskip("cozepy")


@pytest.fixture
def ours(server: CozeServer) -> Iterator[CozeClient]:
    with CozeClient(DEMO_TOKEN, server.base_url, read_timeout=10) as client:
        yield client


def _ask(coze: Any, conversation_id: str, text: str) -> list[Any]:
    return list(
        coze.workflows.chat.stream(
            workflow_id=DEMO_CHATFLOW_ID,
            app_id=DEMO_APP_ID,
            conversation_id=conversation_id,
            additional_messages=[cozepy.Message.build_user_question_text(text)],
            ext={"enable_card": "true"},
        )
    )


def test_the_sdk_lists_apps_and_chatflows_and_retrieves_one(coze: Any) -> None:
    listed = list(coze.apps.list(workspace_id=PERSONAL_WORKSPACE))
    assert [(a.id, a.is_published) for a in listed] == [(DEMO_APP_ID, True)]
    # The plain string: cozepy 0.20 puts `str(WorkflowMode.CHATFLOW)` ("WorkflowMode.CHATFLOW") on the
    # query string under Python 3.11, which Coze would refuse too.
    flows = list(coze.workflows.list(workspace_id=PERSONAL_WORKSPACE, workflow_mode="chatflow", app_id=DEMO_APP_ID))
    assert [(f.workflow_id, f.app_id) for f in flows] == [(DEMO_CHATFLOW_ID, DEMO_APP_ID)]
    info = coze.workflows.retrieve(workflow_id=DEMO_CHATFLOW_ID)
    assert info.workflow_detail.workflow_name == flows[0].workflow_name


def test_the_sdk_plays_the_demo_chatflow_through_its_cards(coze: Any) -> None:
    conversation = coze.conversations.create()  # the SDK's plain create; an app's is tested below
    kinds = []
    for text in ("hi", "A dinner", "city:Rome\ndate:Friday"):
        events = _ask(coze, conversation.id, text)
        assert events[0].event == cozepy.ChatEventType.CONVERSATION_CHAT_CREATED
        assert events[-1].event == cozepy.ChatEventType.CONVERSATION_CHAT_COMPLETED
        done = [e.message for e in events if e.event == cozepy.ChatEventType.CONVERSATION_MESSAGE_COMPLETED]
        kinds.append((done[0].content_type, parse_card(done[0].content, done[0].content_type)))
    assert kinds[0][0] == "card" and kinds[0][1] is not None and kinds[0][1].kind is CardKind.QUESTION
    assert kinds[0][1].options == ("A trip", "A dinner", "A study week")
    assert kinds[1][1] is not None and kinds[1][1].kind is CardKind.INPUT and kinds[1][1].fields == ("city", "date")
    assert kinds[2] == ("text", None)


def test_our_client_reads_apps_chatflows_and_the_prologue(ours: CozeClient) -> None:
    assert [a.app_id for a in apps(ours, PERSONAL_WORKSPACE)] == [DEMO_APP_ID]
    found = chatflows(ours, PERSONAL_WORKSPACE, DEMO_APP_ID)
    assert found == [
        ChatflowSummary(DEMO_CHATFLOW_ID, "Plan with me", found[0].description, found[0].icon_url, DEMO_APP_ID)
    ]
    info = chatflow_info(ours, DEMO_CHATFLOW_ID)
    assert (info.name, info.app_id) == ("Plan with me", DEMO_APP_ID)
    assert info.prologue.startswith("Hi! I plan trips")
    assert info.icon_url.endswith("/_local/bot-icon.png")
    assert isinstance(apps(ours, PERSONAL_WORKSPACE)[0], App)


def test_chatflows_page_through_has_more(server: CozeServer, ours: CozeClient) -> None:
    for number in range(45):
        server.add_chatflow(f"74510000000001{number:05d}", app_id=DEMO_APP_ID, name=f"flow {number}")
    assert len(chatflows(ours, PERSONAL_WORKSPACE, DEMO_APP_ID)) == 46
    assert chatflows(ours, PERSONAL_WORKSPACE, "no-such-app") == []


def test_an_app_conversation_by_name_is_got_again(ours: CozeClient) -> None:
    first = ours.create_app_conversation(DEMO_APP_ID, "desk-1", DEMO_CHATFLOW_ID)
    assert ours.create_app_conversation(DEMO_APP_ID, "desk-1", DEMO_CHATFLOW_ID).id == first.id
    assert ours.create_app_conversation(DEMO_APP_ID, "desk-2", DEMO_CHATFLOW_ID).id != first.id
    with pytest.raises(CozeError) as raised:
        ours.create_app_conversation("404", "desk-1", DEMO_CHATFLOW_ID)
    assert raised.value.code == 4200


def test_the_done_event_carries_the_debug_url(ours: CozeClient) -> None:
    stream = ours.stream_workflow_chat(DEMO_CHATFLOW_ID, "u1", "hi", app_id=DEMO_APP_ID)
    events = list(stream)
    assert events[-1].type == "done"
    assert stream.transcript.debug_url.startswith("https://www.coze.cn/work_flow?execute_id=")
    assert f"workflow_id={DEMO_CHATFLOW_ID}" in stream.transcript.debug_url


def test_a_bot_chat_has_no_debug_url(ours: CozeClient) -> None:
    stream = ours.stream_chat(DEMO_BOT_ID, "u1", "hi")
    list(stream)
    assert stream.transcript.got_done and stream.transcript.debug_url == ""


@pytest.mark.parametrize(
    ("kwargs", "code", "needle"),
    [
        ({"workflow_id": "404", "app_id": DEMO_APP_ID}, 4200, ""),
        ({"workflow_id": DEMO_CHATFLOW_ID, "app_id": "404"}, 4200, ""),
        ({"workflow_id": DEMO_CHATFLOW_ID, "bot_id": "404"}, 4200, ""),
        ({"workflow_id": DEMO_CHATFLOW_ID}, 4000, "exactly one of app_id and bot_id"),
        ({"workflow_id": DEMO_CHATFLOW_ID, "app_id": DEMO_APP_ID, "bot_id": DEMO_BOT_ID}, 4000, "exactly one"),
        ({"workflow_id": DEMO_CHATFLOW_ID, "app_id": DEMO_APP_ID, "conversation_id": "1"}, 4002, ""),
    ],
)
def test_refusals_come_before_the_stream(ours: CozeClient, kwargs: dict[str, str], code: int, needle: str) -> None:
    workflow_id = kwargs.pop("workflow_id")
    with pytest.raises(CozeError) as raised:
        ours.stream_workflow_chat(workflow_id, "u1", "hi", **kwargs)  # type: ignore[arg-type]
    assert raised.value.code == code
    assert needle in raised.value.msg


def test_an_unpublished_chatflow_and_missing_parameters(server: CozeServer, ours: CozeClient) -> None:
    server.add_chatflow("7451000000000000500", app_id=DEMO_APP_ID, published=False)
    server.add_chatflow("7451000000000000501", app_id=DEMO_APP_ID, required_parameters=("city", "days"))
    with pytest.raises(CozeError) as raised:
        ours.stream_workflow_chat("7451000000000000500", "u1", "hi", app_id=DEMO_APP_ID)
    assert raised.value.code == 4200
    with pytest.raises(CozeError) as raised:
        ours.stream_workflow_chat("7451000000000000501", "u1", "hi", app_id=DEMO_APP_ID, parameters={"city": "Rome"})
    assert raised.value.code == 4000 and "missing required parameters: days" in raised.value.msg
    stream = ours.stream_workflow_chat(
        "7451000000000000501", "u1", "hi", app_id=DEMO_APP_ID, parameters={"city": "Rome", "days": "3"}
    )
    assert list(stream)[-1].type == "done"


def test_the_demo_chatflow_speaks_chinese_to_chinese(ours: CozeClient) -> None:
    stream = ours.stream_workflow_chat(DEMO_CHATFLOW_ID, "u1", "你好", app_id=DEMO_APP_ID)
    list(stream)
    (answer,) = stream.transcript.answers.values()
    card = parse_card(answer.text, answer.content_type)
    assert card is not None and card.title == "你想规划什么？" and card.options[0] == "一次旅行"
