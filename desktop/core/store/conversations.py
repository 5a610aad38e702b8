"""Conversations: create, list (with the last message's preview), rename, pin, archive, delete."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache

from desktop.core.object_string import items_of, text_of
from desktop.core.store.base import Database, Part, clean_text
from desktop.core.store.deleted_here import forget_deleted, remember_deleted, was_deleted
from desktop.core.store.models import (
    CONVERSATION_COLUMNS,
    DIALOGUE_TYPES,
    TARGET_BOT,
    TARGET_CHATFLOW,
    Conversation,
    ConversationIdentity,
    ConversationSummary,
    NotFoundError,
    StoreError,
    conversation_from_row,
)
from desktop.core.store.twins import SYNC_STATE_RESET, merge_twins
from desktop.core.vocabulary import MessageStatus, Role
from desktop.core.workflow_cards import parse_card

PREVIEW_CHARS = 100
PREVIEW_SCAN = PREVIEW_CHARS * 8  # what is parsed for a preview: room for markup and whitespace
PREVIEW_READ = PREVIEW_SCAN * 5  # what the list reads of a message: addresses are cut out before parsing
AUTO_TITLE_CHARS = 40
TITLE_CHARS = 200  # a stored title's most characters, however it was set: the list and the header elide it anyway
PICTURE_MARK = "🖼"
_WHITESPACE = re.compile(r"\s+")
# A link's or picture's destination (a signed picture URL is often longer than the whole scan): only
# its words are shown, so the address goes before parsing, also when the scan cut it (no ")" yet) ...
_DESTINATION = re.compile(r"(!?\[[^\]\n]*\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\s*(?:\)|$)")
# ... and a picture or link the scan cut inside its brackets is dropped.
_CUT_BRACKET = re.compile(r"!?\[[^\]\n]*$")


def collapse_whitespace(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def preview_text(text: str, limit: int = PREVIEW_CHARS) -> str:
    """The first `limit` characters of `text` on one line, as plain text (no Markdown), "…" if cut;
    a picture is PICTURE_MARK and its alt text."""
    scan = _CUT_BRACKET.sub("", _DESTINATION.sub(r"\1()", text[:PREVIEW_READ])[:PREVIEW_SCAN])
    flat = _plain(scan)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=128)  # the list is reloaded often (every chat's end, rename, sync) with the same previews
def _plain(scan: str) -> str:
    from desktop.core.markdown.plain import plain_text  # markdown-it on first use: `ask` never lists

    return plain_text(scan, PICTURE_MARK)


def title_text(title: str, limit: int = TITLE_CHARS) -> str:
    """A title as it is stored, however it was set (a rename here or on Coze, an import, a new chat): one
    line (line breaks and runs of blanks as one space), trimmed, at most `limit` characters ("…" if cut)."""
    line = collapse_whitespace(clean_text(title))
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def auto_title(question: str, limit: int = AUTO_TITLE_CHARS) -> str:
    """A conversation title from its first question: the first non-blank line, cut to ~`limit` chars."""
    for raw in question.splitlines():
        line = collapse_whitespace(raw)
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return ""


def question_title(content: str, content_type: str) -> str:
    """What names a conversation after its first question: the text, or the attached files' names
    (a question with attachments is stored as an object_string array; see core/attachments/copies.py).
    A chatflow's card previews as its title or the fields it asks for."""
    if content_type == "card":
        card = parse_card(content)
        return (card.title or ", ".join(card.fields)) if card is not None else content
    parts = items_of(content) if content_type == "object_string" else None
    if parts is None:
        return content
    names = [str(i.get("name")) for i in parts if i.get("type") != "text" and i.get("name")]
    return text_of(parts).strip() or ", ".join(names) or content


def _string_list(raw: str | None) -> list[str]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


# The last dialogue message of each listed conversation, found through messages(conversation_id, id):
# a backward index walk per listed row, so the cost is per page, not per database. A long message's
# preview and status come from message_heads (store/heads.py): its own row is not read past its role.
_LIST_SQL = """
SELECT page.*, b.name AS bot_name, m.role AS last_role,
    CASE WHEN h.message_id IS NULL THEN m.status ELSE h.status END AS last_status,
    CASE WHEN h.message_id IS NULL THEN m.content_type ELSE h.content_type END AS last_content_type,
    CASE WHEN h.message_id IS NOT NULL THEN h.head
        WHEN m.content_type IN ('object_string', 'card') THEN m.content
        ELSE substr(m.content, 1, {preview_scan}) END AS last_text
FROM (
    SELECT c.id, c.title, c.bot_id, c.updated_at, c.pinned, c.archived, c.coze_conversation_id IS NULL AS local_only,
        (SELECT lm.id FROM messages lm
         WHERE lm.conversation_id = c.id AND lm.type IN ({dialogue})
         ORDER BY lm.id DESC LIMIT 1) AS last_id
    FROM conversations c
    {where}
    ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC
    LIMIT ? OFFSET ?
) AS page
LEFT JOIN messages m ON m.id = page.last_id
LEFT JOIN message_heads h ON h.message_id = page.last_id
LEFT JOIN bots b ON b.bot_id = page.bot_id
ORDER BY page.pinned DESC, page.updated_at DESC, page.id DESC
"""


