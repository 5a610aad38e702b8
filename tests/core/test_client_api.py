"""The non-streaming Coze endpoints and the client's safety rules."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest

from desktop.core.coze import CozeClient, ErrorKind, normalize_base_url
from desktop.core.coze.errors import CozeAPIError, CozeError, CozeHTTPError, InsecureBaseURLError
from desktop.core.cozeserver import CozeServer, Scenario
from tests.coze_fixtures import BOT, TOKEN, USER


def test_bot_info(client: CozeClient) -> None:
    bot = client.get_bot(BOT)
    assert bot.bot_id == BOT and bot.name
    assert bot.prologue and len(bot.suggested_questions) >= 2


def test_unknown_bot(client: CozeClient) -> None:
    with pytest.raises(CozeAPIError) as raised:
        client.get_bot("7000000000000000999")
    assert raised.value.code == 4200 and raised.value.kind is ErrorKind.BOT_NOT_FOUND


def test_conversations_rename_list_delete(client: CozeClient) -> None:
    first = client.create_conversation(BOT)
    second = client.create_conversation(BOT)
    assert first.id != second.id and first.id.isdigit()
    renamed = client.rename_conversation(first.id, "旅行计划")
    assert renamed.name == "旅行计划"
    page = client.list_conversations(BOT)
    ids = [c.id for c in page.conversations]
    assert first.id in ids and second.id in ids
    client.delete_conversation(second.id)
    assert second.id not in [c.id for c in client.list_conversations(BOT).conversations]


@pytest.mark.parametrize(
    "body", ['{"error_message": "workspace is frozen"}', '{"code": 0, "error_message": "workspace is frozen"}']
)
def test_an_error_message_without_a_code_is_an_error(client: CozeClient, server: CozeServer, body: str) -> None:
    """coze-py raises a CozeAPIError with the body's `error_message` when there is no error code
    (cozepy/request.py _format_requests_code_msg, lines 560-561; tests/test_request.py::test_error_message)."""
    server.queue(Scenario("list_body", body=body))
    with pytest.raises(CozeAPIError) as raised:
        client.list_conversations(BOT)
    assert raised.value.msg == "workspace is frozen" and raised.value.logid


def test_the_conversation_list_is_asked_for_as_coze_py_asks(client: CozeClient, server: CozeServer) -> None:
    """bot_id, page_num and page_size only (cozepy/conversations/__init__.py list, lines 171-181): newest first
    is the default, and the documented sort_order values are "ASC" and "DESC" (its docstring, line 166), not
    the lowercase "desc" sent before."""
    client.list_conversations(BOT, page_num=2, page_size=20)
    (asked,) = [r for r in server.requests if r.path == "/v1/conversations"]
    assert asked.query == {"bot_id": BOT, "page_num": "2", "page_size": "20"}


def test_message_list_pages(client: CozeClient) -> None:
    conversation = client.create_conversation(BOT)
    for question in ("one", "two", "three"):
        list(client.stream_chat(BOT, USER, question, conversation_id=conversation.id))
    first = client.list_messages(conversation.id, limit=2)
    assert len(first.messages) == 2 and first.has_more
    rest = client.list_messages(conversation.id, after_id=first.last_id, limit=50)  # the SDKs' cursor
    seen = [m.id for m in first.messages + rest.messages]
    assert len(seen) == len(set(seen))
    questions = [m.content for m in first.messages + rest.messages if m.type == "question"]
    assert sorted(questions) == ["one", "three", "two"]


def test_plain_http_is_refused_except_for_this_machine() -> None:
    with pytest.raises(InsecureBaseURLError):
        normalize_base_url("http://api.coze.cn")
    assert normalize_base_url("http://127.0.0.1:8080/") == "http://127.0.0.1:8080"
    assert normalize_base_url("http://localhost:1") == "http://localhost:1"
    assert normalize_base_url(" https://api.coze.com/ ") == "https://api.coze.com"
    with pytest.raises(CozeError):
        normalize_base_url("ftp://x")


class _Redirect(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        type(self).hits.append(dict(self.headers))
        if self.path.startswith("/v1/bots/"):
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{self.server.server_address[1]}/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def redirecting() -> Iterator[str]:
    _Redirect.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Redirect)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_redirects_are_not_followed_so_the_token_stays(redirecting: str) -> None:
    with CozeClient(TOKEN, redirecting) as cli, pytest.raises(CozeHTTPError) as raised:
        cli.get_bot(BOT)
    assert raised.value.status == 302 and raised.value.kind is ErrorKind.PROTOCOL
    assert len(_Redirect.hits) == 1  # the Location was never requested


def test_server_fixture_accepts_only_its_token(server: CozeServer) -> None:
    with CozeClient("nope", server.base_url) as cli, pytest.raises(CozeAPIError) as raised:
        cli.get_bot(BOT)
    assert raised.value.status == 401 and raised.value.code == 4100
