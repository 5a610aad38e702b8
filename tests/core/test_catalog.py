"""Workspaces, published bots (all pages) and who is signed in, over loopback; `coze-desktop bots`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.coze import CozeClient
from desktop.core.coze.catalog import PAGE_SIZE, me, published_bots, workspaces
from desktop.core.coze.error_text import describe
from desktop.core.coze.errors import CozeAPIError, ErrorKind
from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer
from desktop.core.cozeserver.workspaces import PERSONAL_WORKSPACE
from tests.coze_fixtures import TOKEN

TEAM = "7440000000000000200"


@pytest.fixture
def stocked(server: CozeServer) -> CozeServer:
    server.workspaces.add(TEAM, "Team 团队")
    for n in range(45):
        server.add_bot(f"74500000000000{n:05d}", name=f"Bot {n}", description=f"number {n}", workspace_id=TEAM)
    server.add_bot("7450000000099999", name="Draft", published=False, workspace_id=TEAM)
    return server


def test_every_page_of_published_bots(client: CozeClient, stocked: CozeServer) -> None:
    bots = published_bots(client, TEAM)
    assert [b.name for b in bots] == [f"Bot {n}" for n in range(45)]  # the draft is not published to the API
    assert all(b.workspace_id == TEAM and b.icon_url and b.description for b in bots)
    calls = [r for r in stocked.requests if r.path == "/v1/bots"]
    assert len(calls) == 3 and all(c.query["publish_status"] == "published_online" for c in calls)
    assert [c.query["page_index"] for c in calls] == ["1", "2", "3"]
    assert {c.query["connector_id"] for c in calls} == {"1024"}


def test_workspaces_page_by_page(client: CozeClient, server: CozeServer) -> None:
    for n in range(PAGE_SIZE + 3):
        server.workspaces.add(f"74400000000000{n:05d}", f"Space {n}")
    spaces = workspaces(client)
    assert len(spaces) == PAGE_SIZE + 4 and spaces[0].id == PERSONAL_WORKSPACE
    assert [b.bot_id for b in published_bots(client, PERSONAL_WORKSPACE)] == [DEMO_BOT_ID]


@pytest.mark.parametrize(("permission", "call"), [("listWorkspace", "workspaces"), ("listBot", "bots")])
def test_a_missing_permission_is_named(client: CozeClient, server: CozeServer, permission: str, call: str) -> None:
    server.workspaces.denied_permissions = {permission}
    with pytest.raises(CozeAPIError) as raised:
        workspaces(client) if call == "workspaces" else published_bots(client, PERSONAL_WORKSPACE)
    assert raised.value.code == 4101 and raised.value.kind is ErrorKind.PERMISSION
    assert permission in describe(raised.value, "en") and "paste a bot ID" in describe(raised.value, "en")
    assert permission in describe(raised.value, "zh_CN")


def test_who_is_signed_in(client: CozeClient) -> None:
    user = me(client)
    assert user.user_id and user.display_name and user.avatar_url


def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--profile", str(tmp_path / "profile"), "bots", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, stocked: CozeServer) -> CozeServer:
    monkeypatch.setenv("COZE_API_TOKEN", TOKEN)
    monkeypatch.setenv("COZE_API_BASE", stocked.base_url)
    return stocked


def test_cli_lists_every_bot_as_json_lines(env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path, "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 46 and set(rows[0]) == {"bot_id", "name", "description", "workspace_id", "icon_url"}
    assert rows[0]["bot_id"] == DEMO_BOT_ID and rows[1]["workspace_id"] == TEAM


def test_cli_one_workspace_as_text(env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path, "--workspace-id", TEAM)
    assert code == 0 and len(out.splitlines()) == 45 and "Bot 7  [" in out


def test_cli_names_the_missing_permission(env: CozeServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    env.workspaces.denied_permissions = {"listBot"}
    code, _, err = run(capsys, tmp_path)
    assert code == 1 and "listBot" in err


def test_cli_without_a_token_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: CozeServer
) -> None:
    monkeypatch.setenv("COZE_API_BASE", server.base_url)
    code, _, err = run(capsys, tmp_path)
    assert code == 2 and "coze-desktop login" in err
