"""Bots, conversations, chats and messages of one server, in memory behind one lock.

Methods return plain wire dicts (copies), never the records themselves, so callers on other threads cannot race
with the store. Errors are raised as `ApiError` with Coze's codes. Given a `StateFile`, conversations, their messages
and chats are loaded from it and written back after every change, so the demo bot remembers conversations across
restarts; every call is made under the file's lock on what it holds then (read again when another process wrote
it), so two processes serving one file (the window's demo and `coze-desktop ask`) both keep their turns.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from desktop.core.cozeserver.records import (
    Bot,
    ChatHandle,
    ChatRecord,
    ConversationRecord,
    StartedChat,
    client_message,
    stored,
)
from desktop.core.cozeserver.state_file import Snapshot, StateFile
from desktop.core.cozeserver.wire import ApiError, JsonDict, Usage, error_message, invalid_parameter, new_id, now

MAX_PAGE = 50
API_CONNECTOR = "1024"  # Coze's API channel; the chat SDK's is 999
CONNECTORS = frozenset({API_CONNECTOR, "999"})
TERMINAL = frozenset({"completed", "failed", "canceled"})
# Coze's cancel documentation (coze-py `ChatClient.cancel`): completed, failed and requires_action chats
# cannot be cancelled (a waiting chat goes on only by submit_tool_outputs)
UNCANCELLABLE = TERMINAL | {"requires_action"}
DELETABLE_TYPES = frozenset({"question", "answer"})
# What an answer's deletion takes with it (Coze: "同步删除与之相关的 verbose、function_call 等中间态消息").
INTERMEDIATE_TYPES = frozenset({"verbose", "function_call", "tool_output", "tool_response", "follow_up"})


class State:
    def __init__(self, state_file: StateFile | None = None) -> None:
        self._lock = threading.RLock()
        self._bots: dict[str, Bot] = {}
        self._conversations: dict[str, ConversationRecord] = {}
        self._chats: dict[str, ChatRecord] = {}
        self._file = state_file
        self._depth = 0  # calls in progress on this thread (a call may make another): the file lock is taken once
        if state_file is not None:
            with state_file.locked():
                self._take(state_file.load())

    def _take(self, snapshot: Snapshot) -> None:
        """The state as the file holds it (the chats streaming in its conversations, this process's included)."""
        self._conversations = {conv.id: conv for conv in snapshot.conversations}
        self._chats = {chat.handle.chat_id: chat for chat in snapshot.chats}

    def close(self) -> None:
        """The server stopped: with a state file, other processes no longer count its chats as streaming."""
        if self._file is not None:
            self._file.close()

    def _occupied(self, conv: ConversationRecord) -> bool:
        """Whether a chat streams in `conv` (4016): this process's, or another's serving the same file. One that
        ended, or whose process died mid-answer, has no live owner (even where its end could not be written): the
        conversation is free, as on Coze once the chat ended."""
        if conv.running is None:
            return False
        if self._file is None or self._file.is_live(conv.running_owner):
            return True
        conv.running, conv.running_owner = None, ""
        return False

    def _begin(self, conv: ConversationRecord, chat_id: str) -> None:
        """`chat_id` streams in `conv` from now, in the file too; if not written (a full disk), as the file holds it."""
        try:
            conv.running = chat_id
            conv.running_owner = self._file.stream_owner(chat_id) if self._file is not None else ""
            self._changed()
        except OSError:
            if self._file is not None:
                self._file.ended(chat_id)
                self._take(self._file.load())
            raise

    @contextlib.contextmanager
    def _held(self) -> Iterator[None]:
        """This thread alone, and with a state file this process alone, on the state as the file holds it."""
        with self._lock:
            outermost, self._depth = self._depth == 0, self._depth + 1
            try:
                if outermost and self._file is not None:
                    with self._file.locked():
                        if self._file.stale():
                            self._take(self._file.load())
                        yield
                else:
                    yield
            finally:
                self._depth -= 1

    def _changed(self) -> None:
        if self._file is not None:  # (inside `_held()`, after every change)
            self._file.save(Snapshot(list(self._conversations.values()), list(self._chats.values())))

    # -- bots -------------------------------------------------------------------------------------
    def add_bot(self, bot: Bot) -> None:
        with self._lock:  # (bots are not kept in the file)
            self._bots[bot.bot_id] = bot

    def bot_wire(self, bot_id: str, icon_fallback: str) -> tuple[JsonDict, bool]:
        """The bot's info and whether it is published; 4200 if unknown."""
        with self._lock:
            bot = self._bots.get(bot_id)
            if bot is None:
                raise ApiError(4200)
            return bot.to_wire(icon_fallback), bot.published

    def shortcut_commands(self, bot_id: str) -> list[JsonDict]:
        with self._lock:
            bot = self._bots.get(bot_id)
            return [dict(c) for c in bot.shortcut_commands] if bot is not None else []

    def check_bot(self, bot_id: str) -> None:
        """4200 for an unknown bot, 4015 for one not published to the API channel."""
        with self._lock:
            bot = self._bots.get(bot_id)
            if bot is None:
                raise ApiError(4200)
            if not bot.published:
                raise ApiError(4015, error_message(4015, bot_id))

    # -- conversations ----------------------------------------------------------------------------
    def create_conversation(
        self, bot_id: str, meta_data: dict[str, str], name: str = "", connector_id: str = API_CONNECTOR
    ) -> JsonDict:
        with self._held():
            conv = self._new_conversation(bot_id, meta_data, name)
            conv.connector_id = connector_id
            self._changed()
            return conv.to_wire(full=False)

    def _new_conversation(self, bot_id: str, meta_data: dict[str, str], name: str) -> ConversationRecord:
        cid = new_id()
        created = now()
        conv = ConversationRecord(cid, bot_id, created, dict(meta_data), name, section_id=cid, updated_at=created)
        self._conversations[cid] = conv
        return conv

    def _conversation(self, cid: str) -> ConversationRecord:
        conv = self._conversations.get(cid)
        if conv is None:
            raise ApiError(4200)
        return conv

    def add_messages(self, cid: str, messages: list[JsonDict]) -> list[JsonDict]:
        """Store messages given by the client, in no chat, at the end of the current section (those of a
        conversation being created, or one made by message create); the stored messages."""
        with self._held():
            conv = self._conversation(cid)
            handle = ChatHandle("", cid, conv.bot_id, conv.section_id, now())
            added = [stored(client_message(handle, m)) for m in messages]
            conv.messages.extend(added)
            if added:
                conv.updated_at = handle.created_at
            self._changed()
            return [dict(m) for m in added]

    def create_message(self, cid: str, message: JsonDict) -> JsonDict:
        """`/v1/conversation/message/create`: one message, last in the conversation."""
        return self.add_messages(cid, [message])[0]

    def conversation(self, cid: str) -> JsonDict:
        with self._held():
            return self._conversation(cid).to_wire()

    def list_conversations(
        self, bot_id: str, page_num: int, page_size: int, desc: bool, connector_id: str = API_CONNECTOR
    ) -> tuple[list[JsonDict], bool]:
        with self._held():
            convs = sorted(
                (c for c in self._conversations.values() if c.bot_id == bot_id and c.connector_id == connector_id),
                key=lambda c: (c.created_at, c.id),
                reverse=desc,
            )
            start = (page_num - 1) * page_size
            page = convs[start : start + page_size]
            return [c.to_wire() for c in page], start + page_size < len(convs)

    def rename_conversation(self, cid: str, name: str) -> JsonDict:
        with self._held():
            conv = self._conversation(cid)
            conv.name = name
            conv.updated_at = now()
            self._changed()
            return conv.to_wire()

    def delete_conversation(self, cid: str) -> None:
        with self._held():
            self._conversation(cid)
            del self._conversations[cid]
            self._changed()

    def clear_conversation(self, cid: str) -> JsonDict:
        """Start a new context section: the bot forgets, the messages stay listable."""
        with self._held():
            conv = self._conversation(cid)
            conv.section_id = new_id()
            self._changed()
            return {"id": conv.section_id, "conversation_id": cid}

    def list_messages(
        self, cid: str, *, desc: bool, before_id: str, after_id: str, limit: int, chat_id: str
    ) -> tuple[list[JsonDict], str, str, bool]:
        """One page: (messages, first_id, last_id, has_more); cursors are positions in the listed order."""
        with self._held():
            messages = [m for m in self._conversation(cid).messages if not chat_id or m["chat_id"] == chat_id]
        ordered = messages[::-1] if desc else messages
        ids = [m["id"] for m in ordered]
        if before_id:
            end = ids.index(before_id) if before_id in ids else 0
            start = max(0, end - limit)
            page, has_more = ordered[start:end], start > 0
        else:
            start = ids.index(after_id) + 1 if after_id in ids else (len(ids) if after_id else 0)
            page, has_more = ordered[start : start + limit], start + limit < len(ordered)
        first_id = page[0]["id"] if page else ""
        last_id = page[-1]["id"] if page else ""
        return [dict(m) for m in page], first_id, last_id, has_more

    def set_feedback(self, cid: str, message_id: str, feedback: JsonDict | None) -> None:
        """Rate an answer (None takes the rating back); 4200 for an unknown message or conversation."""
        with self._held():
            conv = self._conversation(cid)
            message = next((m for m in conv.messages if m["id"] == message_id), None)
            if message is None:
                raise ApiError(4200)
            # Coze rates text answers only, of /v3/chat or of a chatflow (coze-py
            # cozepy/conversations/message/feedback/__init__.py:63): not a chatflow's card.
            if message["type"] != "answer" or message.get("content_type", "text") != "text":
                raise invalid_parameter("only text answers (type=answer) can be rated")
            if feedback is None:
                conv.feedback.pop(message_id, None)
            else:
                conv.feedback[message_id] = feedback
            self._changed()

    def feedback(self, cid: str, message_id: str) -> JsonDict | None:
        with self._held():
            found = self._conversation(cid).feedback.get(message_id)
            return dict(found) if found is not None else None

    def delete_message(self, cid: str, message_id: str) -> JsonDict:
        """Delete a question or an answer (an answer takes its chat's verbose, function_call... with it,
        as on Coze); gone from both message lists and from the bot's memory. The deleted message."""
        with self._held():
            conv = self._conversation(cid)
            found = next((m for m in conv.messages if m["id"] == message_id), None)
            if found is None:
                raise invalid_parameter(f"message {message_id} does not exist in conversation {cid}")
            if found["type"] not in DELETABLE_TYPES:
                raise invalid_parameter(f"only question and answer messages can be deleted, not {found['type']}")
            gone = {message_id}
            if found["type"] == "answer":
                gone |= {
                    m["id"]
                    for m in conv.messages
                    if m["chat_id"] == found["chat_id"] and m["type"] in INTERMEDIATE_TYPES
                }
            conv.messages = [m for m in conv.messages if m["id"] not in gone]
            chat = self._chats.get(found["chat_id"])
            if chat is not None:
                chat.messages = [m for m in chat.messages if m["id"] not in gone]
            self._changed()
            return dict(found)

    # -- chats ------------------------------------------------------------------------------------
    def start_chat(
        self,
        *,
        bot_id: str,
        conversation_id: str | None,
        additional: list[JsonDict],
        meta_data: dict[str, str] | None,
        save: bool,
    ) -> StartedChat:
        """Open a chat (4016 while another is streaming) and store the user's messages."""
        with self._held():
            if conversation_id:
                conv = self._conversations.get(conversation_id)
                if conv is None:  # Coze's error table: 4002 "invalid conversation" (wrong id, or not found)
                    raise ApiError(4002, f"invalid conversation: conversation_id {conversation_id} does not exist")
            else:
                conv = self._new_conversation(bot_id, {}, "")
            if self._occupied(conv):
                raise ApiError(4016)
            handle = ChatHandle(new_id(), conv.id, bot_id, conv.section_id, now(), meta_data or None)
            history = [m for m in conv.messages if m["section_id"] == conv.section_id]
            incoming = [stored(client_message(handle, m)) for m in additional]
            question_at = max((i for i, m in enumerate(incoming) if m["role"] == "user"), default=-1)
            question = incoming[question_at]["content"] if question_at >= 0 else ""
            context = incoming[:question_at] + incoming[question_at + 1 :] if question_at >= 0 else incoming
            if save:
                conv.messages.extend(incoming)
                conv.updated_at = handle.created_at
                if not conv.name and question:
                    conv.name = question[:100]
            self._chats[handle.chat_id] = ChatRecord(handle, save)
            self._begin(conv, handle.chat_id)
            return StartedChat(handle, question, history + context)

    def resume_chat(self, conversation_id: str, chat_id: str) -> StartedChat:
        """Continue a chat that is waiting for tool outputs."""
        with self._held():
            chat = self._chat(conversation_id, chat_id)
            if chat.status != "requires_action":
                raise invalid_parameter(f"chat {chat_id} is not waiting for tool outputs")
            conv = self._conversation(conversation_id)
            if self._occupied(conv):
                raise ApiError(4016)
            chat.status = "in_progress"
            self._begin(conv, chat_id)
            history = [m for m in conv.messages if m["section_id"] == conv.section_id]
            return StartedChat(chat.handle, "", history)

    def _chat(self, conversation_id: str, chat_id: str) -> ChatRecord:
        chat = self._chats.get(chat_id)
        if chat is None or chat.handle.conversation_id != conversation_id:
            raise ApiError(4200)
        return chat

    def chat(self, conversation_id: str, chat_id: str) -> JsonDict:
        with self._held():
            return self._chat(conversation_id, chat_id).to_wire()

    def chat_messages(self, conversation_id: str, chat_id: str) -> list[JsonDict]:
        with self._held():
            return [stored(m) for m in self._chat(conversation_id, chat_id).messages]

    def _settle(self, handle: ChatHandle, status: str) -> ChatRecord | None:
        """Move a live chat to `status` and free its conversation; None if it was canceled meanwhile."""
        self._release(handle)
        chat = self._chats.get(handle.chat_id)
        if chat is None or chat.status in TERMINAL:
            return None
        chat.status = status
        return chat

    def _release(self, handle: ChatHandle) -> bool:
        if self._file is not None:  # its owner goes, whether the end is written or not
            self._file.ended(handle.chat_id)
        conv = self._conversations.get(handle.conversation_id)
        if conv is None or conv.running != handle.chat_id:
            return False
        conv.running, conv.running_owner = None, ""
        return True

    def finish_chat(self, handle: ChatHandle, messages: list[JsonDict], usage: Usage) -> None:
        with self._held():
            chat = self._settle(handle, "completed")
            if chat is None:
                return
            chat.completed_at, chat.usage = now(), usage
            chat.messages.extend(messages)
            conv = self._conversations.get(handle.conversation_id)
            if chat.save and conv is not None:
                conv.messages.extend(stored(m) for m in messages)
                conv.updated_at = now()
            self._changed()

    def fail_chat(self, handle: ChatHandle, code: int, msg: str) -> None:
        with self._held():
            chat = self._settle(handle, "failed")
            if chat is not None:
                chat.failed_at, chat.last_error = now(), (code, msg)
                self._changed()

    def require_action(self, handle: ChatHandle, message: JsonDict, required_action: JsonDict) -> None:
        with self._held():
            chat = self._settle(handle, "requires_action")
            if chat is not None:
                chat.required_action = required_action
                chat.messages.append(message)
                self._changed()

    def end_stream(self, handle: ChatHandle) -> None:
        """The stream is over. A chat it left unfinished (client gone, drop, stop) stays in_progress as on Coze (`cancel`
        still succeeds), but its conversation is free again, in the file too: for every process serving it."""
        with self._held():
            if self._release(handle):
                with contextlib.suppress(OSError):  # (a full disk: free all the same, its owner is gone)
                    self._changed()

    def cancel_chat(self, conversation_id: str, chat_id: str) -> JsonDict:
        with self._held():
            chat = self._chat(conversation_id, chat_id)
            if chat.status in UNCANCELLABLE:
                raise ApiError(4104)
            self._settle(chat.handle, "canceled")
            self._changed()
            return chat.to_wire()
