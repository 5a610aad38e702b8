"""The embedded demo bot: keyword-driven Markdown answers that remember the conversation.

Chinese answers for questions containing CJK, English for the rest; the bot's own profile
(name, prologue) follows the server's language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from string import Template
from types import ModuleType

from desktop.core.cozeserver import demo_texts_en, demo_texts_zh
from desktop.core.cozeserver.demo_shortcuts import demo_commands
from desktop.core.cozeserver.records import Bot
from desktop.core.cozeserver.wire import JsonDict, has_cjk
from desktop.core.demo_ids import DEMO_BOT_ID
from desktop.core.object_string import items_of, text_of

LONG_ANSWER_BYTES = 10_000
# How much of a question the demo reads and quotes: its intent, a name and the language come from this much, and
# a longer question is quoted to here with a line saying how long it was. Before, a 4 MB question was quoted
# whole (an answer of millions of deltas that took hours to stream) and every pattern ran over all of it on the
# in-process server's thread, holding the GIL from the window for up to a second (BENCHMARKS.md, "A huge question").
READ_CHARS = 2_000
_TEXTS: dict[str, ModuleType] = {"en": demo_texts_en, "zh": demo_texts_zh}

_NAME_ASK = re.compile(
    r"\bwhat(?:'s| is) my name\b|\bwho am i\b|\b(?:know|remember) my name\b|我叫什么|我的名字(?:是|叫)?什么|我是谁",
    re.IGNORECASE,
)
_NAME_SET = re.compile(
    r"\b(?:my name is|call me)\s+([A-Za-z][A-Za-z'-]*)|(?:我叫|我的名字(?:是|叫))(?!什么)([^\s，。！？,.!?、：:]{1,8})",
    re.IGNORECASE,
)
_INTENTS = (
    ("long", re.compile(r"\blong\b|长", re.IGNORECASE)),
    ("code", re.compile(r"\bcode\b|python|\bscript\b|代码|编程|函数", re.IGNORECASE)),
    ("table", re.compile(r"\btable\b|\bcompare\b|表格|对比", re.IGNORECASE)),
    ("greeting", re.compile(r"\b(?:hello|hi|hey)\b|what can you do|你好|您好|嗨|哈喽|你能做什么", re.IGNORECASE)),
)
_EXPLAIN = re.compile(
    r"^\s*(?:how|why)\b|\bwhy\b|\bexplain\b|\bhow (?:do|does|to|can|is|are)\b|为什么|怎么|如何|解释|原理",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reply:
    answer: str
    reasoning: str = ""
    follow_ups: tuple[str, ...] = ()
    steps: tuple[tuple[str, str], ...] = ()  # (type, content) of the messages before the answer (tool calls...)


def demo_bot(language: str) -> Bot:
    texts = _TEXTS[language]
    return Bot(
        bot_id=DEMO_BOT_ID,
        name=texts.BOT["name"],
        description=texts.BOT["description"],
        prologue=texts.BOT["prologue"],
        suggested_questions=list(texts.SUGGESTED),
        prompt="You are the Coze Desktop demo bot. Answer in Markdown.",
        shortcut_commands=demo_commands(language),
    )


def answer_language(question: str, default: str) -> str:
    if has_cjk(question):
        return "zh"
    return "en" if question.strip() else default


def question_text(content: str) -> str:
    """The text of a question, also when it is an `object_string` (a JSON list of parts)."""
    parts = items_of(content) if content.startswith("[") else None
    return content if parts is None else text_of(parts)


def reply(question: str, history: Sequence[JsonDict], default_language: str) -> Reply:
    """The demo bot's answer to `question`, given the earlier messages of the conversation."""
    whole = question
    question = question[:READ_CHARS]
    language = answer_language(question, default_language)
    texts = _TEXTS[language]
    earlier = [
        question_text(m["content"])[:READ_CHARS] or "…"
        for m in history
        if m.get("role") == "user" and isinstance(m.get("content"), str)
    ]
    intent, fields = _intent(question, earlier, language)
    fields.setdefault("question", _quote(whole, texts))
    fields.setdefault("short", _shorten(question))
    body = _long_answer(texts) if intent == "long" else Template(getattr(texts, intent.upper())).safe_substitute(fields)
    prefix = ""
    if earlier:
        number = len(earlier) + 1
        ordinal = demo_texts_en.ordinal(number)
        previous = _shorten(earlier[-1])
        prefix = Template(texts.TURN).safe_substitute(number=number, ordinal=ordinal, previous=previous)
    reasoning = ""
    if _EXPLAIN.search(question):
        reasoning = Template(texts.REASONING["explain"]).safe_substitute(short=_shorten(question))
    elif intent == "code":
        reasoning = texts.REASONING["code"]
    follow_key = "name_ask" if intent in ("name_known", "name_unknown") else intent
    return Reply(prefix + body, reasoning, tuple(texts.FOLLOW_UPS[follow_key]))


def tool_reply(outputs: Sequence[tuple[str, str]], language: str) -> Reply:
    """The answer after `submit_tool_outputs`."""
    texts = _TEXTS[language]
    rows = "\n".join(f"| `{call_id}` | {output.replace('|', '/')} |" for call_id, output in outputs)
    return Reply(Template(texts.TOOL).safe_substitute(rows=rows), "", tuple(texts.FOLLOW_UPS["tool"]))


def _intent(question: str, earlier: Sequence[str], language: str) -> tuple[str, dict[str, str]]:
    if _NAME_ASK.search(question):
        for said in reversed(earlier):
            name = _name_in(said)
            if name:
                return "name_known", {"name": name, "source": _shorten(said)}
        return "name_unknown", {}
    name = _name_in(question)
    if name:
        return "name_set", {"name": name}
    for intent, pattern in _INTENTS:
        if pattern.search(question):
            if intent == "greeting":
                return intent, {"name_part": _greeting_name(earlier, language)}
            return intent, {}
    return ("explain" if _EXPLAIN.search(question) else "default"), {}


def _name_in(text: str) -> str:
    if _NAME_ASK.search(text):
        return ""
    match = _NAME_SET.search(text)
    if match is None:
        return ""
    latin, chinese = match.groups()
    return latin[:1].upper() + latin[1:] if latin else chinese


def _greeting_name(earlier: Sequence[str], language: str) -> str:
    for said in reversed(earlier):
        name = _name_in(said)
        if name:
            return f"，{name}" if language == "zh" else f", {name}"
    return ""


def _quote(question: str, texts: ModuleType) -> str:
    """The question as a Markdown quote's lines: up to READ_CHARS characters, then how long it was."""
    if len(question) <= READ_CHARS:
        return question.strip().replace("\n", "\n> ") or "…"
    shown = question[:READ_CHARS].strip().replace("\n", "\n> ")
    cut: str = texts.QUOTE_CUT
    return f"{shown}…\n>\n> " + cut.format(shown=f"{READ_CHARS:,}", total=f"{len(question):,}")


def _shorten(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _long_answer(texts: ModuleType) -> str:
    sections: list[str] = []
    size = 0
    number = 0
    while size < LONG_ANSWER_BYTES:
        title, paragraph = texts.LONG_TOPICS[number % len(texts.LONG_TOPICS)]
        number += 1
        section = Template(texts.LONG_SECTION).safe_substitute(number=number, title=title, paragraph=paragraph)
        if number % 3 == 0:
            section += texts.LONG_TABLE
        if number % 4 == 0:
            section += Template(texts.LONG_CODE).safe_substitute(number=number)
        sections.append(section)
        size += len(section.encode())
    intro = Template(texts.LONG_INTRO).safe_substitute(count=number)
    return intro + "\n".join(sections)
