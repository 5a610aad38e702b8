"""The /v3/chat endpoints: chat (streamed or not), cancel, retrieve, messages, submit_tool_outputs."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from desktop.core.cozeserver import demo_bot, demo_files, demo_shortcuts, object_string
from desktop.core.cozeserver.answer_stream import AnswerStream, input_tokens
from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.demo_bot import question_text
from desktop.core.cozeserver.http_types import JsonResponse, Request, Response, StreamResponse
from desktop.core.cozeserver.records import StartedChat
from desktop.core.cozeserver.scenario_streams import stream_items
from desktop.core.cozeserver.scenarios import Scenario, http_response
from desktop.core.cozeserver.sse_writer import Framing, Item
from desktop.core.cozeserver.wire import ApiError, JsonDict, invalid_parameter, new_id, ok

Params = dict[str, str]


def create_chat(ctx: ServerContext, req: Request, _: Params) -> Response:
    body = req.json_object()
    scenario = ctx.next_scenario()
    if scenario is not None and scenario.params.get("code") == 4100:  # as if the token had just expired
        ctx.oauth.expire(req.headers.get("authorization", "").partition(" ")[2].strip())
    if scenario is not None and scenario.http_level:
        return http_response(scenario, str(body.get("bot_id") or ""))
    bot_id = _required(body, "bot_id")
    _required(body, "user_id")
    stream = body.get("stream") is True
    save = body.get("auto_save_history", True) is not False
    if not stream and not save:
        raise invalid_parameter("auto_save_history must be true when stream is false")
    additional = body.get("additional_messages") or []
    if not isinstance(additional, list):
        raise invalid_parameter("additional_messages must be an array")
    ctx.state.check_bot(bot_id)
    shortcut, named = None, []
    if body.get("shortcut_command") is not None:
        shortcut = demo_shortcuts.resolve(ctx.state.shortcut_commands(bot_id), body["shortcut_command"])
        named = demo_shortcuts.file_values(*shortcut, ctx.files)
        if not any(isinstance(m, dict) and m.get("role") == "user" for m in additional):
            asked = demo_shortcuts.fill(str(shortcut[0]["query_template"]), shortcut[1])
            additional = [*additional, {"role": "user", "content": asked, "content_type": "text"}]
    try:
        object_string.check_messages(additional, ctx.files)
    except ApiError as exc:  # Coze may take the chat and fail it once the model looks for the file
        if scenario is None or scenario.name != "file_failed" or not stream:
            raise
        return _failing_late(ctx, req, exc, scenario)
    started = ctx.state.start_chat(
        bot_id=bot_id,
        conversation_id=req.query.get("conversation_id") or None,
        additional=additional,
        meta_data=_meta_data(body.get("meta_data")),
        save=save,
    )
    question = question_text(started.question)
    if shortcut is not None:
        reply = _shortcut_reply(ctx, question, started, *shortcut, files=named)
    else:
        reply = _reply(ctx, question, started, additional, "http://" + req.headers.get("host", "127.0.0.1"))
    pace = ctx.pace
    if scenario is not None and scenario.params.get("pace") is not None:
        pace = float(scenario.params["pace"])
    answer = AnswerStream(started.handle, ctx.state, pace, input_tokens(question, started.history))
    rng = random.Random(started.handle.chat_id)
    if not stream:
        return _answer_now(answer, reply)
    if scenario is None:
        return _stream(ctx, started, answer.parts(reply, rng).items(), Framing(), pace)
    return _stream(ctx, started, stream_items(scenario, answer, reply, rng), scenario.framing(), pace)


def _failing_late(ctx: ServerContext, req: Request, error: ApiError, scenario: Scenario) -> Response:
    """The chat starts (chat.created, in_progress), then `conversation.chat.failed` carries the file error."""
    body = req.json_object()
    started = ctx.state.start_chat(
        bot_id=str(body["bot_id"]),
        conversation_id=req.query.get("conversation_id") or None,
        additional=body.get("additional_messages") or [],
        meta_data=_meta_data(body.get("meta_data")),
        save=True,
    )
    answer = AnswerStream(started.handle, ctx.state, ctx.pace, input_tokens("", started.history))
    return _stream(ctx, started, [*answer.start(), *answer.failed(error.code, error.msg)], scenario.framing(), ctx.pace)


def submit_tool_outputs(ctx: ServerContext, req: Request, _: Params) -> Response:
    conversation_id, chat_id = _ids(req.query)
    body = req.json_object()
    outputs = body.get("tool_outputs")
    if not isinstance(outputs, list) or not outputs:
        raise invalid_parameter("tool_outputs is required")
    pairs = [(str(o.get("tool_call_id", "")), str(o.get("output", ""))) for o in outputs if isinstance(o, dict)]
    started = ctx.state.resume_chat(conversation_id, chat_id)
    language = demo_bot.answer_language(" ".join(out for _, out in pairs), ctx.language)
    reply = demo_bot.tool_reply(pairs, language)
    answer = AnswerStream(started.handle, ctx.state, ctx.pace, input_tokens("", started.history))
    if body.get("stream") is not True:
        return _answer_now(answer, reply)
    parts = answer.parts(reply, random.Random(chat_id))
    resumed = answer.chat_event("conversation.chat.in_progress", answer.chat("in_progress"))
    return _stream(ctx, started, [resumed, *parts.deltas, *parts.tail], Framing(), ctx.pace)


def cancel_chat(ctx: ServerContext, req: Request, _: Params) -> Response:
    body = req.json_object()
    conversation_id, chat_id = str(body.get("conversation_id") or ""), str(body.get("chat_id") or "")
    ctx.note_cancel(conversation_id, chat_id)
    if not conversation_id or not chat_id:
        raise invalid_parameter("conversation_id and chat_id are required")
    return JsonResponse(ok(ctx.state.cancel_chat(conversation_id, chat_id)))


def retrieve_chat(ctx: ServerContext, req: Request, _: Params) -> Response:
    return JsonResponse(ok(ctx.state.chat(*_ids(req.query))))


def chat_messages(ctx: ServerContext, req: Request, _: Params) -> Response:
    return JsonResponse(ok(ctx.state.chat_messages(*_ids(req.query))))


def _reply(
    ctx: ServerContext, question: str, started: StartedChat, additional: list[JsonDict], base: str
) -> demo_bot.Reply:
    """The demo bot's answer; with attachments, it first says what it received; asked to draw, it
    answers with a picture (served by this server) and files."""
    asked = next((m for m in reversed(additional) if isinstance(m, dict) and m.get("role") == "user"), None)
    if asked is None or asked.get("content_type") != "object_string":
        if demo_files.DRAW.search(question, 0, demo_bot.READ_CHARS):  # (a 4 MB question: one ~50 ms scan)
            seed = len(started.history) + sum(map(ord, question))
            language = demo_bot.answer_language(question, ctx.language)
            return demo_bot.Reply(demo_files.drawing_answer(base, seed, language))
        return demo_bot.reply(question, started.history, ctx.language)
    text, attachments = object_string.items(asked.get("content"), ctx.files)
    language = demo_bot.answer_language(text, ctx.language)
    described = demo_files.describe(attachments, language)
    if not text.strip():
        return demo_bot.Reply(described)
    answer = demo_bot.reply(text, started.history, ctx.language)
    return demo_bot.Reply(described + "\n" + answer.answer, answer.reasoning, answer.follow_ups)


def _shortcut_reply(
    ctx: ServerContext,
    question: str,
    started: StartedChat,
    command: JsonDict,
    values: dict[str, str],
    *,
    files: Sequence[object_string.Attachment],
) -> demo_bot.Reply:
    """A shortcut command's answer: its tool's messages first (if it has a tool), then the answer."""
    language = demo_bot.answer_language(question, ctx.language)
    earlier = [question_text(str(m.get("content") or "")) for m in started.history if m.get("type") == "question"]
    steps, answer = demo_shortcuts.steps_and_answer(command, values, earlier, language, files)
    return demo_bot.Reply(answer, "", (), tuple(steps))


def _answer_now(answer: AnswerStream, reply: demo_bot.Reply) -> Response:
    """stream=false: the chat object says in_progress; the answer is ready for retrieve at once."""
    snapshot = answer.chat("in_progress")
    messages = [*answer.step_messages(reply), *answer.final_messages(reply, new_id())]
    answer.state.finish_chat(answer.handle, messages, answer.usage(reply.answer, reply.reasoning))
    return JsonResponse(ok(snapshot))


def _stream(ctx: ServerContext, started: StartedChat, items: Iterable[Item], framing: Framing, pace: float) -> Response:
    return StreamResponse(items, framing, pace, on_close=lambda: ctx.state.end_stream(started.handle))


def _required(body: JsonDict, key: str) -> str:
    value = body.get(key)
    if value is None or value == "":
        raise invalid_parameter(f"{key} is required")
    return str(value)


def _ids(query: Params) -> tuple[str, str]:
    conversation_id, chat_id = query.get("conversation_id", ""), query.get("chat_id", "")
    if not conversation_id or not chat_id:
        raise invalid_parameter("conversation_id and chat_id are required")
    return conversation_id, chat_id


def _meta_data(value: object) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise invalid_parameter("meta_data must be an object of strings")
    return {str(k): str(v) for k, v in value.items()}