def _list_sql(include_archived: bool) -> str:
    return _LIST_SQL.format(
        preview_scan=PREVIEW_READ,
        dialogue=", ".join(f"'{t}'" for t in DIALOGUE_TYPES),
        where="" if include_archived else "WHERE c.archived = 0",
    )


_LIST_ACTIVE_SQL = _list_sql(include_archived=False)
_LIST_ALL_SQL = _list_sql(include_archived=True)


class Conversations(Part):
    """`store.conversations`: create, list (with the last message's preview), rename, pin, archive, delete."""

    def create(
        self,
        bot_id: str,
        title: str = "",
        coze_conversation_id: str | None = None,
        *,
        created_at: float | None = None,
        updated_at: float | None = None,
        pinned: bool = False,
        archived: bool = False,
        app_id: str | None = None,
        host_bot_id: str | None = None,
    ) -> Conversation:
        """A new local conversation (timestamps default to now; import passes the original ones). Linked to a
        Coze conversation the user had deleted here (an import brings it back), the sync reads that one again.

        With `app_id` or `host_bot_id` (exactly one) it talks to a chatflow: `bot_id` is its workflow id."""
        created = self._db.now() if created_at is None else float(created_at)
        updated = created if updated_at is None else float(updated_at)
        if app_id and host_bot_id:
            raise StoreError("a chatflow runs in an app or a bot, not both")
        kind = TARGET_CHATFLOW if app_id or host_bot_id else TARGET_BOT
        with self._db.transaction():
            if coze_conversation_id:
                forget_deleted(self._conn, coze_conversation_id)
            cursor = self._conn.execute(
                """
                INSERT INTO conversations (title, bot_id, coze_conversation_id, created_at, updated_at,
                    pinned, archived, title_is_auto, target_kind, app_id, host_bot_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
                """,
                (
                    title_text(title),
                    bot_id,
                    coze_conversation_id,
                    created,
                    updated,
                    int(pinned),
                    int(archived),
                    kind,
                    app_id or None,
                    host_bot_id or None,
                ),
            )
            new_id = cursor.lastrowid
        assert new_id is not None
        conversation = self.get(new_id)
        assert conversation is not None
        return conversation

    def get(self, conversation_id: int) -> Conversation | None:
        row = self._conn.execute(
            f"SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        return None if row is None else conversation_from_row(row)

    def find_by_coze_id(self, coze_conversation_id: str) -> Conversation | None:
        row = self._conn.execute(
            f"SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE coze_conversation_id = ? ORDER BY id LIMIT 1",
            (coze_conversation_id,),
        ).fetchone()
        return None if row is None else conversation_from_row(row)

    def linked_or_new(
        self, coze_conversation_id: str | None, create: Callable[[], Conversation]
    ) -> tuple[Conversation, bool]:
        """The conversation linked to `coze_conversation_id`, else the one `create` makes (True: made now). The
        look and the insert are one write transaction: a sync may adopt that Coze conversation at any moment,
        and a second link would break the unique index (migration 12)."""
        with self._db.transaction():
            found = self.find_by_coze_id(coze_conversation_id) if coze_conversation_id else None
            return (found, False) if found is not None else (create(), True)

    def page(self, limit: int = 50, offset: int = 0, include_archived: bool = False) -> list[ConversationSummary]:
        """A page of the conversation list: pinned first, then the most recently updated first."""
        sql = _LIST_ALL_SQL if include_archived else _LIST_ACTIVE_SQL
        rows = self._conn.execute(sql, (max(0, limit), max(0, offset))).fetchall()
        return [
            ConversationSummary(
                id=row["id"],
                title=row["title"],
                bot_id=row["bot_id"],
                bot_name=row["bot_name"],
                updated_at=row["updated_at"],
                pinned=bool(row["pinned"]),
                archived=bool(row["archived"]),
                last_message_preview=preview_text(question_title(row["last_text"] or "", row["last_content_type"])),
                last_message_role=Role(row["last_role"]) if row["last_role"] else None,
                last_message_status=MessageStatus(row["last_status"]) if row["last_status"] else None,
                local_only=bool(row["local_only"]),
            )
            for row in rows
        ]

    def count(self, include_archived: bool = False) -> int:
        where = "" if include_archived else " WHERE archived = 0"
        count: int = self._conn.execute(f"SELECT count(*) FROM conversations{where}").fetchone()[0]
        return count

    def _update(self, conversation_id: int, assignments: str, params: tuple[object, ...]) -> None:
        with self._db.transaction():
            cursor = self._conn.execute(
                f"UPDATE conversations SET {assignments} WHERE id = ?", (*params, conversation_id)
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"conversation {conversation_id} not found")

    def rename(self, conversation_id: int, title: str) -> None:
        """Set a title chosen by the user (an empty title lets the next question name it again)."""
        self._update(conversation_id, "title = ?, title_is_auto = 0", (title_text(title),))

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._update(conversation_id, "pinned = ?", (int(pinned),))

    def set_archived(self, conversation_id: int, archived: bool) -> None:
        self._update(conversation_id, "archived = ?", (int(archived),))

    def set_coze_id(self, conversation_id: int, coze_conversation_id: str | None) -> list[int]:
        """Link the conversation to the Coze conversation its chat just created (None: to none). A sync may
        have adopted that Coze conversation meanwhile as a second local one: it is merged into this one in
        the same write transaction (see twins.py); returns the local ids merged away. The sync state of a
        previous link is forgotten, so the next sync reads the new Coze conversation from its start."""
        with self._db.transaction():
            row = self._conn.execute(
                "SELECT coze_conversation_id FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"conversation {conversation_id} not found")
            if row[0] == coze_conversation_id:
                return []  # (recorded already: an event applied again after the history refused it)
            merged = (
                merge_twins(self._conn, conversation_id, coze_conversation_id, fresh=True)
                if coze_conversation_id
                else []
            )
            self._update(conversation_id, f"coze_conversation_id = ?, {SYNC_STATE_RESET}", (coze_conversation_id,))
        return merged

    def delete(self, conversation_id: int, *, remember: bool = True) -> None:
        """Delete a conversation and (by ON DELETE CASCADE, which fires the FTS triggers) its messages.
        Its Coze conversation, if it has one, is remembered as deleted here, so the sync does not bring it
        back (see deleted_here.py); `remember=False` only for taking out what a failed import made."""
        with self._db.transaction():
            if remember:
                remember_deleted(self._conn, conversation_id, self._db.now())
            cursor = self._conn.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
            if cursor.rowcount == 0:
                raise NotFoundError(f"conversation {conversation_id} not found")

    def deleted_here(self, coze_conversation_id: str) -> bool:
        """The user deleted the conversation linked to this Coze conversation here (the sync skips it)."""
        return was_deleted(self._conn, coze_conversation_id)

    def set_follow_ups(self, conversation_id: int, follow_ups: list[str]) -> None:
        """Replace the follow-up questions suggested after the last answer (cleared by the next question)."""
        payload = json.dumps([clean_text(str(item)) for item in follow_ups], ensure_ascii=False)
        self._update(conversation_id, "follow_ups = ?", (payload,))

    def follow_ups(self, conversation_id: int) -> list[str]:
        row = self._conn.execute("SELECT follow_ups FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"conversation {conversation_id} not found")
        return _string_list(row["follow_ups"])

    def ids(self) -> list[int]:
        """Every conversation's local id, oldest first (archived ones too)."""
        return [row[0] for row in self._conn.execute("SELECT id FROM conversations ORDER BY id")]

    def identities(self) -> list[ConversationIdentity]:
        """What tells conversations apart across profiles, for every stored one, oldest first (import
        uses it to find a conversation it already has)."""
        rows = self._conn.execute(
            "SELECT id, coze_conversation_id, created_at, title, bot_id FROM conversations ORDER BY id"
        )
        return [ConversationIdentity(row[0], row[1], row[2], row[3], row[4]) for row in rows]


def set_auto_title(db: Database, conversation_id: int, question: str) -> None:
    """Name an untitled conversation after its first question (within the caller's transaction)."""
    title = auto_title(question)
    if title:
        db.conn.execute(
            "UPDATE conversations SET title = ?, title_is_auto = 1 WHERE id = ? AND title = ''",
            (title, conversation_id),
        )
