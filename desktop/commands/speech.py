"""What the verbs say to a person, in the profile's language (see desktop.core.language).

`say("conversation {id} not found", id=7)` is that sentence, or its Chinese, with the fields filled in.
The Chinese comes from `resources/translations/zh_CN.json`, the dictionary the window's strings come
from too (one place to edit; tests/cli/test_cli_chinese.py finds a `say` whose text has none). What a
program reads stays as it is: JSON lines, exports, the lines the window reads from a child process,
and what Coze or the user wrote.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
from collections.abc import Iterator

from desktop.resources import resource_path

log = logging.getLogger(__name__)

_chosen = ["en"]  # set for a verb's run by the command line's entry point (desktop/cli.py)


def use(language: str) -> None:
    """Speak `language` ("zh" or "en") from now on."""
    _chosen[0] = "zh" if language == "zh" else "en"


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak `language` inside the block (one verb's run), then what was spoken before."""
    before = _chosen[0]
    use(language)
    try:
        yield
    finally:
        _chosen[0] = before


def language() -> str:
    return _chosen[0]


@functools.cache
def catalog() -> dict[str, str]:
    """English → Chinese; empty (English everywhere) if the dictionary cannot be read."""
    path = resource_path("translations", "zh_CN.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("the Chinese dictionary %s cannot be read: %s", path, exc)
        return {}
    return {str(key): str(value) for key, value in data.items()} if isinstance(data, dict) else {}


def say(text: str, /, **fields: object) -> str:
    """`text` in the chosen language, `{name}` fields filled in."""
    if _chosen[0] == "zh":
        text = catalog().get(text, text)
    return text.format(**fields) if fields else text


def spoken(text: str, /) -> str:
    """`text` in the chosen language, its fields left as they are: for texts that are not the verbs' own
    (argparse's, desktop.commands.parser_speech), whose `%` fields their caller fills in."""
    return catalog().get(text, text) if _chosen[0] == "zh" else text
