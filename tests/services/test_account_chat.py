"""Chats in the window's controller with a signed-in account: refreshed on 4100, and one clear
"sign in again" answer (with the Settings button) when the refresh token is dead."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.auth.account import AccountCredential, StoredTokens
from desktop.core.auth.oauth import OAuthClient
from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer, Scenario
from desktop.core.secrets import TokenStore
from desktop.core.store import Store
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from desktop.ui.presenters import message_item

CLIENT_ID = "12345678901234567890.app.coze"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "history.sqlite3") as opened:
        yield opened


def test_an_account_chat_refreshes_then_asks_to_sign_in_again(
    qtbot: QtBot, store: Store, server: CozeServer, tmp_path: Path
) -> None:
    server.oauth.script = ["approved"]
    with OAuthClient(server.base_url, CLIENT_ID) as oauth:
        token = oauth.poll(oauth.device_code().device_code)
    account = AccountCredential(server.base_url, TokenStore(), lock_dir=tmp_path / "locks")
    account.save(StoredTokens.from_token(CLIENT_ID, token))
    chats = ChatController(store, lambda bot_id: Connection(server.base_url, account, bot_id, "u"))
    conversation = store.conversations.create(DEMO_BOT_ID)

    server.oauth.expire_access_tokens()
    chats.send(conversation.id, "hello")
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    assert store.messages.page(conversation.id)[-1].status == "complete" and server.oauth.refreshes == 1

    stored = account.load()
    assert stored is not None
    with OAuthClient(server.base_url, CLIENT_ID) as oauth:
        oauth.refresh(stored.refresh_token)  # spent elsewhere: ours is dead now
    server.oauth.expire_access_tokens()
    chats.send(conversation.id, "again")
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    answer = store.messages.page(conversation.id)[-1]
    assert answer.status == "failed" and answer.error is not None and answer.error.kind == "signed_out"
    item = message_item(answer, "Demo", "en")
    assert "Sign in again" in item.error_action and item.error_settings
    assert not account.signed_in
    assert chats.shutdown(3000)


@pytest.mark.parametrize("name", ["stream_json_error", "error_event_first"])
def test_a_4100_in_the_stream_body_renews_the_token_and_asks_once_more(
    qtbot: QtBot, store: Store, server: CozeServer, tmp_path: Path, name: str
) -> None:
    """The token was refused inside the event stream (the envelope as its body, or an `error` event), not by
    the HTTP answer: renewed as for a refused request (coze-js mini-coze-api.ts requestMiniSse), and the
    question is sent again once, since nothing was shown."""
    server.oauth.script = ["approved"]
    with OAuthClient(server.base_url, CLIENT_ID) as oauth:
        token = oauth.poll(oauth.device_code().device_code)
    account = AccountCredential(server.base_url, TokenStore(), lock_dir=tmp_path / "locks")
    account.save(StoredTokens.from_token(CLIENT_ID, token))
    chats = ChatController(store, lambda bot_id: Connection(server.base_url, account, bot_id, "u"))
    conversation = store.conversations.create(DEMO_BOT_ID)

    server.queue(Scenario(name, code=4100))  # (the local server ends the token it refuses: it stays refused)
    chats.send(conversation.id, "hello")
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    answer = store.messages.page(conversation.id)[-1]
    assert answer.status == "complete" and answer.content and answer.error is None
    assert server.oauth.refreshes == 1
    assert sum(1 for r in server.requests if r.path == "/v3/chat") == 2
    assert chats.shutdown(3000)
