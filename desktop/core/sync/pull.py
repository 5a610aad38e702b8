"""Pull a bot's conversations from Coze into the local history (Qt-free, blocking: run it on a worker).

Coze keeps every conversation made through the API (`auto_save_history`), from any machine. For one
bot, the pull lists them on both channels Coze lets the caller list (API 1024 and chat SDK 999, every
page), and for each reads its messages oldest first (`order=asc`, cursor `after_id`), adding the ones
this computer lacks. Nothing is ever duplicated: messages are keyed by their Coze ids, conversations by
theirs (a conversation made on Coze moments ago and still empty is left for a later sync: most likely a
chat here that has not recorded its id yet). Nothing is ever uploaded: a conversation only this computer has stays so, and a conversation
Coze no longer has keeps every local message and becomes "only on this computer". One the user deleted here
(and not on Coze) is not brought back (store/deleted_here.py); its record goes once Coze no longer has it.

Resumable: each page of messages is committed with the conversation's cursor (the last Coze message id
read), so a pull cut short by a dropped connection continues there next time. A conversation whose
Coze `updated_at` has not moved since it was last read through is not read again; one read too recently
to trust that costs one request (the page after the cursor), and only when its `updated_at` moved does an
empty page after the cursor mean the cursor's message is gone (then it is read again from the start). Coze's "not now"
answers (4009, 4013, 4020, HTTP 429) are waited out with the same bounded backoff a chat uses.

Names: a conversation new to this computer takes Coze's name as its title. Later, a name changed on
Coze replaces the local title; a local rename is pushed to Coze when it is made, so both sides agree
again at once.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from desktop.core.attachments.copies import with_local_copies
from desktop.core.coze.backoff import DEFAULT_BACKOFF, Backoff, RetryCallback, RetryCancelled, call_with_backoff
from desktop.core.coze.client import CozeClient
from desktop.core.coze.content import OBJECT_STRING
from desktop.core.coze.errors import CozeError, CozeProtocolError, ErrorKind
from desktop.core.coze.models import ChatMessage, Conversation, MessagePage
from desktop.core.store import NewMessage, Store
from desktop.core.store.coze_links import SECTION_KEY, CozeLink, NotLinked, divider
from desktop.core.store.models import DIALOGUE_TYPES, NotFoundError
from desktop.core.vocabulary import ROLES, Role

log = logging.getLogger(__name__)

T = TypeVar("T")

CONNECTORS = ("1024", "999")  # the channels Coze lists a caller's own conversations for: API, chat SDK
PAGE_SIZE = 50  # Coze's largest page, for conversations and messages alike
GONE_CODES = frozenset({4002, 4200})
# Coze's updated_at counts whole seconds on Coze's clock: a conversation is only skipped as unchanged
# when it last changed well before it was read (a message in the same second, or a clock running a
# little behind, would leave updated_at as it was).
SETTLED_SECONDS = 120.0
# One sync reads at most this many messages of one conversation (400 pages): a listing that never ends
# (a broken gateway inventing pages) cannot keep a sync busy, and its memory growing, for ever. What was
# read is committed with its cursor, so a real conversation this long goes on at the next sync.
MAX_MESSAGES_PER_SYNC = 20_000


class SyncStopped(Exception):
    """The pull was stopped (by the user, or the app quitting); what it had stored stays."""


@dataclass
class SyncProgress:
    """Where a pull stands: `done` of `total` conversations read (total 0 while listing)."""

    bot_id: str
    done: int = 0
    total: int = 0
    conversations_added: int = 0
    messages_added: int = 0
    requests: int = 0


@dataclass
class SyncReport:
    bot_id: str
    conversations_seen: int = 0
    conversations_added: int = 0
    messages_added: int = 0
    renamed: int = 0  # local titles that took a name changed on Coze
    gone: int = 0  # linked conversations Coze no longer has: now only on this computer
    skipped: int = 0  # unchanged since they were last read through
    cut_short: int = 0  # conversations with more messages than one sync reads: the next sync goes on
    requests: int = 0
    added_ids: list[int] = field(default_factory=list)  # local ids of the conversations new to this computer


ProgressCallback = Callable[[SyncProgress], None]


class Puller:
    """Pulls one bot at a time with one client into one store (the store's thread must run it)."""

    def __init__(
        self,
        client: CozeClient,
        store: Store,
        *,
        backoff: Backoff = DEFAULT_BACKOFF,
        stopped: threading.Event | None = None,
        on_progress: ProgressCallback | None = None,
        on_retry: RetryCallback | None = None,
        clock: Callable[[], float] = time.time,
        max_messages: int = MAX_MESSAGES_PER_SYNC,
    ) -> None:
        self._client = client
        self._store = store
        self._backoff = backoff
        self._stopped = stopped or threading.Event()
        self._on_progress = on_progress or (lambda progress: None)
        self._on_retry = on_retry or (lambda seconds, attempt, error: None)
        self._progress = SyncProgress("")
        self._clock = clock
        self._listed_at = 0.0
        self._max_messages = max_messages
        self._read = 0  # messages listed of the conversation being read, in this sync
        self._first_pages: dict[str, MessagePage] = {}  # a new conversation's first page, read to see it is not empty

    def pull(self, bot_id: str) -> SyncReport:
        """Raises CozeError when Coze refuses (or the connection drops) and SyncStopped when stopped."""
        report = SyncReport(bot_id)
        self._progress = SyncProgress(bot_id)
        self._on_progress(self._progress)
        self._listed_at = self._clock()
        remote = self._list_all(bot_id)
        report.conversations_seen = self._progress.total = len(remote)
        self._on_progress(self._progress)
        links = self._store.coze.for_bot(bot_id)
        deleted_here = self._store.coze.deleted_here(bot_id)  # the user deleted them here, not on Coze: left alone
        for conversation in remote:
            self._check_stopped()
            try:
                if conversation.id not in deleted_here or conversation.id in links:
                    self._pull_one(bot_id, conversation, links.get(conversation.id), report)
            except (NotLinked, NotFoundError):
                log.info("a conversation was merged or deleted here while the sync read it: the next sync goes on")
            self._progress.done += 1
            self._on_progress(self._progress)
        listed = {c.id for c in remote}
        for coze_id, link in links.items():
            if coze_id not in listed and self._is_gone(coze_id):
                with contextlib.suppress(NotFoundError):  # (deleted here meanwhile)
                    self._store.coze.unlink(link.conversation_id)
                    report.gone += 1
        self._prune_deleted_here(deleted_here - listed)
        report.requests = self._progress.requests
        return report

    def _prune_deleted_here(self, unlisted: set[str]) -> None:
        """The records of chats deleted here that the whole listing left out and Coze no longer has (4002/4200
        on retrieve: Coze never gives an id again) go; one Coze still has (another channel, another account)
        stays, and so does one whose answer was anything else (checked again at the next sync)."""
        for coze_id in sorted(unlisted):
            self._check_stopped()
            try:
                if self._is_gone(coze_id):
                    self._store.coze.forget_deleted_here(coze_id)
            except CozeError as exc:
                log.info("a chat deleted here keeps its record: %s", exc.summary())

    # -- conversations ------------------------------------------------------------------------------

    def _list_all(self, bot_id: str) -> list[Conversation]:
        """Every conversation of the bot on both channels, oldest first (so local ids follow Coze's order)."""
        found: dict[str, Conversation] = {}
        for connector in CONNECTORS:
            page_num = 1
            while True:
                self._check_stopped()
                page = self._request(
                    functools.partial(
                        self._client.list_conversations, bot_id, page_num, PAGE_SIZE, connector_id=connector
                    )
                )
                before = len(found)
                for conversation in page.conversations:
                    if conversation.id:  # one without an id cannot be read: never adopt it
                        found.setdefault(conversation.id, conversation)
                if not page.has_more or not page.conversations:
                    break
                if len(found) == before:  # "more" that is only what came before: it would never end
                    raise _stuck("conversations")
                page_num += 1
        return sorted(found.values(), key=lambda c: (c.created_at, c.id))

    def _pull_one(self, bot_id: str, conversation: Conversation, link: CozeLink | None, report: SyncReport) -> None:
        coze = self._store.coze
        if link is None:
            if self._just_created_and_empty(conversation):
                return
            link, new = coze.adopt(
                bot_id, conversation.id, conversation.name, float(conversation.created_at or time.time())
            )
            if new:  # (else another sync adopted it meanwhile: it goes on like one known before)
                report.conversations_added += 1
                report.added_ids.append(link.conversation_id)
                self._progress.conversations_added += 1
        try:
            self._read_one(conversation, link, report)
        except (NotLinked, NotFoundError):
            # The chat that created it on Coze recorded its id meanwhile and took this copy in (twins.py), or
            # the user deleted it: what was read is where it belongs, and the next sync reads the rest there.
            if link.conversation_id in report.added_ids:
                report.added_ids.remove(link.conversation_id)
                report.conversations_added -= 1
                self._progress.conversations_added -= 1
            raise

    def _read_one(self, conversation: Conversation, link: CozeLink, report: SyncReport) -> None:
        coze = self._store.coze
        if link.coze_name is None:
            coze.set_coze_name(link.conversation_id, conversation.name, retitle=False)  # first sight: keep ours
        elif conversation.name and conversation.name != link.coze_name:
            coze.set_coze_name(link.conversation_id, conversation.name, retitle=True)  # renamed on Coze
            report.renamed += 1
        unchanged = link.coze_updated_at is not None and link.coze_updated_at == conversation.updated_at
        if unchanged and conversation.updated_at:
            report.skipped += 1
            return
        self._read = 0
        added = self._read_messages(link, link.cursor)
        moved = link.seen_updated_at is None or link.seen_updated_at != conversation.updated_at
        if link.cursor and added is None and moved:  # changed, yet nothing after the cursor: its message is gone
            added = self._read_messages(link, None)
        report.messages_added += added or 0
        if self._read >= self._max_messages:  # not read through: neither seen nor settled, the next sync goes on
            report.cut_short += 1
            return
        if conversation.updated_at and conversation.updated_at != link.seen_updated_at:
            coze.seen(link.conversation_id, conversation.updated_at)
        if 0 < conversation.updated_at < self._listed_at - SETTLED_SECONDS:
            coze.read_through(link.conversation_id, conversation.updated_at)

    def _just_created_and_empty(self, conversation: Conversation) -> bool:
        """New here, made moments ago and still without a message: most likely a chat (in this window, or
        `ask` on this profile) that has just created it and not yet recorded its id. It is left for a later
        sync (adopted once it has a message, or is older), so no second local conversation is made for that
        chat (one made anyway is merged into the chat's own: see desktop/core/store/twins.py). The page read
        to find out is kept for the read that follows when it is not empty."""
        if not conversation.created_at or self._listed_at - conversation.created_at > SETTLED_SECONDS:
            return False
        page = self._request(
            functools.partial(self._client.list_messages, conversation.id, order="asc", after_id=None, limit=PAGE_SIZE)
        )
        if page.messages:
            self._first_pages[conversation.id] = page
            return False
        log.info("a conversation created on Coze moments ago, still empty, is left for a later sync")
        return True

    def _is_gone(self, coze_id: str) -> bool:
        """Not listed: is it really gone, or just not listed to us (another channel, another account)?"""
        try:
            self._request(lambda: self._client.retrieve_conversation(coze_id))
        except CozeError as exc:
            if exc.code in GONE_CODES or exc.kind is ErrorKind.CONVERSATION_NOT_FOUND:
                return True
            raise
        return False

    # -- messages -----------------------------------------------------------------------------------

    def _read_messages(self, link: CozeLink, cursor: str | None) -> int | None:
        """Store the messages after `cursor`, page by page (each page with the cursor in one transaction);
        how many were new, or None when Coze has nothing at all after a cursor (its message may be gone)."""
        known = self._store.coze.known_message_ids(link.conversation_id)
        replaced = self._store.versions.replaced_chats(link.conversation_id)  # regenerated here: never again
        section = link.section_id if cursor else None  # read from the start: the first message sets it
        added, read_any = 0, False
        for page in self._pages(link.coze_conversation_id, cursor):
            read_any = True
            with self._store.transaction():
                self._store.coze.require_link(link)  # (a chat may have merged this copy into its own)
                # Another process (a second sync) may have stored some of this page since `known` was read.
                known |= self._store.coze.known_among(link.conversation_id, _keys_of(page))
                fresh: list[NewMessage] = []
                for message in page:
                    starts_section = bool(message.section_id and section and message.section_id != section)
                    if starts_section and message.id not in known and SECTION_KEY + message.section_id not in known:
                        fresh.append(divider(message.section_id, float(message.created_at)))
                        known.add(SECTION_KEY + message.section_id)
                    section = message.section_id or section
                    if message.chat_id in replaced:
                        continue
                    if message.id and message.id not in known and message.role in ROLES:
                        known.add(message.id)
                        if not self._asked_here(link, message):
                            fresh.append(_stored(message, self._store.attachments.local_copy_of))
                self._store.messages.add_many(link.conversation_id, fresh)
                self._store.coze.advance(link.conversation_id, page[-1].id, section)
            shown = sum(1 for m in fresh if m.type in DIALOGUE_TYPES)  # what the chat shows: not follow-ups, verbose…
            added += shown
            self._progress.messages_added = self._progress.messages_added + shown
            self._on_progress(self._progress)
        return added if read_any or cursor is None else None

    def _asked_here(self, link: CozeLink, message: ChatMessage) -> bool:
        """A question this computer asked (its stream never named the question's Coze id): given the id now."""
        if message.role != Role.USER:
            return False
        return self._store.coze.claim_question(link.conversation_id, message.id, message.chat_id, message.content)

    def _pages(self, coze_conversation_id: str, cursor: str | None) -> Iterator[list[ChatMessage]]:
        after = cursor
        seen: set[str] = set()
        while True:
            self._check_stopped()
            page = (self._first_pages.pop(coze_conversation_id, None) if after is None else None) or self._request(
                functools.partial(
                    self._client.list_messages, coze_conversation_id, order="asc", after_id=after, limit=PAGE_SIZE
                )
            )
            fresh = {m.id for m in page.messages} - seen
            if page.messages and not fresh and page.has_more:  # "more", and the same page again
                raise _stuck("messages")
            seen |= fresh
            if page.messages:
                yield page.messages
            if not page.has_more or not page.messages:
                return
            self._read += len(page.messages)
            if self._read >= self._max_messages:
                log.warning("a conversation listed over %d messages in one sync: the next sync goes on", self._read)
                return
            after = page.last_id or page.messages[-1].id

    # -- plumbing -----------------------------------------------------------------------------------

    def _request(self, call: Callable[[], T]) -> T:
        def counted() -> T:
            self._progress.requests += 1
            return call()

        try:
            return call_with_backoff(counted, self._backoff, self._wait, self._on_retry)
        except RetryCancelled:
            raise SyncStopped() from None

    def _wait(self, seconds: float) -> bool:
        return self._stopped.wait(seconds)

    def _check_stopped(self) -> None:
        if self._stopped.is_set():
            raise SyncStopped()


def _stuck(what: str) -> CozeProtocolError:
    log.warning("Coze listed the same %s again while saying there were more: the sync stops there", what)
    return CozeProtocolError(f"Coze kept listing the same {what} and saying there were more")


def _keys_of(page: list[ChatMessage]) -> list[str]:
    """The Coze ids a page's messages (and the dividers of their sections) are stored under."""
    return [key for m in page for key in (m.id, SECTION_KEY + m.section_id if m.section_id else "") if key]


def _stored(message: ChatMessage, local_copy_of: Callable[[str], tuple[str, str, int] | None]) -> NewMessage:
    content = message.content
    if message.role == Role.USER and message.content_type == OBJECT_STRING:  # files uploaded from here
        content = with_local_copies(content, local_copy_of)  # show their local copies' thumbnails
    return NewMessage(
        role=message.role,
        type=message.type or "answer",
        content=content,
        content_type=message.content_type or "text",
        reasoning_content=message.reasoning_content,
        coze_message_id=message.id,
        coze_chat_id=message.chat_id or None,
        created_at=float(message.created_at) if message.created_at else None,
    )
