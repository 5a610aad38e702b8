"""argparse's own words in the verbs' language: "usage:", "error:", "the following arguments are required",
"invalid choice", the -h and --version help, the "positional arguments" and "options" headings.

argparse looks every message it makes up through gettext: `argparse._` and `argparse.ngettext`, module
globals it reads at each call. Inside `speaking_argparse()` they are looked up in the verbs' dictionary
instead (desktop.commands.speech, `resources/translations/zh_CN.json`), so the Chinese command line's frame
is Chinese and the English one stays argparse's own. `MESSAGES` lists the ones a person can see (the rest
are errors in how a parser is built); tests/cli/test_cli_argparse_chinese.py checks it against argparse.
"""

from __future__ import annotations

import argparse
import contextlib
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
    wider = sum(unicodedata.east_asian_width(character) in "WF" for character in prefix)
    if wider and text.startswith(prefix):
        usage, blank, rest = text.partition("\n\n")
        first, *wrapped = usage.split("\n")
        text = "\n".join([first, *(" " * wider + line if line.strip() else line for line in wrapped)]) + blank + rest
    for heading in (spoken("positional arguments"), spoken("options")):
        if heading not in MESSAGES:
            text = text.replace(f"\n{heading}:\n", f"\n{heading}：\n")
    return text
