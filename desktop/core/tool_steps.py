"""What a bot did on the way to an answer: its tool calls, their output, a knowledge recall.

Coze sends these as messages of their own beside the answer (coze-py `MessageType`, coze-js
`MessageType`): `function_call` (content: JSON {name, arguments, plugin_id, api_id, plugin_type,
thought}, the shape in Coze's docs of chat message list), `tool_output` / `tool_response` (the tool's
raw output), `verbose` (JSON {msg_type, data, from_module, from_unit}; `generate_answer_finish` only
says all answers are done). They are kept in the history like any message and shown folded under the
answer they led to, as readable lines: never as raw JSON, never mixed into the answer's text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

CALL, OUTPUT_TYPES, VERBOSE = "function_call", frozenset({"tool_output", "tool_response"}), "verbose"
STEP_TYPES = frozenset({CALL, VERBOSE, *OUTPUT_TYPES})
QUIET_VERBOSE = frozenset({"generate_answer_finish"})  # bookkeeping: never shown
RECALL = "knowledge_recall"
KIND_TOOL, KIND_RECALL, KIND_OTHER = "tool", "recall", "other"
MAX_LINES, MAX_VALUE_CHARS = 40, 600

Lines = tuple[tuple[str, str], ...]  # (label, value); an empty label is a line of its own


@dataclass(frozen=True, slots=True)
class ToolStep:
    """One thing the bot did: a tool call with its arguments and output, a recall, or another step."""

    kind: str
    name: str  # the tool's name, or the verbose message's msg_type
    arguments: Lines = ()
    thought: str = ""
    result: Lines = ()
    answered: bool = field(default=False)  # the tool's output arrived


def _json(text: str) -> Any:
    stripped = text.strip()
    if not stripped.startswith(("{", "[")):
        return text
    try:
        return json.loads(stripped)
    except ValueError:
        return text


def readable(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    """A JSON value as "path: value" lines (a string that holds JSON is read as JSON too)."""
    if isinstance(value, str):
        parsed = _json(value)
        if parsed is not value and not isinstance(parsed, str):
            return readable(parsed, prefix)
        text = value if len(value) <= MAX_VALUE_CHARS else value[: MAX_VALUE_CHARS - 1] + "…"
        return [(prefix, text)]
    if isinstance(value, dict):
        lines: list[tuple[str, str]] = []
        for key, inner in value.items():
            lines += readable(inner, f"{prefix}.{key}" if prefix else str(key))
        return lines[:MAX_LINES]
    if isinstance(value, list):
        lines = []
        for index, inner in enumerate(value):
            lines += readable(inner, f"{prefix}[{index + 1}]" if prefix else f"[{index + 1}]")
        return lines[:MAX_LINES]
    if value is None:
        return [(prefix, "—")]
    return [(prefix, json.dumps(value, ensure_ascii=False) if isinstance(value, bool) else str(value))]


def _recall(data: Any) -> Lines:
    """A knowledge recall's pieces, each with the document it came from (when named)."""
    chunks = data.get("chunks") if isinstance(data, dict) else None
    if not isinstance(chunks, list):
        return tuple(readable(data))
    lines: list[tuple[str, str]] = []
    for chunk in chunks[:MAX_LINES]:
        if not isinstance(chunk, dict):
            continue
        meta = chunk.get("meta") if isinstance(chunk.get("meta"), dict) else {}
        document = (meta or {}).get("document")
        name = document.get("name") if isinstance(document, dict) else ""
        lines.append((str(name or ""), str(chunk.get("slice") or "")[:MAX_VALUE_CHARS]))
    return tuple(lines)


def steps_of(messages: Iterable[tuple[str, str]]) -> list[ToolStep]:
    """The steps shown for (type, content) messages in the order Coze sent them: a call and the output
    after it make one step; an output without a call, a recall or another verbose message a step each."""
    steps: list[ToolStep] = []
    for kind, content in messages:
        if kind == CALL:
            call = _json(content)
            call = call if isinstance(call, dict) else {"arguments": content}
            arguments = call.get("arguments")
            steps.append(
                ToolStep(
                    KIND_TOOL,
                    str(call.get("name") or call.get("plugin_name") or ""),
                    tuple(readable(arguments if arguments is not None else {})),
                    str(call.get("thought") or ""),
                )
            )
        elif kind in OUTPUT_TYPES:
            open_call = next((i for i in range(len(steps) - 1, -1, -1) if steps[i].kind == KIND_TOOL), None)
            result = tuple(readable(content))
            if open_call is not None and not steps[open_call].answered:
                done = steps[open_call]
                steps[open_call] = ToolStep(done.kind, done.name, done.arguments, done.thought, result, True)
            else:
                steps.append(ToolStep(KIND_TOOL, "", result=result, answered=True))
        elif kind == VERBOSE:
            verbose = _json(content)
            msg_type = str(verbose.get("msg_type") or "") if isinstance(verbose, dict) else ""
            if msg_type in QUIET_VERBOSE or not isinstance(verbose, dict):
                continue
            raw = verbose.get("data")
            data = _json(raw) if isinstance(raw, str) else raw
            if msg_type == RECALL:
                steps.append(ToolStep(KIND_RECALL, msg_type, result=_recall(data), answered=True))
            else:
                steps.append(ToolStep(KIND_OTHER, msg_type, result=tuple(readable(data)), answered=True))
    return steps


def is_shown_step(kind: str, content: str) -> bool:
    """Whether a message is one of the steps shown under an answer (not bookkeeping, not the answer)."""
    return kind in STEP_TYPES and bool(steps_of([(kind, content)]))
