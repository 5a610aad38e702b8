"""The Coze HTTP API client (Qt-free, blocking; run it on a worker thread).

Only what Coze Desktop uses: conversations, streaming chats and their cancellation, bot info and message lists.
Every call has connect and read timeouts; redirects are never followed, so the `Authorization` header can only ever
go to the configured API base.
"""

from __future__ import annotations

import logging
import platform
from typing import Any
from urllib.parse import quote

import requests

from desktop import __version__
from desktop.core.coze.addresses import normalize_base_url
from desktop.core.coze.deadline import with_deadlines
from desktop.core.coze.errors import CozeError, CozeProtocolError, ErrorKind, check_token_text, not_found_is
from desktop.core.coze.files import FileInfo, MultipartBody, UploadCancelled
from desktop.core.coze.models import (
    BotInfo,
    ChatInfo,
    ChatMessage,
    Conversation,
    ConversationPage,
    MessagePage,
)
from desktop.core.coze.responses import check_envelope, check_stream_start, connection_error
from desktop.core.coze.stream import ChatStream
from desktop.core.coze.token_source import TokenSource
from desktop.core.coze.transcript import ChatTranscript
from desktop.core.shortcut_use import ShortcutUse
from desktop.core.vocabulary import Role

log = logging.getLogger(__name__)

COZE_CN = "https://api.coze.cn"
COZE_COM = "https://api.coze.com"

GONE = ErrorKind.CONVERSATION_NOT_FOUND  # what a 4200 from a conversation or message endpoint means
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 120.0  # between two reads of a stream: bots that think (reasoning models) can be slow
CANCEL_TIMEOUT = 5.0


def user_agent() -> str:
    return f"coze-desktop/{__version__} (Python {platform.python_version()}; {platform.system()}) requests/{requests.__version__}"


