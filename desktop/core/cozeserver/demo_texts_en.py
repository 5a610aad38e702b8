"""The demo bot's English answers (string.Template: $question, $short, $name, ...)."""

from __future__ import annotations

BOT = {
    "name": "Coze Demo Bot",
    "description": (
        "A demo bot that runs on your computer: no token, no internet. "
        "It shows streaming, Markdown, code, tables and conversation memory."
    ),
    "prologue": (
        "Hi! I'm the Coze Desktop demo bot. Everything I say is generated on your computer, "
        "so you can try the app without a Coze token. Ask me anything, or try a suggestion below."
    ),
}
SUGGESTED = ["What can you do?", "Show me some Python code", "Why is the sky blue?"]

TURN = "_This is our $ordinal exchange in this conversation; last time you asked: “$previous”._\n\n"
QUOTE_CUT = "_(the first {shown} of {total} characters)_"

GREETING = """## Hello$name_part! 👋

I'm the **Coze Desktop demo bot**. I run entirely on your computer, so you can try the app \
without a token or an internet connection.

Here is what I can show you:

- **Rich text**: headings, lists, quotes and `inline code`
- **Code blocks** with syntax highlighting: ask for *some Python code*
- **Tables**: ask for *a table*
- **Long answers**: ask for *a long answer* to watch smooth streaming
- **Memory**: tell me *"my name is …"* and ask me about it later

| Try asking | What you will see |
|---|---|
| `Show me some Python code` | a fenced code block |
| `Make a table of the API endpoints` | a table |
| `Why is the sky blue?` | a short reasoning step, then the answer |

> Tip: press **Stop** at any time to cancel an answer; what has arrived stays on screen.
"""

CODE = '''## A small Python example

Here is a self-contained function that reads a **server-sent events** stream, the format Coze \
uses for streaming answers:

```python
from collections.abc import Iterable, Iterator


def parse_sse(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Yield (event, data) pairs from the lines of an SSE stream."""
    event, data = "message", []
    for line in lines:
        if not line:  # a blank line ends one event
            if data:
                yield event, "\\n".join(data)
            event, data = "message", []
        elif line.startswith("event:"):
            event = line[len("event:"):].strip()
        elif line.startswith("data:"):
            data.append(line[len("data:"):])


for name, payload in parse_sse(["event:done", 'data:"[DONE]"', ""]):
    print(name, payload)
```

How it works:

- A blank line **dispatches** the event collected so far.
- Several `data:` lines are joined with `\\n`, as the SSE specification says.
- Lines starting with `:` are comments; they match no branch and are skipped.

> Save it as `sse_demo.py` and run `python sse_demo.py`; it prints `done "[DONE]"`.
'''

TABLE = """## The Coze chat API at a glance

| Endpoint | Method | What it does |
|---|---|---|
| `/v1/conversation/create` | POST | creates an empty conversation |
| `/v3/chat` | POST | asks the bot; with `stream: true` the answer arrives as SSE |
| `/v3/chat/cancel` | POST | cancels a chat that is still running |
| `/v1/conversation/message/list` | POST | pages through the saved messages |
| `/v1/bots/{bot_id}` | GET | reads the bot's name, avatar and prologue |

A few things worth knowing:

- Every response carries an `x-tt-logid` header; quote it when you report a problem.
- Errors come back as JSON with a non-zero `code`, often with HTTP status **200**.
- A conversation runs **one chat at a time** (error `4016` otherwise).

> You asked: “$short”
"""

EXPLAIN = """## Let's break it down

> $question

Here is how I would think about it, step by step:

1. **Start from the goal.** What should be true once the question is answered?
2. **Find the moving parts.** Name each component and what it depends on.
3. **Follow the flow.** Trace one concrete example from start to end.
4. **Check the edges.** What happens when something is slow, missing or wrong?

| Step | Question to ask | Typical answer |
|---|---|---|
| Goal | *What must be true?* | a clear, testable outcome |
| Parts | *What is involved?* | inputs, outputs and state |
| Flow | *What happens first?* | a sequence you can draw |
| Edges | *What can go wrong?* | timeouts, errors, retries |

The same idea as a tiny program:

```python
steps = ["goal", "parts", "flow", "edges"]
for number, step in enumerate(steps, start=1):
    print(f"{number}. {step}")
```

> I'm a local demo bot, so this is a template rather than real knowledge, \
but the structure works for most *how* and *why* questions.
"""

