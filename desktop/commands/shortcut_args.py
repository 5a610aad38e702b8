"""`ask --shortcut NAME [--param NAME=VALUE …] [MESSAGE]`: run one of the bot's shortcut commands (see
`coze-desktop bots`... or the "/" menu), its inputs given as --param; without MESSAGE the question is the
command's own, its template filled in with the inputs. A file input's VALUE is a path: the file is
checked as `--file` is and uploaded before the chat."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop.commands.connect import SetupProblem
from desktop.commands.speech import language, say
from desktop.core.attachments.local import AttachmentRefused, LocalFile, inspect_file
from desktop.core.attachments.text import refusal_text
from desktop.core.coze import CozeClient
from desktop.core.coze.shortcuts import COMPONENT_FILE, ShortcutCommand
from desktop.core.shortcut_use import ShortcutUse


def add_argument(parser: Any) -> None:
    parser.add_argument(
        "--shortcut",
        metavar="NAME",
        help="run the bot's shortcut command NAME (/weather or weather); its inputs as --param NAME=VALUE",
    )


MAX_LISTED = 20  # commands named in an error: a bot may publish thousands


def find(commands: tuple[ShortcutCommand, ...], name: str) -> ShortcutCommand:
    """The command typed as `name` (with or without its "/", its button name, or its id); SetupProblem if
    there is none, or more than one (a bot may publish two commands of the same name: then its id says which)."""
    wanted = name.strip().lstrip("/").casefold()
    if not wanted:
        raise SetupProblem(say("--shortcut needs a command's name, such as /weather"))
    found = [c for c in commands if c.id == name.strip()] or [
        c for c in commands if wanted in (c.command.lstrip("/").casefold(), c.name.casefold())
    ]
    if len(found) == 1:
        return found[0]
    if found:
        ids = _listed(f"{c.id} ({c.command} {c.name})" for c in found)
        raise SetupProblem(
            say(
                "the bot has {count} shortcut commands {name}: pass the id of one ({ids})",
                count=len(found),
                name=repr(name),
                ids=ids,
            )
        )
    known = _listed(c.command for c in commands) or "none"
    raise SetupProblem(say("the bot has no shortcut command {name} (it has: {known})", name=repr(name), known=known))


def _listed(names: Iterable[str]) -> str:
    shown = list(names)
    more = len(shown) - MAX_LISTED
    return ", ".join(shown[:MAX_LISTED]) + (f" and {more} more" if more > 0 else "")


def shortcut_for(
    client: CozeClient, bot_id: str, name: str, params: list[tuple[str, str]], message: str
) -> tuple[ShortcutUse, str]:
    """The command's use (the inputs exactly as given) and the question to send with it."""
    command = find(client.get_bot(bot_id).shortcut_commands, name)
    inputs = {c.name for c in command.asked}
    unknown = [key for key, _ in params if key not in inputs]
    if unknown:
        asked = _listed(sorted(inputs)) or "none"
        raise SetupProblem(
            say(
                "{command} has no input {name} (its inputs: {inputs})",
                command=command.command,
                name=repr(unknown[0]),
                inputs=asked,
            )
        )
    twice = next((key for number, (key, _) in enumerate(params) if key in (k for k, _ in params[:number])), None)
    if twice is not None:
        raise SetupProblem(say("--param {name} is given twice: give each input once", name=twice))
    file_inputs = {c.name for c in command.asked if c.type == COMPONENT_FILE}
    values = {key: value for key, value in params if key not in file_inputs}
    files: dict[str, LocalFile] = {}
    for key, value in params:
        if key in file_inputs:
            try:
                files[key] = inspect_file(Path(value).expanduser())
            except AttachmentRefused as exc:
                raise SetupProblem(refusal_text(exc, language())) from None
    return command.use(values, files), message.strip() or command.question(values)
