"""Which language the app speaks, "zh" or "en": the one rule, for the window (desktop.ui.i18n, which
asks Qt for the system's languages) and the command line (desktop.commands.speech, which reads the
environment as gettext does). No Qt here.

A Settings choice of "zh_CN" or "en" wins; for "system" the user's first preferred language decides.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order


def choose_language(setting: str, preferred: Sequence[str]) -> str:
    """ "zh" or "en" for a Settings language value and the system's languages, most preferred first."""
    if setting in ("zh_CN", "en"):
        return "zh" if setting == "zh_CN" else "en"
    first = next((language for language in preferred if language), "")
    return "zh" if first.lower().startswith("zh") else "en"


def environment_languages(environ: Mapping[str, str] | None = None) -> list[str]:
    """The user's languages as gettext reads them: the first of LANGUAGE (a colon-separated list),
    LC_ALL, LC_MESSAGES and LANG that is set."""
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return value.split(":")
    return []
