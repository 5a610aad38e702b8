"""Entry points: `coze-desktop [--profile DIR] [VERB ...]`.

With no verb the desktop window opens; the verbs (`ask`, `serve-demo`, `list`, `show`, `search`,
`export`, `import`) are for scripting and for proving the core without a screen.
"""

from __future__ import annotations

import gc

# What the imports below make (~50,000 objects: modules, classes, functions) lives as long as the process:
# the ~60 collections they would set off walk it again and again (~10 ms of `ask`), and every later full
# collection would too. No collection during them, then they are frozen out of the collector's way.
_collecting = gc.isenabled()
gc.disable()

import argparse  # noqa: E402
import atexit  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from desktop.core.requests_loading import load_requests_without_charset_detection  # noqa: E402

# Before the verbs import requests: it would load charset_normalizer for nothing (#21; see that module).
load_requests_without_charset_detection()

from desktop import __version__  # noqa: E402
from desktop.commands import ask, bots, history, login, serve, speech, sync  # noqa: E402
from desktop.commands.advice import language_of  # noqa: E402
from desktop.commands.exit_codes import ExitCode  # noqa: E402
from desktop.commands.parser_speech import ColumnFormatter, in_columns, speak_help, speaking_argparse  # noqa: E402
from desktop.commands.terminal import safe_stdio  # noqa: E402
from desktop.core.pdf_child import PdfLook  # noqa: E402
from desktop.core.profile import Profile  # noqa: E402
from desktop.core.settings import Settings  # noqa: E402
from desktop.core.store.transfer import FileWriter  # noqa: E402

gc.freeze()
if _collecting:
    gc.enable()


class _Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and one line on stderr (its default is also 2, but keep it explicit), in
    the verbs' language (desktop.commands.parser_speech)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ColumnFormatter)  # (the verbs' parsers are made by add_parser)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(
            ExitCode.USAGE, speech.spoken("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message}
        )

    def format_help(self) -> str:
        return in_columns(super().format_help())

    def format_usage(self) -> str:
        return in_columns(super().format_usage())


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="coze-desktop", description="A desktop chat app for Coze (扣子) bots.")
    parser.add_argument("--version", action="version", version=f"coze-desktop {__version__}")
    parser.add_argument(
        "--profile", type=Path, metavar="DIR", help="folder for history, settings and logs (not the token)"
    )
    parser.add_argument("--demo", action="store_true", help="open the window chatting with the demo bot")
    parser.add_argument(
        "--send", metavar="TEXT", action="append", help="open the window and send TEXT in a new chat (repeatable)"
    )
    parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--crash-test", choices=("slot", "thread", "fault"), help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    for module in (ask, serve, login, bots, sync):
        module.register(subparsers)
    history.register(subparsers, pdf_writer=_pdf_writer)
    speak_help(parser)
    return parser


def _pdf_writer(path: Path, look: PdfLook) -> FileWriter:
    from desktop.ui.pdf_export import standalone_pdf_writer  # Qt is loaded for this verb only

    return standalone_pdf_writer(path, look)


def main(argv: Sequence[str] | None = None) -> int:
    with speech.speaking(_language(argv)), speaking_argparse():  # the verbs' sentences, argparse's own too
        return _main(argv)


def _language(argv: Sequence[str] | None) -> str:
    """The language of the profile that --profile names (its Settings, else the environment's)."""
    first = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    first.add_argument("--profile", type=Path)
    try:
        known, _rest = first.parse_known_args(sys.argv[1:] if argv is None else list(argv))
    except argparse.ArgumentError:
        known = argparse.Namespace(profile=None)
    profile = Profile(known.profile) if known.profile else Profile.default()
    return language_of(Settings.load(profile.settings_path))


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from desktop.core.heap import cap_arenas
        from desktop.ui.qt_imports import lighten_pyside_imports

        cap_arenas()  # before the window's threads: each would keep an arena of its own (#21)

        lighten_pyside_imports()  # before the window's ~700 modules are imported
        from desktop.launch import run_gui

        return run_gui(args)
    # The process ends with the verb: freezing what is left spares the interpreter's last collection
    # over every object of every module it imported (~20 ms of `ask`'s exit); files are closed already.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    with safe_stdio():  # verbs print server text: no control character reaches the terminal
        code: int = handler(args)
    return code


def gui_main() -> int:
    return main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
