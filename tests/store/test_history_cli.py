"""The history verbs through the real entry point, `desktop.cli.main`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.profile import Profile
from desktop.core.store import BotRecord, Store


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    return Profile(tmp_path / "profile")


@pytest.fixture
def filled(profile: Profile) -> Profile:
    profile.ensure()
    with Store.open(profile.database_path) as store:
        store.bots.upsert(BotRecord("bot1", "小助手"))
        first = store.conversations.create("bot1")
        store.messages.add_question(first.id, "猫为什么喜欢纸箱？")
        answer = store.messages.start_answer(first.id)
        store.messages.update(answer.id, content="因为纸箱让猫觉得安全。\n```\ncode\n```", status="complete")
        second = store.conversations.create("bot1", title="Archived one")
        store.messages.add_question(second.id, "old question")
        failed = store.messages.start_answer(second.id)
        store.messages.update(failed.id, status="failed", error=(4100, "token expired", "log-77"))
        store.conversations.set_archived(second.id, True)
        streaming = store.conversations.create("bot1", title="Cut")
        store.messages.add_question(streaming.id, "long story please")
        cut = store.messages.start_answer(streaming.id)
        store.messages.update(cut.id, content="Once upon", status="interrupted")
    return profile


def run(profile: Profile, *argv: str) -> int:
    return main(["--profile", str(profile.path), *argv])


def test_list(filled: Profile, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].split()[0] == "3" and "Cut" in lines[0] and "小助手: Once upon" in lines[0]
    assert lines[1].split()[0] == "1" and "猫为什么喜欢纸箱？" in lines[1]
    assert run(filled, "list", "--all") == 0
    out = capsys.readouterr().out
    assert "[archived] Archived one" in out and len(out.splitlines()) == 3
    assert run(filled, "list", "--limit", "1") == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_list_empty_profile(profile: Profile, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(profile, "list") == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no conversations" in captured.err


def test_show(filled: Profile, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "show", "1") == 0
    out = capsys.readouterr().out
    assert out.startswith("# 猫为什么喜欢纸箱？\n")
    assert "] You:\n猫为什么喜欢纸箱？" in out
    assert "] 小助手:\n因为纸箱让猫觉得安全。\n```\ncode\n```" in out
    assert run(filled, "show", "2") == 0
    assert "小助手: [failed: token expired, code 4100, logid log-77]" in capsys.readouterr().out
    assert run(filled, "show", "3") == 0
    assert "小助手: [interrupted]\nOnce upon" in capsys.readouterr().out


def test_show_unknown_conversation(filled: Profile, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "show", "42") == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == "error: conversation 42 not found\n"


def test_usage_errors_exit_2(filled: Profile, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["show", "abc"], ["show"], ["export", "--format", "docx"], ["search"]):
        with pytest.raises(SystemExit) as caught:
            run(filled, *argv)
        assert caught.value.code == 2
        assert "Traceback" not in capsys.readouterr().err


def test_search(filled: Profile, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "search", "猫") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert "小助手: 因为纸箱让[猫]觉得安全" in lines[0] and lines[0].split()[0] == "1"
    assert "You: [猫]为什么喜欢纸箱？" in lines[1]
    assert run(filled, "search", '"(OR*') == 0
    assert "no matches" in capsys.readouterr().err
    assert run(filled, "search", "  ") == 1
    assert capsys.readouterr().err == "error: the search query is empty\n"


def test_export_json_stdout_and_import_elsewhere(
    filled: Profile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(filled, "export") == 0
    doc = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in doc["conversations"]] == [1, 2, 3]
    export_file = tmp_path / "backup.json"
    export_file.write_text(json.dumps(doc), encoding="utf-8")
    other = Profile(tmp_path / "other")
    assert run(other, "import", str(export_file)) == 0
    assert capsys.readouterr().out == "imported 3 conversations and 6 messages (0 already present)\n"
    assert run(other, "import", str(export_file)) == 0
    assert capsys.readouterr().out == "imported 0 conversations and 0 messages (6 already present)\n"


def test_counts_of_one_are_singular(filled: Profile, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "export") == 0
    doc = json.loads(capsys.readouterr().out)
    doc["conversations"] = doc["conversations"][:1]
    doc["conversations"][0]["messages"] = doc["conversations"][0]["messages"][:1]
    export_file = tmp_path / "one.json"
    export_file.write_text(json.dumps(doc), encoding="utf-8")
    assert run(Profile(tmp_path / "other"), "import", str(export_file)) == 0
    assert capsys.readouterr().out == "imported 1 conversation and 1 message (0 already present)\n"


def test_export_markdown_to_file(filled: Profile, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "chat.md"
    target.parent.mkdir()
    assert run(filled, "export", "--conversation-id", "1", "--format", "md", "-o", str(target)) == 0
    assert capsys.readouterr().out == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# 猫为什么喜欢纸箱？") and "**You**" in text and "**小助手**" in text
    assert [p.name for p in target.parent.iterdir()] == ["chat.md"]  # no temp file left behind


def test_export_errors(filled: Profile, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(filled, "export", "--conversation-id", "42") == 1
    assert capsys.readouterr().err == "error: conversation 42 not found\n"
    assert run(filled, "export", "-o", str(tmp_path / "missing-dir" / "x.json")) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_import_errors(filled: Profile, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "coze-desktop-export", "version": 9, "conversations": []}', encoding="utf-8")
    assert run(filled, "import", str(bad)) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: invalid import file: version: unsupported export version 9")
    assert err.count("\n") == 1
    assert run(filled, "import", str(tmp_path / "nope.json")) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path / 'nope.json'} does not exist: check the path") and err.count("\n") == 1


def test_damaged_database_is_reported_once(profile: Profile, capsys: pytest.CaptureFixture[str]) -> None:
    profile.ensure()
    profile.database_path.write_bytes(b"garbage" * 100)
    assert run(profile, "list") == 0
    err = capsys.readouterr().err
    assert "warning: the history database was damaged; it was moved to" in err
