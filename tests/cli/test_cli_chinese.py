"""The verbs speak the profile's language (LANG=zh_CN.UTF-8, or Settings ▸ Language): their sentences,
labels and counts in Chinese; what a program reads (JSON lines, exports) the same in either language."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.commands import speech
from desktop.commands.plural import CHINESE
from desktop.core.profile import Profile
from desktop.core.store import BotRecord, Store

COMMANDS = Path(__file__).resolve().parents[2] / "desktop" / "commands"
FIELD = re.compile(r"\{(\w*)\}")


def said_texts() -> tuple[list[str], list[str]]:
    """Every text given to say() in the verbs (a literal or a module constant), and every counted noun."""
    texts, nouns = [], []
    for path in COMMANDS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            name = call.func.id if isinstance(call.func, ast.Name) else ""
            if name not in ("say", "counted") or not call.args:
                continue
            first = call.args[0 if name == "say" else 1]
            value = first.value if isinstance(first, ast.Constant) else constants.get(getattr(first, "id", ""))
            assert isinstance(value, str), f"{path.name}:{call.lineno}: {name}() needs a literal text"
            (texts if name == "say" else nouns).append(value)
    return texts, nouns


def test_every_sentence_of_the_verbs_has_chinese() -> None:
    texts, nouns = said_texts()
    assert len(texts) > 60
    catalog = speech.catalog()
    missing = [text for text in texts if text not in catalog]
    assert missing == []
    assert [t for t in texts if set(FIELD.findall(t)) != set(FIELD.findall(catalog[t]))] == []
    assert set(nouns) <= set(CHINESE)


@pytest.fixture
def filled(tmp_path: Path) -> Profile:
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    with Store.open(profile.database_path) as store:
        store.bots.upsert(BotRecord("bot1", "小助手"))
        first = store.conversations.create("bot1")
        store.messages.add_question(first.id, "猫为什么喜欢纸箱？")
        answer = store.messages.start_answer(first.id)
        store.messages.update(answer.id, content="因为纸箱让猫觉得安全。", status="complete")
        store.conversations.set_pinned(first.id, True)
        failed = store.conversations.create("bot1", title="Failed one")
        store.messages.add_question(failed.id, "old question")
        answer = store.messages.start_answer(failed.id)
        store.messages.update(answer.id, status="failed", error=(4100, "token expired", "log-77"))
    return profile


def run(profile: Profile, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--profile", str(profile.path), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


def test_the_history_verbs_speak_chinese(filled: Profile, chinese: None, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(filled, capsys, "list")
    assert "[已置顶]" in out and "你: 猫为什么" not in out and "小助手: 因为纸箱" in out
    _code, out, _err = run(filled, capsys, "show", "2")
    assert "对话 2 · 小助手 (bot1) · 开始于" in out and "[失败：token expired, 错误码 4100, logid log-77]" in out
    assert "] 你:\nold question" in out
    code, _out, err = run(filled, capsys, "show", "9")
    assert code == 1 and err.strip() == "错误：找不到对话 9"
    _code, _out, err = run(filled, capsys, "search", "没有这句话")
    assert err.strip() == "没有找到"
    exported = filled.path / "all.json"
    _code, _out, err = run(filled, capsys, "export", "-o", str(exported))
    assert err.strip() == f"已导出到 {exported}"
    _code, out, _err = run(Profile(filled.path.parent / "other"), capsys, "import", str(exported))
    assert out.strip() == "已导入 2 个对话、4 条消息（0 条已存在）"


def test_the_machine_readable_output_is_the_same_in_chinese(
    filled: Profile, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    _code, english, _err = run(filled, capsys, "export", "--format", "json")
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    _code, chinese, _err = run(filled, capsys, "export", "--format", "json")
    assert json.loads(english)["conversations"] and chinese == english


def test_ask_says_its_usage_errors_in_chinese(
    tmp_path: Path, chinese: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--profile", str(tmp_path / "profile"), "ask", " "])
    assert code == 2
    assert capsys.readouterr().err.strip() == "coze-desktop ask: 消息是空的"


def test_ask_says_a_missing_token_and_a_chatflows_conversation_in_chinese(
    tmp_path: Path, chinese: None, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = Profile(tmp_path / "profile")
    code = main(["--profile", str(profile.path), "ask", "--bot-id", "7400000000000000001", "你好"])
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        "coze-desktop ask: https://api.coze.cn 没有令牌：请运行 `coze-desktop login`、设置 COZE_API_TOKEN，或在设置中保存令牌"
    )
    profile.ensure()
    with Store.open(profile.database_path) as store:
        flow = store.conversations.create("7400000000000000300", app_id="7400000000000000301")
    code = main(
        ["--profile", str(profile.path), "ask", "--conversation-id", str(flow.id), "--bot-id", "740001", "再来"]
    )
    assert code == 2
    assert (
        capsys.readouterr().err.strip()
        == f"coze-desktop ask: 对话 {flow.id} 属于对话流 7400000000000000300，不是智能体 740001"
    )


def test_an_arguments_error_is_said_in_chinese(
    tmp_path: Path, chinese: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--profile", str(tmp_path / "profile"), "ask", "--timeout", "soon", "hello"])
    assert "不是秒数：'soon'" in capsys.readouterr().err


def test_a_verb_leaves_the_language_as_it_found_it(
    tmp_path: Path, chinese: None, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--profile", str(tmp_path / "profile"), "list"])
    capsys.readouterr()
    assert speech.language() == "en" and speech.say("no matches") == "no matches"


def test_a_file_that_cannot_be_read_or_written_is_said_in_chinese_with_what_to_do(
    filled: Profile, chinese: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: '错误：No such file or directory: …' (the OS's English), for export and import alike
    missing = filled.path / "no such folder" / "chats.md"
    code, _out, err = run(filled, capsys, "export", "--format", "md", "-o", str(missing))
    assert code == 1 and err.strip() == f"错误：{missing} 不存在：请检查路径（要写入的文件夹必须已经存在）"
    code, _out, err = run(filled, capsys, "import", str(filled.path / "gone.json"))
    assert code == 1 and err.strip().startswith(f"错误：{filled.path / 'gone.json'} 不存在")


def test_ask_without_a_message_says_so_in_chinese(
    tmp_path: Path, chinese: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--profile", str(tmp_path / "profile"), "ask"])
    assert "需要 MESSAGE（消息），除非给了 --file 或 --shortcut" in capsys.readouterr().err
