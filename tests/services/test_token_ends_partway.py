"""A 4100 in the stream after answer text was shown: the text and the question stay, nothing is sent again, and
the one sentence says what happened to *this* credential. A personal access token expired or was revoked (paste a
new one); a signed-in account's access token is renewed as coze-js does mid-stream (ask again), or, when its refresh
token is dead, the sign-in ended (sign in again). Before, all three got the generic "did not accept your sign-in or
access token" of a token refused at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.auth.account import AccountCredential, StoredTokens
from desktop.core.auth.oauth import OAuthClient
from desktop.core.coze.error_text import error_text
from desktop.core.coze.errors import ErrorKind
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.secrets import TokenStore
from desktop.core.store import Store
from desktop.core.store.models import Message
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from desktop.ui.presenters import message_item
from tests.coze_fixtures import BOT, TOKEN

CLIENT_ID = "12345678901234567890.app.coze"
TEXT = "one two three four five six seven eight"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "history.sqlite3") as opened:
        yield opened


def signed_in(server: CozeServer, tmp_path: Path) -> AccountCredential:
    server.oauth.script = ["approved"]
    with OAuthClient(server.base_url, CLIENT_ID) as oauth:
        token = oauth.poll(oauth.device_code().device_code)
    account = AccountCredential(server.base_url, TokenStore(), lock_dir=tmp_path / "locks")
    account.save(StoredTokens.from_token(CLIENT_ID, token))
    return account


def ask(qtbot: QtBot, store: Store, server: CozeServer, chats: ChatController) -> tuple[int, Message]:
    """A question whose answer stops after 3 deltas with a 4100 `error` event; the stored answer."""
    server.queue(Scenario("error_event", text=TEXT, after_deltas=3, code=4100))
    conversation = store.conversations.create(BOT)
    assert chats.send(conversation.id, "the question")
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    question, answer = store.messages.page(conversation.id)[:2]
    assert question.content == "the question"
    assert answer.status == "failed" and answer.content and TEXT.startswith(answer.content.strip()[:3])
    assert sum(1 for r in server.requests if r.path == "/v3/chat") == 1, "a half-shown answer is not sent again"
    logid = next(r for r in server.requests if r.path == "/v3/chat").logid
    assert f"logid: {logid}" in message_item(answer, "Bot", "en").error_details
    return conversation.id, answer


def test_a_personal_token_refused_partway_says_it_expired_or_was_revoked(
    qtbot: QtBot, store: Store, server: CozeServer
) -> None:
    chats = ChatController(store, lambda _bot: Connection(server.base_url, TOKEN, BOT, "u"))
    _conversation, answer = ask(qtbot, store, server, chats)
    assert answer.error is not None and answer.error.kind == "token_ended_partway"
    item = message_item(answer, "Bot", "en")
    assert item.error_sentence == (
        "Coze stopped accepting your access token partway through this answer: it expired or was revoked. "
        "What arrived is kept."
    )
    assert "paste a new personal access token" in item.error_action.lower() and item.error_settings
    assert "已收到的内容会保留" in message_item(answer, "Bot", "zh_CN").error_sentence
    cli = error_text(ErrorKind.TOKEN_ENDED_PARTWAY, "en", command_line=True).action
    assert "COZE_API_TOKEN" in cli and "Settings →" not in cli
    assert chats.shutdown(3000)


def test_a_signed_in_account_refused_partway_is_renewed_and_told_to_ask_again(
    qtbot: QtBot, store: Store, server: CozeServer, tmp_path: Path
) -> None:
    account = signed_in(server, tmp_path)
    chats = ChatController(store, lambda _bot: Connection(server.base_url, account, BOT, "u"))
    conversation, answer = ask(qtbot, store, server, chats)
    assert answer.error is not None and answer.error.kind == "sign_in_expired_partway"
    assert server.oauth.refreshes == 1
    item = message_item(answer, "Bot", "en")
    assert item.error_sentence == ("Your Coze sign-in expired partway through this answer; what arrived is kept.")
    assert "ask again" in item.error_action.lower() and "paste" not in item.error_action.lower()
    assert chats.send(conversation, "again")  # the renewed token works: no second refresh
    qtbot.waitUntil(lambda: not chats.is_busy(conversation), timeout=10_000)
    assert store.messages.page(conversation)[-1].status == "complete" and server.oauth.refreshes == 1
    assert chats.shutdown(3000)


def test_a_signed_in_account_whose_renewal_fails_partway_is_asked_to_sign_in_again(
    qtbot: QtBot, store: Store, server: CozeServer, tmp_path: Path
) -> None:
    account = signed_in(server, tmp_path)
    stored = account.load()
    assert stored is not None
    with OAuthClient(server.base_url, CLIENT_ID) as oauth:
        oauth.refresh(stored.refresh_token)  # spent elsewhere: ours is dead now
    chats = ChatController(store, lambda _bot: Connection(server.base_url, account, BOT, "u"))
    _conversation, answer = ask(qtbot, store, server, chats)
    assert answer.error is not None and answer.error.kind == "signed_out_partway"
    item = message_item(answer, "Bot", "en")
    assert item.error_sentence == (
        "Your Coze sign-in expired partway through this answer and could not be renewed; what arrived is kept."
    )
    assert "Sign in again" in item.error_action and "paste" not in item.error_action.lower() and item.error_settings
    assert "重新登录" in message_item(answer, "Bot", "zh_CN").error_action
    assert "coze-desktop login" in error_text(ErrorKind.SIGNED_OUT_PARTWAY, "en", command_line=True).action
    assert chats.shutdown(3000)