DEFAULT = """## About your question

> $question

Thanks for asking! Here is a structured answer you can skim:

- **Short version:** “$short” depends on your context, so let's look at the options.
- **Check first:** the inputs, the expected result and any error message.
- **Next step:** ask me for *a table*, *some code* or *a long answer* to see more formats.

| Option | When it fits | Effort |
|---|---|---|
| Quick fix | you need it working today | low |
| Proper fix | you will maintain it | medium |
| Redesign | the problem keeps coming back | high |

A small helper, with `inline code` like `summarize()` above it:

```python
def summarize(question: str) -> str:
    return f"You asked about: {question}"
```
"""

NAME_SET = """## Nice to meet you, $name! 🤝

I've noted your name in this conversation's history. Ask me **"What is my name?"** in a later \
message and I will remember it.

- Memory lives on the server, per conversation.
- A new conversation starts with a clean slate.

> Everything here stays on your computer.
"""

NAME_KNOWN = """## Your name is **$name**

You told me earlier in this conversation: *“$source”*.

- I remember it because the server keeps each conversation's history.
- In a new conversation I would not know it.
"""

NAME_UNKNOWN = """## I don't know your name yet

You haven't told me in this conversation. Say **"My name is …"** and ask me again afterwards.
"""

TOOL = """## Here is what the tool returned

| Tool call | Output |
|---|---|
$rows

> I used these results to finish the answer.
"""

LONG_INTRO = "# A long answer\n\nYou asked for something long, so here is a tour in $count parts.\n\n"
LONG_SECTION = """## Part $number: $title

$paragraph

- **Why it matters:** $title shapes how the app feels while an answer streams in.
- **What to watch:** the scroll position, the cursor and the `Stop` button.
"""
LONG_TABLE = """
| Measure | Good | Bad |
|---|---|---|
| Time to first word | under a second | several seconds |
| Smoothness | steady text | bursts and jumps |
"""
LONG_CODE = """
```python
for part in range($number):
    print("part", part)
```
"""
LONG_TOPICS = [
    (
        "Streaming",
        "Answers arrive in small pieces called deltas. A good client shows each piece as "
        "soon as it arrives, without re-drawing the whole message every time.",
    ),
    (
        "Markdown",
        "Headings, lists, tables and code blocks make long answers readable. Rendering "
        "them incrementally is harder than it looks, because a table is only complete at its end.",
    ),
    (
        "Cancellation",
        "A user may stop an answer at any moment. The client closes the stream, tells "
        "the server, and keeps the text that has already arrived.",
    ),
    (
        "Errors",
        "Networks fail in many ways: a dropped connection, a proxy page instead of JSON, a "
        "rate limit. Each deserves a clear sentence and a way to retry.",
    ),
    (
        "History",
        "Conversations are stored on the server and locally, so the app can show them offline and search them quickly.",
    ),
    (
        "Performance",
        "A long answer can have tens of thousands of deltas. Work per delta must be "
        "small and constant, or the window stutters.",
    ),
]

FOLLOW_UPS = {
    "greeting": ("Show me some Python code", "Make a table of the Coze API endpoints", "Give me a long answer"),
    "code": (
        "How does the parser handle comment lines?",
        "Can you explain SSE step by step?",
        "Make a table of the SSE fields",
    ),
    "table": ("Why do errors come back with HTTP 200?", "Show me some Python code", "What does error 4016 mean?"),
    "explain": ("Can you give a concrete example?", "Show me that as a table", "Give me a long answer"),
    "default": ("Can you explain that step by step?", "Show me some Python code", "Make a table of the options"),
    "name_set": ("What is my name?", "What can you do?", "Show me some Python code"),
    "name_ask": ("What can you do?", "Make a table", "Why is the sky blue?"),
    "long": ("Summarize that in a table", "Show me some Python code", "Why do long answers stream smoothly?"),
    "tool": ("What else can the tool do?", "Show me some Python code", "Make a table"),
}

REASONING = {
    "explain": "The user asks “$short”. I'll explain it step by step, add a small table and a code "
    "example, then close with a short note.",
    "code": "The user wants code. A short, self-contained Python example with a few comments will be "
    "the most useful, followed by how it works.",
}

ORDINAL_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else ORDINAL_SUFFIXES.get(n % 10, "th")
    return f"{n}{suffix}"
