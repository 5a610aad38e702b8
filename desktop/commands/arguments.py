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