class CozeClient:
    """One client per token (or token source) and API base. Thread-safe for separate calls.

    With a `TokenSource`, each request asks it for the current access token, and a request Coze refuses with 4100
    is sent once more with the renewed token."""

    def __init__(
        self,
        token: str | TokenSource,
        base_url: str = COZE_CN,
        *,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = normalize_base_url(base_url)
        self._timeout = (connect_timeout, read_timeout)
        # Every response's head must arrive within connect + read timeout in all, however slowly it trickles.
        self._session = with_deadlines(session or requests.Session())
        self._session.trust_env = True  # honour the system proxy settings, as a browser would
        self._source = None if isinstance(token, str) else token
        self._static = token if isinstance(token, str) else None  # (checked before it is sent: check_token_text)
        self._session.headers.update({"User-Agent": user_agent(), "Accept": "application/json"})
        if isinstance(token, str):
            self._session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> CozeClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------------------

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
        timeout: tuple[float, float] | None = None,
        token: str | None = None,
    ) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token is not None else None
        check_token_text(token if token is not None else self._static)
        try:
            return self._session.request(
                method,
                self.base_url + path,
                params=params,
                json=body,
                headers=headers,
                stream=True,  # a plain call's body too: read bounded (responses.check_envelope)
                timeout=timeout or self._timeout,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            raise connection_error(exc) from exc

    def _token(self) -> str | None:
        return self._source.access_token() if self._source is not None else None

    def _renewed(self, error: CozeError, used: str | None) -> str | None:
        """After a 4100 with a token source: the token to try once more with, or None."""
        if self._source is None or used is None or error.kind is not ErrorKind.INVALID_TOKEN:
            return None
        return self._source.renew(used)

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        token = self._token()
        for attempt in (1, 2):
            response = self._send(method, path, token=token, **kwargs)
            try:
                return check_envelope(response)
            except CozeError as exc:
                token = self._renewed(exc, token) if attempt == 1 else None
                if token is None:
                    raise
            finally:
                response.close()
        raise AssertionError("unreachable")

    def data(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """The `data` object of a plain (non-streaming) call (for the endpoint modules, e.g. catalog.py)."""
        return self._data(method, path, **kwargs)

    def _data(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        data = self._call(method, path, **kwargs).get("data")
        if not isinstance(data, dict):
            raise CozeProtocolError(f"{path}: the response has no data object")
        return data

    # -- conversations ----------------------------------------------------------------------------

    def create_conversation(
        self, bot_id: str, meta_data: dict[str, str] | None = None, *, connector_id: str | None = None
    ) -> Conversation:
        body: dict[str, Any] = {"bot_id": bot_id}
        if meta_data:
            body["meta_data"] = meta_data
        if connector_id:
            body["connector_id"] = connector_id
        return Conversation.from_json(self._data("POST", "/v1/conversation/create", body=body))

    def create_app_conversation(self, app_id: str, name: str, workflow_id: str) -> Conversation:
        """An app's conversation, as the chat SDK gets it: by name, created if new (`get_or_create`)."""
        body = {"app_id": app_id, "conversation_name": name, "get_or_create": True, "workflow_id": workflow_id}
        return Conversation.from_json(self._data("POST", "/v1/conversation/create", body=body))

    def retrieve_conversation(self, conversation_id: str) -> Conversation:
        params = {"conversation_id": conversation_id}
        with not_found_is(GONE):
            return Conversation.from_json(self._data("GET", "/v1/conversation/retrieve", params=params))

    def list_conversations(
        self, bot_id: str, page_num: int = 1, page_size: int = 50, *, connector_id: str | None = None
    ) -> ConversationPage:
        """One page, newest first (Coze's default: no sort_order, as coze-py); `connector_id` "999": the chat SDK's."""
        params: dict[str, Any] = {"bot_id": bot_id, "page_num": page_num, "page_size": page_size}
        if connector_id:
            params["connector_id"] = connector_id
        data = self._data("GET", "/v1/conversations", params=params)
        items = data.get("conversations") or []
        return ConversationPage(
            [Conversation.from_json(c) for c in items if isinstance(c, dict)], bool(data.get("has_more"))
        )

    def rename_conversation(self, conversation_id: str, name: str) -> Conversation:
        path = f"/v1/conversations/{quote(conversation_id, safe='')}"
        with not_found_is(GONE):
            return Conversation.from_json(self._data("PUT", path, body={"name": name}))

    def delete_conversation(self, conversation_id: str) -> None:
        with not_found_is(GONE):
            self._call("DELETE", f"/v1/conversations/{quote(conversation_id, safe='')}")

    def clear_conversation(self, conversation_id: str) -> str:
        """Start a new context section (the bot forgets what came before); returns the new section's id."""
        with not_found_is(GONE):
            data = self._data("POST", f"/v1/conversations/{quote(conversation_id, safe='')}/clear")
        return str(data.get("id") or "")

    def send_feedback(
        self, conversation_id: str, message_id: str, feedback_type: str, reasons: list[str], comment: str = ""
    ) -> None:
        """Rate an answer: `feedback_type` "like" or "unlike", optional reason tags and a comment. Coze takes it for a
        text answer of /v3/chat or of a chatflow (/v1/workflows/chat), in its conversation (coze-py
        `cozepy/conversations/message/feedback/__init__.py`, the message_id parameter); a 4200 is about that one."""
        body: dict[str, Any] = {"feedback_type": feedback_type}
        if reasons:
            body["reason_types"] = reasons
        if comment:
            body["comment"] = comment
        with not_found_is(GONE):
            self._call("POST", self._feedback_path(conversation_id, message_id), body=body)

    def delete_feedback(self, conversation_id: str, message_id: str) -> None:
        with not_found_is(GONE):
            self._call("DELETE", self._feedback_path(conversation_id, message_id))

    @staticmethod
    def _feedback_path(conversation_id: str, message_id: str) -> str:
        return f"/v1/conversations/{quote(conversation_id, safe='')}/messages/{quote(message_id, safe='')}/feedback"

    def list_messages(
        self,
        conversation_id: str,
        *,
        order: str = "desc",
        before_id: str | None = None,
        after_id: str | None = None,
        limit: int = 50,
        chat_id: str | None = None,
    ) -> MessagePage:
        body: dict[str, Any] = {"order": order, "limit": limit}
        if chat_id:
            body["chat_id"] = chat_id
        if before_id:
            body["before_id"] = before_id
        if after_id:
            body["after_id"] = after_id
        params = {"conversation_id": conversation_id}
        with not_found_is(GONE):  # a chatflow's conversation too: the list names no bot
            envelope = self._call("POST", "/v1/conversation/message/list", params=params, body=body)
        items = envelope.get("data") or []
        return MessagePage(
            [ChatMessage.listed(m) for m in items if isinstance(m, dict)],
            str(envelope.get("first_id") or ""),
            str(envelope.get("last_id") or ""),
            bool(envelope.get("has_more")),
        )

    # -- bots -------------------------------------------------------------------------------------

    def get_bot(self, bot_id: str) -> BotInfo:
        data = self._data("GET", f"/v1/bots/{quote(bot_id, safe='')}")
        if not data.get("bot_id"):
            data = {**data, "bot_id": bot_id}
        return BotInfo.from_json(data)

    # -- files ------------------------------------------------------------------------------------

    def upload_file(self, body: MultipartBody) -> FileInfo:
        """`POST /v1/files/upload`; raises `UploadCancelled` when the body's cancel event is set."""
        headers = {"Content-Type": body.content_type}
        url = self.base_url + "/v1/files/upload"
        check_token_text(self._static)
        try:
            response = self._session.post(
                url, data=body, headers=headers, timeout=self._timeout, allow_redirects=False, stream=True
            )
        except UploadCancelled:
            raise
        except requests.RequestException as exc:
            if isinstance(exc.__context__, UploadCancelled):
                raise exc.__context__ from None
            raise connection_error(exc) from exc
        finally:
            body.close()
        try:
            data = check_envelope(response).get("data")
        finally:
            response.close()
        if not isinstance(data, dict) or not data.get("id"):
            raise CozeProtocolError("/v1/files/upload: the response has no file id")
        return FileInfo.from_json(data)

    def retrieve_file(self, file_id: str) -> FileInfo:
        return FileInfo.from_json(self._data("GET", "/v1/files/retrieve", params={"file_id": file_id}))

    # -- chats ------------------------------------------------------------------------------------

    def stream_chat(
        self,
        bot_id: str,
        user_id: str,
        message: str,
        *,
        conversation_id: str | None = None,
        custom_variables: dict[str, str] | None = None,
        content_type: str = "text",
        shortcut: ShortcutUse | None = None,
    ) -> ChatStream:
        """Start a streaming chat. Raises a CozeError if Coze refuses before the stream starts.

        `message` is the content: plain text, or with `content_type="object_string"` the JSON string built by
        `desktop.core.coze.content.user_message`; `shortcut` runs a bot's shortcut command."""
        body: dict[str, Any] = {
            "bot_id": bot_id,
            "user_id": user_id,
            "stream": True,
            "auto_save_history": True,
            "additional_messages": [{"role": Role.USER, "content": message, "content_type": content_type}],
        }
        if custom_variables:
            body["custom_variables"] = custom_variables
        body |= {"shortcut_command": shortcut.to_wire()} if shortcut is not None else {}
        # conversation_id travels on the query string, and not at all when there is none.
        params = {"conversation_id": conversation_id} if conversation_id else None
        return self._open_stream("/v3/chat", params, body)

    def stream_workflow_chat(
        self,
        workflow_id: str,
        user_id: str,
        message: str,
        *,
        app_id: str | None = None,
        bot_id: str | None = None,
        conversation_id: str | None = None,
        parameters: dict[str, str] | None = None,
        content_type: str = "text",
    ) -> ChatStream:
        """Start a streaming chat with a chatflow (`POST /v1/workflows/chat`), in an app or a bot.

        The body as coze-py builds it (`cozepy/workflows/chat`), with cards enabled the way the chat SDK does
        (`ext.enable_card`); `conversation_id` travels in the body here. Same events as `/v3/chat`."""
        body: dict[str, Any] = {
            "workflow_id": workflow_id,
            "additional_messages": [{"role": Role.USER, "content": message, "content_type": content_type}],
        }
        if parameters:
            body["parameters"] = parameters
        if app_id:
            body["app_id"] = app_id
        if bot_id:
            body["bot_id"] = bot_id
        if conversation_id:
            body["conversation_id"] = conversation_id
        body["ext"] = {"user_id": user_id, "enable_card": "true"}
        return self._open_stream("/v1/workflows/chat", None, body)

    def _open_stream(self, path: str, params: dict[str, Any] | None, body: dict[str, Any]) -> ChatStream:
        token = self._token()
        for attempt in (1, 2):
            response = self._send("POST", path, params=params, body=body, token=token)
            try:
                check_stream_start(response)
            except CozeError as exc:
                response.close()
                token = self._renewed(exc, token) if attempt == 1 else None
                if token is None:
                    raise
                continue
            except BaseException:
                response.close()
                raise
            return ChatStream(response, on_cancel=self._cancel_after_stop, idle_timeout=self._timeout[1], token=token)
        raise AssertionError("unreachable")

    @property
    def renews_tokens(self) -> bool:
        """Signed in (a token source that renews), not a personal access token."""
        return self._source is not None

    def renew_after(self, error: CozeError, stream: ChatStream) -> bool:
        """A 4100 in a chat stream's body (its error envelope, or an `error` event before any answer): renew
        the token it was sent with, as `_open_stream` does for a 4100 refusing the request itself (coze-js
        mini-coze-api.ts requestMiniSse: refreshTokenAndRetry once). True: ask again. Raises SignedOut when
        the refresh token is dead."""
        return self._renewed(error, stream.token) is not None

    def cancel_chat(self, conversation_id: str, chat_id: str) -> ChatInfo:
        body = {"conversation_id": conversation_id, "chat_id": chat_id}
        data = self._data("POST", "/v3/chat/cancel", body=body, timeout=(CONNECT_TIMEOUT, CANCEL_TIMEOUT))
        return ChatInfo.from_json(data)

    def cancel_quietly(self, transcript: ChatTranscript) -> None:
        """Best effort: a failure to cancel is logged, never raised."""
        try:
            self._cancel_after_stop(transcript)
        except CozeError as exc:
            log.info("cancelling chat %s failed: %s", transcript.chat_id, exc.summary())

    def _cancel_after_stop(self, transcript: ChatTranscript) -> None:
        if transcript.conversation_id and transcript.chat_id:
            self.cancel_chat(transcript.conversation_id, transcript.chat_id)


def requires_action(client: CozeClient, transcript: ChatTranscript, logid: str | None) -> CozeError:
    """The bot wants a client-side tool run: we cannot, so report it. The cancel is best effort: Coze's
    cancel documentation (coze-py `ChatClient.cancel`) says a requires_action chat cannot be cancelled
    (the local server answers 4104, logged at INFO); only submit_tool_outputs moves such a chat on."""
    client.cancel_quietly(transcript)
    return CozeError("the bot requires a client-side tool", logid=logid, kind=ErrorKind.REQUIRES_ACTION)
