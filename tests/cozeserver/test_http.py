"""HTTP-level behaviour: headers, logids, envelopes, the token check, keep-alive, unknown paths."""

from __future__ import annotations

import http.client
import json

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer

from .conftest import TEST_TOKEN
from .rawhttp import LOGID, RawConnection


def test_json_response_headers_and_envelope(conn: RawConnection) -> None:
    response = conn.request("POST", "/v1/conversation/create", {"bot_id": DEMO_BOT_ID})
    assert response.status == 200
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert int(response.headers["content-length"]) == len(response.body)
    assert response.headers["connection"] == "keep-alive"
    logid = response.headers["x-tt-logid"]
    assert LOGID.match(logid)
    body = response.json()
    assert list(body) == ["code", "msg", "data", "detail"]
    assert body["code"] == 0
    assert body["msg"] == ""
    assert body["detail"] == {"logid": logid}


def test_every_response_gets_a_fresh_logid(conn: RawConnection) -> None:
    first = conn.request("GET", f"/v1/bots/{DEMO_BOT_ID}")
    second = conn.request("GET", f"/v1/bots/{DEMO_BOT_ID}")  # same keep-alive connection
    assert first.headers["x-tt-logid"] != second.headers["x-tt-logid"]


def test_missing_and_unknown_tokens_get_4100_with_401(conn: RawConnection) -> None:
    for token in (None, "pat_wrong"):
        response = conn.request("POST", "/v1/conversation/create", {}, token=token)
        assert response.status == 401
        body = response.json()
        assert body["code"] == 4100
        assert body["msg"] == (
            "The token you entered is incorrect. Please double-check and try again. For more information, "
            "refer to https://www.coze.cn/docs/developer_guides/authentication"
        )
        assert body["detail"]["logid"] == response.headers["x-tt-logid"]


def test_any_accepted_token_works_and_the_header_is_recorded(server: CozeServer, conn: RawConnection) -> None:
    assert conn.request("POST", "/v1/conversation/create", {}, token=TEST_TOKEN).json()["code"] == 0
    recorded = server.requests[-1]
    assert recorded.method == "POST"
    assert recorded.path == "/v1/conversation/create"
    assert recorded.headers["authorization"] == f"Bearer {TEST_TOKEN}"
    assert recorded.json == {}
    server.requests.clear()  # the log is live, so tests can reset it
    conn.request("GET", "/v1/conversations?bot_id=1")
    assert [(r.method, r.query) for r in server.requests] == [("GET", {"bot_id": "1"})]


def test_unknown_path_is_a_json_404(conn: RawConnection) -> None:
    response = conn.request("POST", "/v9/nothing", {})
    assert response.status == 404
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["code"] == 4000


def test_invalid_json_body_is_a_parameter_error(conn: RawConnection) -> None:
    response = conn.request("POST", "/v3/chat", b"{not json")
    assert response.status == 200
    assert response.json()["code"] == 4000


def test_http_client_keeps_one_connection_alive(server: CozeServer) -> None:
    client = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    headers = {"Authorization": f"Bearer {TEST_TOKEN}", "Content-Type": "application/json"}
    try:
        for _ in range(3):
            client.request("POST", "/v1/conversation/create", json.dumps({}), headers)
            response = client.getresponse()
            assert json.loads(response.read())["code"] == 0
        assert client.sock is not None  # never reconnected
    finally:
        client.close()
