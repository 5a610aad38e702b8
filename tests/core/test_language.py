"""The one rule for the app's language (desktop.core.language), which the window and the command line
both use: a Settings choice wins; for "system" the user's first preferred language decides."""

from __future__ import annotations

import pytest

from desktop.core.language import choose_language, environment_languages


@pytest.mark.parametrize(
    ("setting", "preferred", "expected"),
    [
        ("zh_CN", ["en-US"], "zh"),
        ("en", ["zh-CN"], "en"),
        ("system", ["zh-CN", "en-US"], "zh"),
        ("system", ["en-GB", "zh-CN"], "en"),
        ("system", ["", "zh_TW"], "zh"),
        ("system", [], "en"),
    ],
)
def test_the_choice(setting: str, preferred: list[str], expected: str) -> None:
    assert choose_language(setting, preferred) == expected


def test_the_environment_is_read_as_gettext_reads_it() -> None:
    assert environment_languages({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}) == ["en_US.UTF-8"]
    assert environment_languages({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}) == ["zh_CN", "en"]
    assert environment_languages({"LC_MESSAGES": "", "LANG": "C"}) == ["C"]
    assert environment_languages({}) == []
