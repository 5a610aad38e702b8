"""The command line's frame — argparse's "usage:", "error:", its errors and -h help, its headings — the
verbs' own help, and an import file that is not JSON are said in the profile's language: Chinese with
LANG=zh_CN.UTF-8, and English (argparse's own) otherwise. Run as real `coze-desktop` processes."""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from desktop.cli import build_parser
from desktop.commands import speech
from desktop.commands.parser_speech import MESSAGES, help_texts

PLACEHOLDER = re.compile(r"%\(\w+\)[sr]|%[sr]")
# argparse's messages about a parser built wrong: a programmer's, never shown to a person running a verb.
FOR_PROGRAMMERS = {
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "%r is not callable",
}


def coze_desktop(tmp_path: Path, language: str, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    environment |= {"LANG": language, "HOME": str(tmp_path), "PYTHONIOENCODING": "utf-8", "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--profile", str(tmp_path / "profile"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=60,
        check=False,
    )


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in line)


def test_every_message_argparse_shows_a_person_has_chinese_with_its_placeholders() -> None:
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    found = {
        arg.value
        for call in ast.walk(ast.parse(source))
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in ("_", "ngettext")
        for arg in call.args[:2]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    }
    assert found - FOR_PROGRAMMERS <= set(MESSAGES)  # a newer argparse's new message would show here
    catalog = speech.catalog()
    assert [m for m in MESSAGES if sorted(PLACEHOLDER.findall(m)) != sorted(PLACEHOLDER.findall(catalog[m]))] == []


def test_every_help_the_verbs_wrote_has_chinese_with_its_placeholders() -> None:
    texts = [getattr(holder, name) for holder, name in help_texts(build_parser())]  # (English: not in a verb's run)
    assert len(texts) > 50 and "bot ID (default: COZE_BOT_ID, else settings)" in texts
    catalog = speech.catalog()
    assert [text for text in texts if text not in catalog] == []
    assert [t for t in texts if sorted(PLACEHOLDER.findall(t)) != sorted(PLACEHOLDER.findall(catalog[t]))] == []


def test_help_is_framed_in_chinese(tmp_path: Path) -> None:
    done = coze_desktop(tmp_path, "zh_CN.UTF-8", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("用法：coze-desktop [-h]")
    assert "\n位置参数：\n" in done.stdout and "\n选项：\n" in done.stdout
    assert "显示此帮助信息并退出" in done.stdout and "显示程序的版本号并退出" in done.stdout
    assert not re.search(r"usage:|positional arguments|options:|show this help", done.stdout)
    first, wrapped = done.stdout.splitlines()[:2]  # "用法：" is 6 columns wide: the wrapped line lines up
    assert wrapped.index("VERB") == len(first.split("[-h]")[0]) + 3
    assert "为扣子（Coze）上搭建的智能体打造的桌面聊天应用。" in done.stdout  # the verbs' own help too
    assert "向扣子智能体提一个问题，回答流式输出到标准输出" in done.stdout
    done = coze_desktop(tmp_path, "zh_CN.UTF-8", "ask", "--help")
    assert "智能体 ID（默认：COZE_BOT_ID，否则取设置）" in done.stdout and "bot ID" not in done.stdout
    below_usage = done.stdout.partition("\n\n")[2].splitlines()  # wrapped by columns: 2 per Chinese character
    assert max(columns(line) for line in below_usage) <= 80 < max(len(line) * 2 for line in below_usage)


def test_help_stays_argparses_english_in_english(tmp_path: Path) -> None:
    done = coze_desktop(tmp_path, "en_US.UTF-8", "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: coze-desktop [-h]")
    assert "\npositional arguments:\n" in done.stdout and "\noptions:\n" in done.stdout
    assert "show this help message and exit" in done.stdout and "show program's version number and exit" in done.stdout
    assert "ask a Coze bot one question and stream the answer to stdout" in done.stdout


USAGE_ERRORS = [
    (
        ("bogus",),
        "coze-desktop：错误：参数 VERB：无效的选择：'bogus'（可选：",
        "argument VERB: invalid choice: 'bogus'",
    ),
    (("list", "--bogus"), "coze-desktop：错误：无法识别的参数：--bogus", "error: unrecognized arguments: --bogus"),
    (
        ("show",),
        "coze-desktop show：错误：缺少必需的参数：LOCAL_ID",
        "error: the following arguments are required: LOCAL_ID",
    ),
    (("ask", "--bot-id"), "参数 --bot-id：需要一个值", "argument --bot-id: expected one argument"),
]


@pytest.mark.parametrize(("args", "chinese", "english"), USAGE_ERRORS)
def test_a_usage_error_is_said_in_the_profiles_language(
    tmp_path: Path, args: tuple[str, ...], chinese: str, english: str
) -> None:
    done = coze_desktop(tmp_path, "zh_CN.UTF-8", *args)
    assert done.returncode == 2 and done.stderr.startswith("用法：coze-desktop")
    assert chinese in done.stderr and not re.search(r"usage:|error:|argument", done.stderr)
    done = coze_desktop(tmp_path, "en_US.UTF-8", *args)
    assert done.returncode == 2 and done.stderr.startswith("usage: coze-desktop") and english in done.stderr


def test_an_import_file_that_is_not_json_says_where_and_what_to_do(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": "coze-desktop-export",\n  "version": 1 x}', encoding="utf-8")
    done = coze_desktop(tmp_path, "zh_CN.UTF-8", "import", str(damaged))
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "错误：导入文件无效：第 2 行第 16 列不是有效的 JSON（文件已损坏，或不是导出文件）；"
        "请选择用 `coze-desktop export` 导出的 JSON 文件"
    )
    done = coze_desktop(tmp_path, "en_US.UTF-8", "import", str(damaged))
    assert done.stderr.strip() == (
        "error: invalid import file: not valid JSON at line 2, column 16 (the file is damaged, or not an export);"
        " choose a JSON file made by `coze-desktop export`"
    )
