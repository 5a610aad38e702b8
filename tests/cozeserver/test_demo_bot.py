"""The demo bot's answers, directly (no HTTP)."""

from __future__ import annotations

from typing import Any

from desktop.core.cozeserver.demo_bot import demo_bot, reply, tool_reply


def _history(*questions: str) -> list[dict[str, Any]]:
    return [{"role": "user", "type": "question", "content": q} for q in questions]


def test_language_follows_the_question() -> None:
    assert reply("hello", [], "zh").answer.startswith("## Hello")
    assert reply("你好", [], "en").answer.startswith("## 你好")
    assert reply("", [], "zh").answer.startswith("## 关于你的问题")


def test_three_follow_ups_in_the_answer_language() -> None:
    assert len(reply("hello", [], "en").follow_ups) == 3
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in q) for q in reply("你好", [], "en").follow_ups)


def test_reasoning_only_for_how_why_and_code() -> None:
    assert reply("How does streaming work?", [], "en").reasoning
    assert reply("为什么天空是蓝色的", [], "en").reasoning.startswith("用户在问")
    assert reply("write python code", [], "en").reasoning
    assert reply("hello", [], "en").reasoning == ""


def test_turns_and_the_previous_question_are_mentioned() -> None:
    answer = reply("and now?", _history("first question", "second question"), "en").answer
    assert answer.startswith("_This is our 3rd exchange in this conversation; last time you asked: “second question”._")
    assert "第 11 轮对话" in reply("然后呢", _history(*["q"] * 10), "en").answer
    assert "11th exchange" in reply("and?", _history(*["q"] * 10), "en").answer


def test_names_are_remembered_not_invented() -> None:
    assert "Your name is **Lin**" in reply("What's my name?", _history("call me lin"), "en").answer
    assert "你叫 **小红**" in reply("我叫什么名字？", _history("我的名字是小红，你好"), "en").answer
    assert "我还不知道你的名字" in reply("我叫什么？", _history("我叫什么？"), "en").answer
    assert reply("My name is Zoe", [], "en").answer.startswith("## Nice to meet you, Zoe!")


def test_demo_bot_profiles_and_tool_answers() -> None:
    assert demo_bot("en").name == "Coze Demo Bot"
    assert demo_bot("zh").prologue.startswith("你好！")
    assert "| `call_1` | 22°C |" in tool_reply([("call_1", "22°C")], "en").answer


def test_a_huge_question_is_quoted_to_a_bounded_excerpt_saying_how_long_it_was() -> None:
    """Before, a 4 MB question was quoted whole: an answer of millions of deltas that never finished streaming."""
    question = "why is this line here?\n" * 100_000  # 2,300,000 characters
    answer = reply(question, _history("My name is Zoe", question), "en").answer
    assert len(answer) < 6_000 and answer.startswith("_This is our 3rd exchange")
    assert "## Let's break it down" in answer and f"_(the first 2,000 of {len(question):,} characters)_" in answer
    chinese = reply("为什么" * 1_000_000, [], "en").answer
    assert len(chinese) < 6_000 and "（共 3,000,000 个字符，这里引用前 2,000 个）" in chinese
    assert "of 2,000 characters" not in reply("x" * 2_000, [], "en").answer  # up to the bound, quoted whole
