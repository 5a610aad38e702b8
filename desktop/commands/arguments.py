"""Argument types shared by the verbs: bad values are usage errors (exit 2), never tracebacks."""

from __future__ import annotations

import argparse

from desktop.commands.speech import say
from desktop.core.coze import CozeError, normalize_base_url


def api_base(value: str) -> str:
    """`--api-base URL`: a normalised http(s) address; empty, malformed or insecure is a usage error
    (an empty value must not fall back to the real service)."""
    if not value.strip():
        raise argparse.ArgumentTypeError(say("the API base is empty: pass a URL such as https://api.coze.cn"))
    try:
        return normalize_base_url(value)
    except CozeError as exc:
        raise argparse.ArgumentTypeError(exc.msg) from None


def add_id_option(parser: argparse.ArgumentParser, flag: str, *, old: str, dest: str, **kwargs: object) -> None:
    """A flag that names an id (the product's rule: it ends in `-id`), with `old`, its spelling before the
    rule, kept working for scripts: hidden from the help, and it says nothing more when used."""
    parser.add_argument(flag, dest=dest, **kwargs)  # type: ignore[arg-type]
    hidden = {key: value for key, value in kwargs.items() if key != "help"}
    parser.add_argument(old, dest=dest, help=argparse.SUPPRESS, **hidden)  # type: ignore[arg-type]
