"""Bot info endpoints and the demo bot's profile."""

from __future__ import annotations

import struct

import pytest

from desktop.core.cozeserver import DEMO_BOT_ID, DEMO_TOKEN, CozeServer

from .rawhttp import RawConnection


def test_demo_bot_info(conn: RawConnection) -> None:
    data = conn.request("GET", f"/v1/bots/{DEMO_BOT_ID}").json()["data"]
    assert data["bot_id"] == DEMO_BOT_ID
    assert data["name"] == "Coze Demo Bot"
    assert data["bot_mode"] == 0
    assert isinstance(data["create_time"], int)
    assert data["version"]
    assert data["onboarding_info"]["prologue"].startswith("Hi!")
    assert len(data["onboarding_info"]["suggested_questions"]) == 3
    assert data["icon_url"] == "http://127.0.0.1/_local/bot-icon.png"


def test_demo_bot_speaks_the_server_language() -> None:
    with CozeServer(language="zh") as server, RawConnection(server.port) as conn:
        data = conn.request("GET", f"/v1/bots/{DEMO_BOT_ID}").json()["data"]
        assert data["name"] == "扣子演示助手"
        assert data["onboarding_info"]["suggested_questions"][0] == "你能做什么？"


def test_the_demo_switches_language_while_running_and_keeps_its_conversations() -> None:
    with CozeServer(language="en") as server, RawConnection(server.port) as conn:
        created = conn.request("POST", "/v1/conversation/create", {}).json()["data"]["id"]
        server.language = "zh"
        data = conn.request("GET", f"/v1/bots/{DEMO_BOT_ID}").json()["data"]
        assert data["name"] == "扣子演示助手"
        assert data["onboarding_info"]["prologue"] != "" and not data["onboarding_info"]["prologue"].isascii()
        found = conn.request("GET", f"/v1/conversation/retrieve?conversation_id={created}").json()
        assert found["code"] == 0 and found["data"]["id"] == created
        with pytest.raises(ValueError, match="language must be one of"):
            server.language = "fr"


def test_added_bot_and_unknown_bot(server: CozeServer, conn: RawConnection) -> None:
    server.add_bot(
        "7400000000000000042",
        name="Helper",
        description="d",
        prologue="p",
        suggested_questions=["q1"],
        icon_url="https://example.com/i.png",
    )
    data = conn.request("GET", "/v1/bots/7400000000000000042").json()["data"]
    assert (data["name"], data["description"], data["icon_url"]) == ("Helper", "d", "https://example.com/i.png")
    assert data["onboarding_info"] == {"prologue": "p", "suggested_questions": ["q1"]}
    assert conn.request("GET", "/v1/bots/1").json()["code"] == 4200


def test_online_info_refuses_unpublished_bots(server: CozeServer, conn: RawConnection) -> None:
    assert conn.request("GET", f"/v1/bot/get_online_info?bot_id={DEMO_BOT_ID}").json()["code"] == 0
    server.add_bot("7400000000000000043", published=False)
    assert conn.request("GET", "/v1/bot/get_online_info?bot_id=7400000000000000043").json()["code"] == 4015


def test_the_fallback_icon_is_a_png_without_a_token(conn: RawConnection) -> None:
    response = conn.request("GET", "/_local/bot-icon.png", token=None)
    assert response.status == 200
    assert response.headers["content-type"] == "image/png"
    assert response.body.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", response.body[16:24])
    assert (width, height) == (64, 64)


def test_demo_token_is_accepted_by_default() -> None:
    with CozeServer() as server, RawConnection(server.port) as conn:
        assert conn.request("GET", f"/v1/bots/{DEMO_BOT_ID}", token=DEMO_TOKEN).status == 200
        assert conn.request("GET", f"/v1/bots/{DEMO_BOT_ID}", token="other").status == 401
