"""HistoryService: the window's door to the local history. Widgets never touch the store (or SQL).

Reads go straight to the store's parts it hands out (`conversations`, `search`); what changes the
list goes through this service, which writes on the GUI thread and says what changed.

Every write goes through `writes` (StoreWrites): it never raises into the slot that asked for it; a
read-only, busy or full history is said by `writes.problem` (a busy one is written later, in order).

Export and import run on a worker thread (`transfers`, see transfer.py); a finished import says
`conversationsChanged`.

Signals:
    conversationsChanged()        the list's order, titles or previews changed
    conversationDeleted(int)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal

from desktop.core.attachments.copies import LocalCopies
from desktop.core.chat.targets import parse_key
from desktop.core.pdf_child import PdfLook
from desktop.core.store import Conversation, ImportResult, Message, SearchHit, Store
from desktop.core.store.coze_links import TYPE_CONTEXT_BREAK, Feedback, divider
from desktop.core.store.models import DIALOGUE_TYPES, TYPE_ANSWER
from desktop.core.store.transfer import export_markdown
from desktop.core.tool_steps import STEP_TYPES, ToolStep, steps_of
from desktop.services.outside_writes import OutsideWrites
from desktop.services.pdf_child import PdfChild
from desktop.services.store_writes import StoreWrites
from desktop.services.transfer import TransferRunner, export_job, import_job

SEARCH_LIMIT = 100
SHOWN_TYPES = (*DIALOGUE_TYPES, TYPE_CONTEXT_BREAK)  # what the chat view shows: the dialogue and its dividers


class Stamp(NamedTuple):
    """When a shown message was last written, and by which process's stream (None: not streamed)."""

    updated_at: float
    writer: str | None


