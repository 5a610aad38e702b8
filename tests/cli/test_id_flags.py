"""The product rule for the command line: a flag that names an id ends in `-id` (`--bot-id`, `--conversation-id`),
in every verb's parser and the top level's. An old spelling stays as a hidden alias (no help, nothing printed),
so scripts written before keep working."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import build_parser
from tests.cli.verbs import run_verb


def _parsers(
    parser: argparse.ArgumentParser, name: str = "coze-desktop"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for verb, sub in action.choices.items():
                yield from _parsers(sub, f"{name} {verb}")


def _names_an_id(action: argparse.Action) -> bool:
    """What the flag takes is an id: its value's name (LOCAL_ID, ID) or its help says so."""
    metavar = str(action.metavar or action.dest).upper()
    help_text = str(action.help or "").casefold()
    return metavar.endswith("ID") or help_text.startswith(("the id", "an id", "a local id"))


def test_every_flag_naming_an_id_ends_in_id() -> None:
    wrong, hidden_without_twin = [], []
    for where, parser in _parsers(build_parser()):
        options = [a for a in parser._actions if a.option_strings and a.nargs != 0]
        for action in options:
            if action.help == argparse.SUPPRESS:
                # a hidden alias: the old spelling of a shown flag with the same destination that ends in -id
                twins = [a for a in options if a is not action and a.dest == action.dest]
                if _names_an_id(action) and not any(s.endswith("-id") for a in twins for s in a.option_strings):
                    hidden_without_twin.append(f"{where} {action.option_strings}")
                continue
            if _names_an_id(action):
                wrong += [f"{where} {s}" for s in action.option_strings if s.startswith("--") and not s.endswith("-id")]
    assert wrong == [] and hidden_without_twin == []


def test_the_rule_catches_what_it_is_for() -> None:
    """The walker is not blind: a flag taking an ID without -id is found."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversation", metavar="LOCAL_ID")
    parser.add_argument("--bot-id", metavar="ID")
    assert [a.option_strings for a in parser._actions if a.option_strings and _names_an_id(a)] == [
        ["--conversation"],
        ["--bot-id"],
    ]


@pytest.mark.parametrize("verb", [["ask"], ["export"]])
def test_help_shows_only_the_new_spelling(verb: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        run_verb(capsys, tmp_path, *verb, "--help")
    out = capsys.readouterr().out
    assert "--conversation-id" in out
    assert "--conversation " not in out.replace("--conversation-id", "") and "--conversation\n" not in out


def test_export_takes_either_spelling(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for flag in ("--conversation-id", "--conversation"):
        code, out, err = run_verb(capsys, tmp_path, "export", flag, "42")
        assert (code, out, err) == (1, "", "error: conversation 42 not found\n")


def test_ask_takes_the_old_spelling_without_a_word_about_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for flag in ("--conversation-id", "--conversation"):
        code, out, err = run_verb(capsys, tmp_path, "ask", "--new", flag, "1", "hi")
        assert (code, out, err) == (2, "", "coze-desktop ask: --new and --conversation-id cannot be combined\n")
