"""Export the history as Markdown, for reading: a `# title` per conversation, speaker labels, message
text verbatim, a note under answers that did not complete."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from desktop.core.shortcut_use import ShortcutUse
from desktop.core.store.models import Conversation, Message
from desktop.core.store.transfer.answer_media import answer_media
from desktop.core.store.transfer.attachments import AttachmentAssets, question_markdown, question_text
from desktop.core.store.transfer.markdown_words import ENGLISH, MarkdownWords, markdown_words
from desktop.core.store.transfer.progress import Progress, no_progress
from desktop.core.store.transfer.walk import walk
from desktop.core.store.versions import AnswerVersion
from desktop.core.timestamps import local_time
from desktop.core.vocabulary import MessageStatus, Role
from desktop.core.workflow_cards import card_as_text, parse_card

if TYPE_CHECKING:
    from desktop.core.store.store import Store

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def close_open_fence(text: str) -> str:
    """`text` plus a closing fence if it ends inside a code block (an interrupted answer often does),
    so the rest of the document is not swallowed by the open block. The text itself is kept as is."""
    open_fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if match is None:
            continue
        fence = match.group(1)
        if open_fence is None:
            open_fence = fence
        elif fence[0] == open_fence[0] and len(fence) >= len(open_fence) and not line.strip()[len(fence) :]:
            open_fence = None
    if open_fence is None:
        return text
    return text + ("" if text.endswith("\n") else "\n") + open_fence


def _when(timestamp: float) -> str:
    return local_time(timestamp)


def status_note(message: Message, words: MarkdownWords = ENGLISH) -> str:
    """What to say under an answer that did not complete ("" when it did)."""
    if message.status == MessageStatus.INTERRUPTED:
        note = words.interrupted
    elif message.status == MessageStatus.CANCELLED:
        note = words.stopped
    elif message.status == MessageStatus.STREAMING:
        note = words.streaming
    elif message.status == MessageStatus.FAILED:
        note = words.failed
        if message.error is not None:
            detail = [message.error.msg] if message.error.msg else []
            if message.error.code is not None:
                detail.append(words.code.format(code=message.error.code))
            if message.error.logid:
                detail.append(words.logid.format(logid=message.error.logid))
            if detail:
                note += words.separator + words.comma.join(detail)
    else:
        return ""
    return note


class MarkdownWriter:
    """A `ChatWriter` writing Markdown to `out` as the messages come."""

    def __init__(
        self,
        out: TextIO,
        store: Store | None = None,
        assets: AttachmentAssets | None = None,
        words: MarkdownWords = ENGLISH,
    ) -> None:
        self._out = out
        self._store = store
        self._assets = assets  # where attached files are copied (next to the .md), if anywhere
        self._words = words  # the labels around the messages, in the reader's language
        self._bot_name = words.bot
        self._separator = ""
        self._question: Message | None = None  # the last question: an earlier version says if it was asked otherwise

    def conversation(self, conversation: Conversation, bot_name: str) -> None:
        self._bot_name = bot_name
        self._out.write(
            f"{self._separator}# {conversation.title or self._words.untitled}\n\n"
            f"*{_when(conversation.created_at)} · {bot_name}* (bot `{conversation.bot_id}`)"
        )
        self._separator = "\n---\n\n"

    def message(self, message: Message, earlier: Sequence[AnswerVersion] = ()) -> None:
        speaker = self._words.you if message.role == Role.USER else self._bot_name
        count = len(earlier) + 1
        shown = self._words.version.format(number=count, count=count) if earlier else ""
        parts = [f"**{speaker}** · {_when(message.created_at)}{shown}", *self._body(message)]
        if message.role == Role.USER:
            self._question = message
        for number, version in enumerate(earlier, start=1):
            parts.append(self._version(version, number, count))
        self._out.write("".join("\n\n" + part for part in parts))

    def _body(self, message: Message) -> list[str]:
        """A message's reasoning (quoted), text and, for an answer that did not complete, a note."""
        parts = []
        if message.reasoning_content.strip():
            parts.append("\n".join("> " + line for line in message.reasoning_content.strip().splitlines()))
        card = parse_card(message.content, message.content_type)  # a chatflow's card: readable, not JSON
        content = card_as_text(card) if card is not None else message.content
        unsaved = ""
        if self._store is not None and message.role == Role.USER and message.content_type == "object_string":
            content = question_markdown(self._store, message, self._assets)  # its text and its files
        elif message.role != Role.USER and card is None:  # its pictures and files: saved next to the .md
            if self._assets is not None and self._assets.fetch is not None:
                content, unsaved = self._assets.answer(content, message.content_type, self._words)
            else:
                content = answer_media(content, message.content_type)[0]
        shortcut = ShortcutUse.line_of(message.shortcut)
        if shortcut:  # sent with a bot's shortcut command
            parts.append(f"`{shortcut}`")
        if content:
            parts.append(close_open_fence(content.rstrip("\n")))
        for note in (unsaved, status_note(message, self._words)):
            if note:
                parts.append(f"> *⚠ {note}*")
        return parts

    def _version(self, version: AnswerVersion, number: int, count: int) -> str:
        """An earlier version, after the one shown: folded (`<details>`, which Markdown readers show
        closed), with the question as it was asked then when it has been edited since."""
        summary = self._words.earlier.format(number=number, count=count)
        lines = [f"<details>\n<summary>{summary} · {_when(version.answer.created_at)}</summary>"]
        asked = question_text(version.question, version.question_content_type)
        current = self._question
        if current is None or asked != question_text(current.content, current.content_type):
            lines.append(self._words.asked_as + " ".join(asked.split()) if asked.strip() else self._words.files_only)
        lines += self._body(version.answer)
        return "\n\n".join([*lines, "</details>"])

    def conversation_done(self) -> None:
        self._out.write("\n")


def write_markdown(
    store: Store,
    out: TextIO,
    conversation_id: int | None = None,
    progress: Progress = no_progress,
    assets: AttachmentAssets | None = None,
    *,
    language: str = "en",
) -> None:
    """The history (or one conversation) as Markdown, written to `out` one message at a time; with
    `assets`, attached pictures and files are copied next to it and linked relatively; its labels ("You",
    "stopped by the user"…) in `language` ("zh…" Chinese, else English)."""
    walk(store, conversation_id, MarkdownWriter(out, store, assets, markdown_words(language)), progress)


def export_markdown(store: Store, conversation_id: int | None = None, language: str = "en") -> str:
    """`write_markdown` into a string (for small exports, Copy conversation and tests)."""
    out = io.StringIO()
    write_markdown(store, out, conversation_id, language=language)
    return out.getvalue()
