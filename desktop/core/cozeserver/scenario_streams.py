"""The streams of the stream-level scenarios, built from a normal answer's parts."""

from __future__ import annotations

import itertools
import json
import random
import secrets
from collections.abc import Callable, Iterator, Sequence

from desktop.core.cozeserver.answer_stream import AnswerParts, AnswerStream
from desktop.core.cozeserver.deltas import split_deltas, split_even
from desktop.core.cozeserver.demo_bot import Reply
from desktop.core.cozeserver.scenarios import Scenario
from desktop.core.cozeserver.sse_writer import Drop, Event, Hook, Item, Pause, RawLines
from desktop.core.cozeserver.wire import JsonDict, dumps, error_message, new_id

SECOND_ANSWER = "A second answer message, sent the way a workflow with two message nodes would send it."
_UNKNOWN_EVENTS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("conversation.message.trace", lambda: dumps({"trace_id": new_id(), "node": "llm", "cost_ms": 12})),
    ("conversation.chat.heartbeat", lambda: "{}"),
    ("ping", lambda: dumps({"ts": 1732500000})),
    ("conversation.audio.transcript", lambda: "not json at all"),
)


def stream_items(
    scenario: Scenario, stream: AnswerStream, reply: Reply, rng: random.Random
) -> list[Item] | Iterator[Item]:
    p = scenario.params
    if p["text"] is not None:
        reply = Reply(str(p["text"]), "", reply.follow_ups)
    name = scenario.name
    if name == "long_answer":
        text = bench_text(int(p["size_bytes"]))
        return stream.parts(Reply(text, "", reply.follow_ups), rng, split_even(text, int(p["deltas"]))).items()
    if name == "huge_event":
        text = bench_text(int(p["size_bytes"]))
        return stream.parts(Reply(text, "", reply.follow_ups), rng, [text]).items()
    if name == "endless":
        return _endless(stream.parts(reply, rng))
    if name == "interleaved":
        return _interleaved(stream, reply, str(p["second_text"] or SECOND_ANSWER), rng)
    if name == "requires_action":
        return _requires_action(stream, str(p["function"]), p["arguments"])
    if name in ("rewritten", "stray_deltas", "function_call_same_id"):
        return _inconsistent(name, p, stream, reply, rng)
    parts = stream.parts(reply, rng)
    head, deltas, tail = parts.head, parts.deltas, parts.tail
    n = min(int(p.get("after_deltas", 0)), len(deltas))
    if name == "drop":
        return [*head, *deltas[:n], Drop(bool(p["reset"]))]
    if name == "stall":
        return [*head, *deltas[:n], Pause(float(p["seconds"])), *deltas[n:], *tail]
    if name == "pings":  # a proxy or server keeping a dead chat "alive": comments, no data, then the rest
        ping: list[Item] = [RawLines((b": ping",)), Pause(float(p["every"]))]
        return [*head, *deltas[:n], *(ping * int(p["count"])), *deltas[n:], *tail]
    if name == "chat_failed":
        return [*head, *deltas[:n], *stream.failed(*_code_msg(p))]
    if name in ("error_event", "trailing_json_error"):
        code, msg = _code_msg(p)
        fail = Hook(lambda: stream.state.fail_chat(stream.handle, code, msg))
        envelope = dumps({"code": code, "msg": msg}) if p.get("data") is None else str(p["data"])
        end: Item = Event("error", envelope) if name == "error_event" else RawLines((envelope.encode(),), False)
        return [*head, *deltas[:n], fail, end]
    if name == "garbage":
        return [*head, *_with_garbage(deltas, int(p["every"]), random.Random(p["seed"])), *tail]
    if name == "broken_json":
        return [*head, *_with_broken(deltas, int(p["count"])), *tail]
    if name == "unknown_events":
        return [*head, *_with_unknown(deltas, int(p["every"])), *tail]
    if name == "future_fields":
        return _with_future_fields([*head, *deltas, *tail])
    return parts.items()  # framing, slow: the normal answer (framing and pace apply to all)


