"""Where chats go (`Destinations`): the token the Settings dialog returns is saved, kept or deleted per
region as the user means it; every token in use is registered with the log redactor; the bot of a new
chat, the demo bot and the connection of a conversation's bot. Real keyring API (in-memory backend)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest

from desktop.core.auth.credentials import set_pat_expiry
from desktop.core.coze import COZE_CN, COZE_COM
from desktop.core.logs import RedactingFilter
from desktop.core.secrets import SERVICE, TokenStore
from desktop.core.settings import Overrides, Settings
from desktop.services.demo import DemoBackend
from desktop.services.destinations import Destinations
from tests.memory_keyring import MemoryKeyring

NO_OVERRIDES = Overrides(None, None, None)
SAVED = "pat_saved_token_for_cn_0001"
BOT, OTHER = "7400000000000000001", "7400000000000000002"


class Fixture:
    def __init__(self, overrides: Overrides = NO_OVERRIDES) -> None:
        self.settings = Settings(bot_ids=[BOT, OTHER], default_bot_id=BOT, user_id="u1")
        self.redactor = RedactingFilter()
        self.demo = DemoBackend("en")
        self.destinations = Destinations(lambda: self.settings, overrides, TokenStore(), self.redactor, self.demo)

    def masked(self, text: str) -> str:
        record = logging.LogRecord("t", logging.INFO, __file__, 1, text, None, None)
        self.redactor.filter(record)
        return record.getMessage()


@pytest.fixture
def fx() -> Iterator[Fixture]:
    fixture = Fixture()
    yield fixture
    fixture.demo.stop()


def test_a_new_token_is_saved_for_its_region_and_redacted(fx: Fixture, memory_keyring: MemoryKeyring) -> None:
    fx.destinations.save_token(COZE_CN, SAVED, previous=None, session_only=False)
    assert memory_keyring.secrets == {(SERVICE, COZE_CN): SAVED}
    assert fx.destinations.token() == SAVED
    assert fx.masked(f"sent {SAVED}") == "sent [redacted]"


def test_an_emptied_field_deletes_the_saved_token(fx: Fixture, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.secrets[(SERVICE, COZE_CN)] = SAVED
    assert fx.destinations.token() == SAVED  # read once and remembered...
    fx.destinations.save_token(COZE_CN, "", previous=SAVED, session_only=False)
    assert memory_keyring.secrets == {}
    assert fx.destinations.token() is None  # ...and forgotten when the dialog changed it


def test_a_region_switch_with_the_old_token_left_in_saves_nothing(fx: Fixture, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.secrets[(SERVICE, COZE_CN)] = SAVED
    fx.destinations.save_token(COZE_COM + "/", SAVED, previous=SAVED, session_only=False)  # as typed
    assert memory_keyring.secrets == {(SERVICE, COZE_CN): SAVED}  # coze.com did not get coze.cn's token
    fx.destinations.save_token(COZE_COM, "", previous=SAVED, session_only=False)
    assert memory_keyring.secrets == {(SERVICE, COZE_CN): SAVED}  # nor did switching delete it


def test_a_session_only_token_stays_off_the_keyring(fx: Fixture, memory_keyring: MemoryKeyring) -> None:
    fx.destinations.save_token(COZE_CN, SAVED, previous=None, session_only=True)
    assert memory_keyring.secrets == {}
    assert fx.destinations.token() == SAVED


def test_the_environment_token_wins_and_is_redacted_from_the_start(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.secrets[(SERVICE, COZE_CN)] = SAVED
    fixture = Fixture(Overrides("pat_from_the_environment", None, None))
    assert fixture.destinations.token() == "pat_from_the_environment"
    assert fixture.masked("pat_from_the_environment") == "[redacted]"
    set_pat_expiry(fixture.settings, COZE_CN, date.today() + timedelta(days=1))
    assert fixture.destinations.pat_days_left() is None  # the saved PAT is not the one in use


def test_days_left_of_the_saved_pat_in_use(fx: Fixture, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.secrets[(SERVICE, COZE_CN)] = SAVED
    assert fx.destinations.pat_days_left() is None  # no expiry recorded
    set_pat_expiry(fx.settings, COZE_CN, date.today() + timedelta(days=2))
    assert fx.destinations.pat_days_left() == 2
    set_pat_expiry(fx.settings, COZE_CN, date.today() - timedelta(days=1))
    assert fx.destinations.pat_days_left() == -1


def test_a_new_chat_starts_with_the_last_bot_chosen_else_the_default(
    fx: Fixture, memory_keyring: MemoryKeyring
) -> None:
    assert fx.destinations.bot_for_new_chat() == BOT
    fx.settings.last_bot_id = OTHER
    assert fx.destinations.bot_for_new_chat() == OTHER
    fx.settings.last_bot_id = "7400000000000000999"  # removed from the list since: the default again
    assert fx.destinations.bot_for_new_chat() == BOT
    fx.destinations.demo_mode = True
    assert fx.destinations.bot_for_new_chat() == fx.demo.bot_id


def test_configured_needs_a_token_and_a_bot(fx: Fixture, memory_keyring: MemoryKeyring) -> None:
    assert not fx.destinations.configured()
    memory_keyring.secrets[(SERVICE, COZE_CN)] = SAVED
    assert fx.destinations.configured()
    fx.settings = replace(fx.settings, default_bot_id="")  # the app replaces its settings on save
    assert not fx.destinations.configured()


def test_connections_go_to_the_bots_own_place(fx: Fixture, memory_keyring: MemoryKeyring) -> None:
    assert fx.destinations.connection_for(OTHER) is None  # no token: nowhere to send it
    memory_keyring.secrets[(SERVICE, COZE_CN)] = SAVED
    fx.settings.stream_timeout = 45
    connection = fx.destinations.connection_for(OTHER)
    assert connection is not None
    assert (connection.api_base, connection.token, connection.bot_id, connection.user_id) == (
        COZE_CN,
        SAVED,
        OTHER,
        "u1",
    )
    assert connection.read_timeout == 45.0 and not connection.demo
    demo = fx.destinations.connection_for(fx.demo.bot_id)  # the demo bot is served locally, without a token
    assert demo is not None and demo.demo and demo.api_base.startswith("http://127.0.0.1:")


def test_an_explicit_api_base_takes_the_demos_chats_outside_demo_mode(memory_keyring: MemoryKeyring) -> None:
    fixture = Fixture(Overrides("pat_from_the_environment", "http://127.0.0.1:9", None))
    try:
        for key in fixture.demo.choices():  # the demo bot and its chatflow
            connection = fixture.destinations.connection_for(key)
            assert connection is not None and (connection.api_base, connection.demo) == ("http://127.0.0.1:9", False)
        assert not fixture.demo.running
        fixture.destinations.demo_mode = True  # the demo chosen itself: --demo, the welcome page's button
        demo = fixture.destinations.connection_for(fixture.demo.bot_id)
        assert demo is not None and demo.demo and demo.api_base != "http://127.0.0.1:9"
    finally:
        fixture.demo.stop()
