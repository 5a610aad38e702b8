"""The demo app's scripted chatflow: a question card, then an input card, then an answer.

Cards are `content_type: "card"` messages whose content is JSON with `x_properties.workflow_card_info`,
itself a JSON string: `{card_type: "QUESTION", question_card_data: {Title, Options: [{name}]}}` or
`{card_type: "INPUT", input_card_data: [{type, name}]}` (what the chat SDK reads: coze-js
`packages/chat-sdk/src/libs/ui-kit/message/helper/extract-chatlow-message.ts`). The step is found
from the conversation: how many cards were asked since the last plain answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.cozeserver.chatflows import AppRecord, ChatflowRecord, Chatflows
from desktop.core.cozeserver.wire import JsonDict, dumps, has_cjk
from desktop.core.demo_ids import DEMO_APP_ID, DEMO_CHATFLOW_ID

INPUT_FIELDS = ("city", "date")

_OPTIONS = {"en": ("A trip", "A dinner", "A study week"), "zh": ("一次旅行", "一顿晚餐", "一周学习")}
_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "app": "Trip Planner",
        "app_description": "A demo Coze app with a chatflow",
        "flow": "Plan with me",
        "flow_description": "Asks what to plan, then where and when",
        "prologue": "Hi! I plan trips, dinners and study weeks. Say anything to begin.",
        "title": "What would you like to plan?",
        "done": "All set: **{choice}**.\n\n{fields}\n\nHave a good one!",
        "parameters": "Parameters: {pairs}",
    },
    "zh": {
        "app": "行程规划",
        "app_description": "带对话流的演示应用",
        "flow": "和我一起规划",
        "flow_description": "先问规划什么，再问地点和时间",
        "prologue": "你好！我可以帮你规划旅行、晚餐或学习周。随便说点什么开始吧。",
        "title": "你想规划什么？",
        "done": "安排好了：**{choice}**。\n\n{fields}\n\n祝顺利！",
        "parameters": "参数：{pairs}",
    },
}


@dataclass(frozen=True)
class FlowReply:
    """One step: a card (its message content) or a plain Markdown answer."""

    card: str = ""
    answer: str = ""


def register(chatflows: Chatflows, workspace_id: str, language: str) -> None:
    texts = _TEXTS[language]
    chatflows.add_app(AppRecord(DEMO_APP_ID, texts["app"], workspace_id, texts["app_description"]))
    chatflows.add_workflow(
        ChatflowRecord(
            DEMO_CHATFLOW_ID,
            texts["flow"],
            workspace_id,
            app_id=DEMO_APP_ID,
            description=texts["flow_description"],
            prologue=texts["prologue"],
        )
    )


def card_content(card: JsonDict) -> str:
    return dumps({"x_properties": {"workflow_card_info": dumps(card)}})


def question_card(title: str, options: tuple[str, ...]) -> str:
    data = {"Title": title, "Options": [{"name": option} for option in options]}
    return card_content({"card_type": "QUESTION", "question_card_data": data})


def input_card(fields: tuple[str, ...]) -> str:
    return card_content({"card_type": "INPUT", "input_card_data": [{"type": "string", "name": f} for f in fields]})


def step(history: list[JsonDict], question: str, parameters: dict[str, str], language: str) -> FlowReply:
    """The next step after `question`, given the earlier messages of the section (oldest first)."""
    cards: list[JsonDict] = []
    answers: list[str] = []
    for message in history:
        if message.get("role") == "assistant" and message.get("type") == "answer":
            if message.get("content_type") == "card":
                cards.append(message)
            else:
                cards, answers = [], []
        elif message.get("role") == "user" and cards:
            answers.append(str(message.get("content") or ""))
    chosen = question if cards else ""
    language = "zh" if has_cjk(question + "".join(answers)) else language
    texts = _TEXTS[language]
    if not cards:
        return FlowReply(card=question_card(texts["title"], _OPTIONS[language]))
    if len(cards) == 1:
        return FlowReply(card=input_card(INPUT_FIELDS))
    choice = answers[0] if answers else chosen
    fields = "\n".join(f"- {line}" for line in question.splitlines() if line.strip())
    answer = texts["done"].format(choice=choice, fields=fields)
    if parameters:
        pairs = ", ".join(f"{key}={value}" for key, value in sorted(parameters.items()))
        answer += "\n\n" + texts["parameters"].format(pairs=pairs)
    return FlowReply(answer=answer)
