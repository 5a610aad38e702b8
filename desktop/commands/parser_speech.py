"""argparse's own words in the verbs' language: "usage:", "error:", "the following arguments are required",
"invalid choice", the -h and --version help, the "positional arguments" and "options" headings; and the
help the verbs wrote (`speak_help`).

argparse looks every message it makes up through gettext: `argparse._` and `argparse.ngettext`, module
globals it reads at each call. Inside `speaking_argparse()` they are looked up in the verbs' dictionary
instead (desktop.commands.speech, `resources/translations/zh_CN.json`), so the Chinese command line's frame
is Chinese and the English one stays argparse's own. `MESSAGES` lists the ones a person can see (the rest
are errors in how a parser is built); tests/cli/test_cli_argparse_chinese.py checks it against argparse.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import unicodedata
from collections.abc import Iterator

from desktop.commands.speech import spoken

MESSAGES = (
    "usage: ",
    "%(prog)s: error: %(message)s\n",
    "positional arguments",
    "options",
    "show this help message and exit",
    "show program's version number and exit",
    "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s",
    "unrecognized arguments: %s",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "invalid %(type)s value: %(value)r",
    "expected one argument",
    "expected at most one argument",
    "expected at least one argument",
    "expected %s argument",
    "expected %s arguments",
    "ambiguous option: %(option)s could match %(matches)s",
    "not allowed with argument %s",
    "one of the arguments %s is required",
    "ignored explicit argument %r",
    "unexpected option string: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)",
    "can't open '%(filename)s': %(error)s",
)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return spoken(singular if count == 1 else plural)


@contextlib.contextmanager
def speaking_argparse() -> Iterator[None]:
    """argparse's messages through the verbs' dictionary inside the block (a verb's run), then as before."""
    globals_ = vars(argparse)
    before = {name: globals_[name] for name in ("_", "ngettext")}
    globals_.update(_=spoken, ngettext=_ngettext)
    try:
        yield
    finally:
        globals_.update(before)


def in_columns(text: str) -> str:
    """argparse's help or usage, mended where it counts characters for columns: a Chinese heading takes a
    full-width colon (argparse adds ':'), and the usage's wrapped lines line up under its first line although
    "用法：" is twice as wide as it is long."""
    prefix = spoken("usage: ")
    wider = sum(_wide(character) for character in prefix)
    if wider and text.startswith(prefix):
        usage, blank, rest = text.partition("\n\n")
        first, *wrapped = usage.split("\n")
        text = "\n".join([first, *(" " * wider + line if line.strip() else line for line in wrapped)]) + blank + rest
    for heading in (spoken("positional arguments"), spoken("options")):
        if heading not in MESSAGES:
            text = text.replace(f"\n{heading}:\n", f"\n{heading}：\n")
    return text


def help_texts(parser: argparse.ArgumentParser) -> Iterator[tuple[object, str]]:
    """Every parser's description and every argument's help under `parser` (the verbs' and the VERB
    list's), with what holds it: what `--help` shows that the verbs wrote."""
    if parser.description:
        yield parser, "description"
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            yield action, "help"
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                yield choice, "help"
            for verb in dict.fromkeys(action.choices.values()):  # (an alias is the same parser)
                yield from help_texts(verb)


def speak_help(parser: argparse.ArgumentParser) -> None:
    """The verbs' own help in their language, as argparse's frame is (resources/translations/zh_CN.json)."""
    for holder, name in list(help_texts(parser)):
        setattr(holder, name, spoken(getattr(holder, name)))


class ColumnFormatter(argparse.HelpFormatter):
    """argparse's help wrapped by columns, where a Chinese character takes two and a line may break between
    two of them (argparse counts characters and breaks only at spaces); English help is wrapped as before."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not any(_wide(character) for character in text):
            return super()._split_lines(text, width)
        lines: list[str] = []
        line, spaced = "", False
        for token in _TOKENS.findall(text):
            if token.isspace():
                spaced = bool(line)
                continue
            piece = (" " if spaced else "") + token
            if line and _columns(line + piece) > width:
                lines.append(line)
                line, piece = "", token
            line, spaced = line + piece, False
        return [*lines, line] if line else lines

    def _fill_text(self, text: str, width: int, indent: str) -> str:  # a description
        if not any(_wide(character) for character in text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in self._split_lines(text, width - len(indent)))


_TOKENS = re.compile(r"\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in "WF"


def _columns(text: str) -> int:
    return sum(2 if _wide(character) else 1 for character in text)
