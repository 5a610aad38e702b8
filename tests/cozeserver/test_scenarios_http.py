"""Scenarios that replace the whole HTTP answer, the queue, and the /_local/scenario endpoint."""

from __future__ import annotations

import json

import pytest

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer, Scenario

from .rawhttp import LOGID, RawConnection, chat_body


def test_http_error_json(server: CozeServer, conn: RawConnection) -> None:
    server.queue(Scenario("http_error_json", status=503, code=5000, msg="overloaded"))
    response = conn.request("POST", "/v3/chat", chat_body("hello"))
    assert response.status == 503
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    body = response.json()
    assert (body["code"], body["msg"]) == (5000, "overloaded")
    assert body["detail"]["logid"] == response.headers["x-tt-logid"]


def test_http_error_html_is_an_nginx_page(server: CozeServer, conn: RawConnection) -> None:
    server.queue(Scenario("http_error_html"))
    response = conn.request("POST", "/v3/chat", chat_body("hello"))
    assert response.status == 502
    assert response.headers["content-type"] == "text/html"
    assert response.body == (
        b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
        b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
    assert LOGID.match(response.headers["x-tt-logid"])


@pytest.mark.parametrize("code", [4100, 4015, 4200, 4016, 4008, 4009, 4020, 4011, 4028])
def test_json_error_codes_come_with_status_200(server: CozeServer, conn: RawConnection, code: int) -> None:
    server.queue(Scenario("json_error", code=code))
    response = conn.request("POST", "/v3/chat", chat_body("hello"))
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert len(body["msg"]) > 20
    if code == 4015:
        assert "0000000000000000001" in body["msg"]  # the demo bot


def test_rate_limited_has_retry_after(server: CozeServer, conn: RawConnection) -> None:
    server.queue(Scenario("rate_limited", retry_after=5, code=4020))
    response = conn.request("POST", "/v3/chat", chat_body("hello"))
    assert response.status == 429
    assert response.headers["retry-after"] == "5"
    assert response.json()["code"] == 4020


def test_html_200_is_a_captive_portal(server: CozeServer, conn: RawConnection) -> None:
    server.queue(Scenario("html_200"))
    response = conn.request("POST", "/v3/chat", chat_body("hello"))
    assert response.status == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.body.startswith(b"<!DOCTYPE html>")


def test_stream_json_error_is_a_bare_envelope_under_the_event_stream_type(
    server: CozeServer, conn: RawConnection
) -> None:
    server.queue(Scenario("stream_json_error", code=4101))
    response = conn.request("POST", "/v3/chat", chat_body("hello"))
    assert response.status == 200
    assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert response.json()["code"] == 4101
    assert not response.body.endswith(b"\n") and response.events() == []  # no event line in it


def test_error_event_first_is_the_only_event_of_the_stream(server: CozeServer, conn: RawConnection) -> None:
    server.queue(Scenario("error_event_first", code=4009))
    response = conn.request("POST", "/v3/chat", chat_body("hello"))
    assert response.status == 200 and response.headers["content-type"] == "text/event-stream; charset=utf-8"
    ((name, data),) = response.events()
    assert name == "error" and json.loads(data)["code"] == 4009 and "QPS" in json.loads(data)["msg"]
    assert LOGID.match(response.headers["x-tt-logid"])


def test_a_4100_scenario_ends_the_oauth_token_it_was_sent_with(server: CozeServer, conn: RawConnection) -> None:
    server.oauth.script = ["approved"]
    issued = [server.oauth.poll("1.app.coze", server.oauth.start("1.app.coze", "http://x")["device_code"])]
    issued.append(server.oauth.refresh("1.app.coze", issued[0]["refresh_token"]))
    first, second = (t["access_token"] for t in issued)
    server.queue(Scenario("stream_json_error", code=4100))
    assert conn.request("POST", "/v3/chat", chat_body("hello"), token=first).json()["code"] == 4100
    assert conn.request("POST", "/v3/chat", chat_body("hello"), token=first).status == 401  # refused from now on
    assert conn.request("GET", "/v1/bots/" + DEMO_BOT_ID, token=second).status == 200  # a renewed one is not
    assert conn.request("POST", "/v3/chat", chat_body("hello")).status == 200  # nor a personal access token


def test_the_token_check_comes_first_and_keeps_the_scenario(server: CozeServer, conn: RawConnection) -> None:
    server.queue(Scenario("html_200"))
    assert conn.request("POST", "/v3/chat", chat_body("hello"), token="bad").status == 401
    assert len(server.pending_scenarios) == 1
    assert conn.request("POST", "/v3/chat", chat_body("hello")).headers["content-type"].startswith("text/html")


def test_scenarios_play_in_fifo_order_once_each(server: CozeServer, conn: RawConnection) -> None:
    server.queue(Scenario("json_error", code=4008))
    server.queue(Scenario("json_error", code=4009))
    codes = [conn.request("POST", "/v3/chat", chat_body("hello")).json()["code"] for _ in range(2)]
    assert codes == [4008, 4009]
    assert conn.request("POST", "/v3/chat", chat_body("hello")).headers["content-type"].startswith("text/event")


def test_local_endpoint_queues_scenarios_without_being_recorded(server: CozeServer, conn: RawConnection) -> None:
    response = conn.request("POST", "/_local/scenario", {"name": "json_error", "code": 4028}, token=None)
    assert response.json()["data"] == {"queued": "json_error", "pending": 1}
    assert server.requests == []
    assert conn.request("POST", "/v3/chat", chat_body("hello")).json()["code"] == 4028
    for bad in ({"name": "nope"}, {"name": "drop", "bogus": 1}, {}):
        rejected = conn.request("POST", "/_local/scenario", bad, token=None)
        assert rejected.status == 400
        assert rejected.json()["code"] == 4000


def test_scenario_validation() -> None:
    with pytest.raises(ValueError, match="unknown scenario"):
        Scenario("nope")
    with pytest.raises(ValueError, match="bogus"):
        Scenario("drop", bogus=1)
    with pytest.raises(ValueError, match="line_ending"):
        Scenario("framing", line_ending="\n\n")
    assert Scenario("drop").params["after_deltas"] == 5
    assert Scenario("drop", after_deltas=2) == Scenario("drop", after_deltas=2)


def test_slow_headers_trickles_the_head_one_byte_at_a_time(server: CozeServer, conn: RawConnection) -> None:
    server.queue(Scenario("slow_headers", every=0.005, code=5000))
    conn.send("POST", "/v3/chat", chat_body("hello"))
    pieces: list[bytes] = []
    while b"\r\n\r\n" not in b"".join(pieces):
        piece = conn.sock.recv(4096)  # what has arrived so far (the reader's buffer is not used yet)
        assert piece, f"the connection ended inside the head: {b''.join(pieces)!r}"
        pieces.append(piece)
    head, _, body = b"".join(pieces).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 502 ")
    assert len(pieces) > len(head) // 4, "the head came in one piece, not trickling"
    while piece := conn.sock.recv(4096):
        body += piece
    assert json.loads(body)["code"] == 5000
