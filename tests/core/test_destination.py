"""Where a chat goes: the precedence of each field, row by row (desktop/core/destination.py)."""

from __future__ import annotations

import pytest

from desktop.core.coze import COZE_CN, COZE_COM
from desktop.core.destination import BotConflict, Choice, CredentialError, CredentialSource, Origin, Resolver
from desktop.core.secrets import TokenStoreError
from desktop.core.settings import Overrides

LOCAL = "http://127.0.0.1:8000"


def env(token: str | None = None, api_base: str | None = None, bot_id: str | None = None) -> Overrides:
    return Overrides(token=token, api_base=api_base, bot_id=bot_id)


@pytest.mark.parametrize(
    ("flag", "environment", "saved", "value", "origin", "rejected"),
    [
        (None, None, COZE_CN, COZE_CN, Origin.SETTINGS, ()),
        (None, LOCAL, COZE_CN, LOCAL, Origin.ENVIRONMENT, ()),
        (COZE_COM, LOCAL, COZE_CN, COZE_COM, Origin.FLAG, ()),
        ("https://api.coze.com/", None, COZE_CN, COZE_COM, Origin.FLAG, ()),  # normalized
        ("", "", COZE_CN, COZE_CN, Origin.SETTINGS, ()),  # empty means not given
        # A bad value is skipped, and said so: `ask` refuses it, the window logs it and goes on.
        (None, "ftp://x", COZE_COM, COZE_COM, Origin.SETTINGS, (Origin.ENVIRONMENT,)),
        ("http://example.com", LOCAL, COZE_CN, LOCAL, Origin.ENVIRONMENT, (Origin.FLAG,)),
        # Nothing usable: the saved text as it is, marked NONE (the dialog's Test refuses it).
        ("ftp://x", None, "nonsense", "nonsense", Origin.NONE, (Origin.FLAG, Origin.SETTINGS)),
    ],
)
def test_api_base(
    flag: str | None, environment: str | None, saved: str, value: str, origin: Origin, rejected: tuple[Origin, ...]
) -> None:
    got = Resolver(env(api_base=environment)).api_base(saved, flag=flag)
    assert (got.value, got.origin) == (value, origin)
    assert tuple(r.origin for r in got.rejected) == rejected
    assert all(r.reason for r in got.rejected)


def broken(_base: str) -> str | None:
    raise TokenStoreError("reading the keyring failed: InitError")


@pytest.mark.parametrize(
    ("environment", "sources", "base", "expected", "origin", "problems"),
    [
        (None, [], COZE_CN, None, Origin.NONE, 0),
        ("pat_env", [{COZE_CN: "pat_saved"}.get], COZE_CN, "pat_env", Origin.ENVIRONMENT, 0),
        (None, [{COZE_CN: "pat_saved"}.get], COZE_CN, "pat_saved", Origin.CREDENTIAL, 0),
        # Tokens are per API base: coze.cn's token is not sent to coze.com.
        (None, [{COZE_CN: "pat_saved"}.get], COZE_COM, None, Origin.NONE, 0),
        # Sources are asked in order (a signed-in account before the keyring, say); the first answer wins.
        (None, [{}.get, {COZE_CN: "pat_second"}.get], COZE_CN, "pat_second", Origin.CREDENTIAL, 0),
        (None, [{COZE_CN: "pat_first"}.get, {COZE_CN: "pat_second"}.get], COZE_CN, "pat_first", Origin.CREDENTIAL, 0),
        # A source that cannot answer is reported, and the next one is asked.
        (None, [broken], COZE_CN, None, Origin.NONE, 1),
        (None, [broken, {COZE_CN: "pat_saved"}.get], COZE_CN, "pat_saved", Origin.CREDENTIAL, 1),
        ("pat_env", [broken], COZE_CN, "pat_env", Origin.ENVIRONMENT, 0),  # the keyring is not even asked
    ],
)
def test_token(
    environment: str | None,
    sources: list[CredentialSource],
    base: str,
    expected: str | None,
    origin: Origin,
    problems: int,
) -> None:
    got = Resolver(env(token=environment), sources).token(base)
    assert (got.value, got.origin, len(got.problems)) == (expected, origin, problems)
    assert "pat_" not in repr(got)  # the token never shows in a repr (logs, tracebacks)


@pytest.mark.parametrize(
    ("flag", "environment", "conversation", "default", "expected"),
    [
        (None, None, None, "", Choice("", Origin.NONE)),
        (None, None, None, "111", Choice("111", Origin.SETTINGS)),
        (None, "222", None, "111", Choice("222", Origin.ENVIRONMENT)),
        ("333", "222", None, "111", Choice("333", Origin.FLAG)),
        (" 333 ", None, None, "", Choice("333", Origin.FLAG)),
        # A conversation continues with its own bot, whatever the environment or settings say...
        (None, "222", "444", "111", Choice("444", Origin.CONVERSATION)),
        (None, None, "444", "111", Choice("444", Origin.CONVERSATION)),
        ("444", "222", "444", "111", Choice("444", Origin.FLAG)),
        # ...and a flag naming another bot is a conflict, never a silent switch.
        ("333", None, "444", "111", BotConflict("444", "333")),
    ],
)
def test_bot(
    flag: str | None, environment: str | None, conversation: str | None, default: str, expected: object
) -> None:
    assert Resolver(env(bot_id=environment)).bot(default, flag=flag, conversation_bot=conversation) == expected


def test_a_keyring_error_is_a_credential_error() -> None:
    assert issubclass(TokenStoreError, CredentialError)