class HistoryService(QObject):
    conversationsChanged = Signal()
    conversationDeleted = Signal(int)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.copies: LocalCopies | None = None  # kept attachments (set by the app)
        self.held: Callable[[], set[str]] = set  # the copies unsent drafts' files need (set by the app)
        # Runs a callable once no attached file is being read in (set by the app: Composer.after_reads).
        self.after_reads: Callable[[Callable[[], None]], None] = lambda then: then()
        self._store = store
        self.conversations = store.conversations  # reads: get, page, follow_ups
        self.versions = store.versions  # reads: turn, of, counts (earlier versions of answers)
        self.writes = StoreWrites(store, self)
        self.transfers = TransferRunner(self)
        self.transfers.finished.connect(self._transfer_finished)
        self.outside = OutsideWrites(store, self)  # `changed`: another process (ask, sync) committed

    # -- reading ----------------------------------------------------------------------------------

    def messages(self, conversation_id: int, limit: int = 100, before_id: int | None = None) -> list[Message]:
        """A page of a conversation's questions, answers and dividers, oldest first, ending before `before_id`."""
        page = self._store.messages.page(conversation_id, limit=limit, before_id=before_id)
        return [m for m in page if m.type in SHOWN_TYPES]

    def stamps(self, conversation_id: int, from_id: int = 0) -> dict[int, Stamp]:
        """Each shown message's Stamp from `from_id` on (desktop.ui.outside_rows compares them)."""
        rows = self._store.messages.stamps(conversation_id, from_id, SHOWN_TYPES)
        return {message_id: Stamp(updated_at, writer) for message_id, updated_at, writer in rows}

    def own_writer(self) -> str | None:
        """The stream owner this process's answers carry (its rows are shown by its own signals)."""
        return self._store.messages.stream_owner()

    def writer_is_live(self, owner: str) -> bool:
        """Whether the process that wrote a Stamp's `writer` still runs (its answer may still stream)."""
        return self._store.writer_is_live(owner)

    def on_coze(self, conversation_id: int | None) -> Conversation | None:
        """The conversation when it has a copy on Coze (a Coze conversation id); None for one only on
        this computer, or none at all. What sync, clear context and feedback act on."""
        conversation = self.conversations.get(conversation_id) if conversation_id is not None else None
        return conversation if conversation is not None and conversation.coze_conversation_id else None

    def steps(self, conversation_id: int, messages: list[Message]) -> dict[int, tuple[ToolStep, ...]]:
        """What the bot did on the way to each of these answers (tool calls, their output, a knowledge
        recall), by answer id: the steps of a Coze chat go under its first answer."""
        first: dict[str, int] = {}
        for message in messages:
            if message.type == TYPE_ANSWER and message.coze_chat_id:
                first.setdefault(message.coze_chat_id, message.id)
        found: dict[str, list[tuple[str, str]]] = {}
        for row in self._store.messages.of_chats(conversation_id, first, STEP_TYPES):
            found.setdefault(row.coze_chat_id or "", []).append((row.type, row.content))
        shown = {first[chat]: tuple(steps_of(rows)) for chat, rows in found.items() if chat in first}
        return {answer: steps for answer, steps in shown.items() if steps}

    def conversation_markdown(self, conversation_id: int, language: str = "en") -> str:
        """One conversation as Markdown, as the Markdown export writes it ("Copy conversation")."""
        return export_markdown(self._store, conversation_id, language)

    def search(self, query: str, markers: tuple[str, str]) -> list[SearchHit]:
        return self._store.search.find(query, limit=SEARCH_LIMIT, markers=markers)

    # -- writing ----------------------------------------------------------------------------------

    @property
    def writable(self) -> bool:
        """False for a read-only history: nothing the window would change can be saved."""
        return not self._store.read_only

    def create_conversation(self, bot_id: str) -> Conversation:
        """A new conversation with a bot, or with a chatflow (`bot_id` a key of desktop.core.chat.targets).
        Raises StoreError; a slot calls `new_conversation`."""
        flow = parse_key(bot_id)
        if flow is None:
            conversation = self._store.conversations.create(bot_id)
        else:
            conversation = self._store.conversations.create(
                flow.workflow_id, app_id=flow.app_id or None, host_bot_id=flow.bot_id or None
            )
        self.conversationsChanged.emit()
        return conversation

    def new_conversation(self, bot_id: str) -> Conversation | None:
        """`create_conversation` for a slot: None if it cannot be saved now (`writes.problem` said why)."""
        return self.writes.attempt(lambda: self.create_conversation(bot_id), "new chat")

    def rename(self, conversation_id: int, title: str) -> None:
        def write() -> None:
            self._store.conversations.rename(conversation_id, title)
            self.conversationsChanged.emit()

        if not self.writes.run(write, "rename"):
            self.conversationsChanged.emit()  # the list shows the title as it is stored

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        def write() -> None:
            self._store.conversations.set_pinned(conversation_id, pinned)
            self.conversationsChanged.emit()

        self.writes.run(write, "pin")

    def message(self, message_id: int) -> Message | None:
        return self._store.messages.get(message_id)

    def set_feedback(self, message_id: int, feedback: Feedback | None, then: Callable[[Message], None]) -> None:
        """Coze took the rating of an answer: remember it (None: taken back), then `then(message as it is now)`."""

        def write() -> None:
            self._store.coze.set_feedback(message_id, feedback)
            message = self._store.messages.get(message_id)
            if message is not None:
                then(message)

        self.writes.run(write, "rating")

    def add_divider(self, conversation_id: int, section_id: str, then: Callable[[Message], None]) -> None:
        """Coze cleared the context: a divider row, and the new section (so the sync adds no second one);
        then `then(divider)`."""

        def write() -> None:
            with self._store.transaction():
                message = self._store.messages.add(conversation_id, divider(section_id))
                self._store.coze.set_section(conversation_id, section_id)
            then(message)

        self.writes.run(write, "new topic")

    def stop_abandoned(self, conversation_id: int) -> None:
        """A chat deleted mid-answer is back (Undo): its answer, no longer streamed, is a stopped one."""

        def write() -> None:
            if self._store.messages.stop_abandoned(conversation_id):
                self.conversationsChanged.emit()

        self.writes.run(write, "undo delete")

    def delete(self, conversation_id: int) -> None:
        def write() -> None:
            self._store.conversations.delete(conversation_id)
            self.conversationDeleted.emit(conversation_id)  # (its draft is forgotten now: DraftKeeper.forget)
            self.conversationsChanged.emit()
            if self.copies is not None:  # the local copies no other question or draft uses go too, once none
                self.after_reads(self._delete_unused_copies)  # is being read in (it is in no draft yet)

        self.writes.run(write, "delete")

    def _delete_unused_copies(self) -> None:
        if self.copies is not None:  # (on the GUI thread, as the writes here are: the drafts are the window's)
            self.copies.delete_unused(self._store.attachments.hashes() | self.held())

    # -- export / import (on a worker thread: see transfer.py) ----------------------------------

    def start_export(self, target: Path, conversation_id: int | None, fmt: str, language: str = "en") -> None:
        """Write one conversation (or all) to `target` as "md" or "json" (Markdown's labels in `language`);
        `transfers` reports progress and the end. The file appears only when it is complete."""
        self.transfers.start(export_job(self._store.path, target, conversation_id, fmt, language))

    def start_pdf_export(self, target: Path, conversation_id: int | None, look: PdfLook) -> None:
        """The same as a PDF drawn with `look`, by the app's CLI in a child process (pdf_child.py)."""
        self.transfers.start_child(PdfChild(self._store.path.parent, target, conversation_id, look))

    def start_import(self, source: Path) -> None:
        """Merge a JSON export; `transfers.finished` brings the ImportResult, `failed` an
        InvalidExportFile (a ValueError with a one-line reason) and nothing is changed."""
        self.transfers.start(import_job(self._store.path, source))

    def _transfer_finished(self, result: object) -> None:
        if isinstance(result, ImportResult):
            self.conversationsChanged.emit()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Cancel an export or import still running and wait for it (the app is quitting)."""
        self.outside.stop()
        return self.transfers.shutdown(timeout_ms)