def _inconsistent(name: str, p: JsonDict, stream: AnswerStream, reply: Reply, rng: random.Random) -> list[Item]:
    """Streams a careless server could send: the completed message rewrites the deltas (`rewritten`);
    deltas and a second, different completed message arrive for an answer already completed
    (`stray_deltas`); a function_call delta carries the answer's message id (`function_call_same_id`)."""
    msg_id = new_id()
    deltas: list[Item] = [*stream.deltas(split_deltas(reply.answer, rng), msg_id=msg_id)]
    final = Reply(str(p["final"]), "", reply.follow_ups) if name == "rewritten" else reply
    messages = stream.final_messages(final, msg_id)
    usage = stream.usage(final.answer)
    if name == "function_call_same_id":
        call = stream.message("function_call", str(p["arguments"]), msg_id=msg_id)
        deltas.insert(len(deltas) // 2, Event("conversation.message.delta", dumps(call)))
    tail = stream.finished(messages, usage, len(deltas))
    if name == "stray_deltas":
        stray = [*stream.deltas([str(p["stray"])], msg_id=msg_id)]
        again = stream.completed(stream.message("answer", reply.answer + str(p["stray"]) * 2, msg_id=msg_id))
        tail = [tail[0], *stray, again, *tail[1:]]
    return [*stream.start(), *deltas, *tail]


def _code_msg(params: JsonDict) -> tuple[int, str]:
    code = int(params["code"])
    return code, str(params["msg"]) if params["msg"] is not None else error_message(code)


def bench_text(size_bytes: int) -> str:
    """Mixed Chinese/English Markdown of about `size_bytes` UTF-8 bytes."""
    lines: list[str] = []
    total = 0
    for n in itertools.count(1):
        if total >= size_bytes:
            break
        if n % 40 == 1:
            line = f"\n## 第 {n // 40 + 1} 节 · Section {n // 40 + 1}\n\n"
        else:
            line = f"{n}. 扣子 Coze 流式输出测试，The quick brown fox jumps over the lazy dog；敏捷的棕色狐狸跳过了懒狗。\n"
        lines.append(line)
        total += len(line.encode())
    return "".join(lines).encode()[:size_bytes].decode(errors="ignore")


def _endless(parts: AnswerParts) -> Iterator[Item]:
    yield from parts.head
    deltas = parts.deltas or [Event("conversation.message.delta", "{}", paced=True)]
    while True:
        yield from deltas


def _interleaved(stream: AnswerStream, reply: Reply, second: str, rng: random.Random) -> list[Item]:
    first_id, second_id = new_id(), new_id()
    first = stream.deltas(split_deltas(reply.answer, rng), msg_id=first_id)
    other = stream.deltas(split_deltas(second, rng), msg_id=second_id)
    merged = [e for pair in itertools.zip_longest(first, other) for e in pair if e is not None]
    messages = stream.final_messages(Reply(reply.answer, "", reply.follow_ups), first_id)
    messages.insert(1, stream.message("answer", second, msg_id=second_id))
    usage = stream.usage(reply.answer, second)
    return [*stream.start(), *merged, *stream.finished(messages, usage, len(merged))]


def _requires_action(stream: AnswerStream, function: str, arguments: object) -> list[Item]:
    args = arguments if isinstance(arguments, dict) else {"city": "Beijing"}
    call = {
        "name": function,
        "arguments": args,
        "plugin_id": new_id(),
        "plugin_name": function,
        "api_id": new_id(),
        "api_name": function,
        "plugin_type": 1,
    }
    message = stream.message("function_call", dumps(call))
    tool_call = {
        "id": "call_" + secrets.token_hex(12),
        "type": "function",
        "function": {"name": function, "arguments": dumps(args)},
    }
    required = {"type": "submit_tool_outputs", "submit_tool_outputs": {"tool_calls": [tool_call]}}
    chat = stream.chat("requires_action", usage=stream.usage(message["content"]), required_action=required)
    return [
        *stream.start(),
        stream.completed(message),
        Hook(lambda: stream.state.require_action(stream.handle, message, required)),
        stream.chat_event("conversation.chat.requires_action", chat),
        stream.done(),
    ]


def _junk(rng: random.Random) -> list[RawLines]:
    # Bytes 0x80-0xFF alone are never valid UTF-8 and never contain ':' or a line break.
    return [
        RawLines((bytes(rng.randrange(0x80, 0x100) for _ in range(24)),)),
        RawLines((b"this line is not SSE at all",)),
        RawLines((b"\xff\xfe binary \xc3\x28 truncated \xe4\xb8", b"<html><body>oops</body></html>")),
        RawLines((b"HTTP/1.1 200 OK",)),
    ]


def _with_garbage(deltas: Sequence[Event], every: int, rng: random.Random) -> list[Item]:
    junk = itertools.cycle(_junk(rng))
    out: list[Item] = []
    for i, delta in enumerate(deltas, 1):
        out.append(delta)
        if i % max(1, every) == 0:
            out.append(next(junk))
        if i == len(deltas) // 2:
            out.append(_broken(delta))
    return out


def _broken(delta: Event) -> Event:
    """An extra delta whose JSON is cut in half (its text is not part of the answer)."""
    return Event(delta.name, delta.data[: len(delta.data) // 2])


def _with_broken(deltas: Sequence[Event], count: int) -> list[Item]:
    positions = {(k + 1) * len(deltas) // (count + 1) for k in range(count)} if deltas else set()
    out: list[Item] = []
    for i, delta in enumerate(deltas):
        if i in positions:
            out.append(_broken(delta))
        out.append(delta)
    return out


def _with_future_fields(items: Sequence[Item]) -> list[Item]:
    """Every event object with unknown fields around its own, one of them holding a nested "content" (before
    the real one, after it in deltas; chat objects also get one that changes each time), and after the
    first delta a new event holding that delta's message with other text."""
    out: list[Item] = []
    new_event = True
    for i, item in enumerate(items):
        if not isinstance(item, Event) or not item.data.startswith("{"):
            out.append(item)
            continue
        obj = json.loads(item.data)
        trace = {"x_trace": {"content": "not the answer", "id": "0"}}
        if item.name == "conversation.message.delta":  # after the real content: the reader's fast path
            wider = {**obj, **trace, "x_flags": [None, True]}
        else:
            wider = {**trace, **obj, "x_flags": [None, True], **({"x_seq": i} if "status" in obj else {})}
        out.append(Event(item.name, dumps(wider), item.paced))
        if new_event and item.name == "conversation.message.delta":
            out.append(Event("conversation.message.final", dumps({**obj, "content": "NOT THE ANSWER"})))
            new_event = False
    return out


def _with_unknown(deltas: Sequence[Event], every: int) -> list[Item]:
    kinds = itertools.cycle(_UNKNOWN_EVENTS)
    out: list[Item] = []
    for i, delta in enumerate(deltas, 1):
        out.append(delta)
        if i % max(1, every) == 0:
            name, data = next(kinds)
            out.append(Event(name, data()))
    return out
