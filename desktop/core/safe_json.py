"""`json.loads` for text from outside (Coze's answers and cards, sync, import): nesting deeper than the
parser goes (`[[[[…` from a hostile or broken server) raises RecursionError, which every `except
ValueError` let through into a slot or a worker. Here it is the ValueError any other bad JSON is."""

from __future__ import annotations

import json
from typing import Any


def loads(text: str | bytes) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
