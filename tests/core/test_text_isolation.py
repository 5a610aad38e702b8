"""A title set among other words keeps its direction inside it (text_safety.isolate)."""

from __future__ import annotations

import pytest

from desktop.core.text_safety import isolate

FSI, PDI = "\u2068", "\u2069"


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("שלום עולם", f"{FSI}שלום עולם{PDI}"),  # Hebrew: it would set the line's direction
        ("مرحبا 2024", f"{FSI}مرحبا 2024{PDI}"),  # Arabic, its digits beside it
        ("Notes ١٢٣", f"{FSI}Notes ١٢٣{PDI}"),  # Arabic-Indic digits alone
        ("\u202eexe.txt", "exe.txt"),  # an override goes; nothing right-to-left is left to isolate
        ("abc\u2067שלום\u2066", f"{FSI}abcשלום{PDI}"),  # the title's own (unpaired) isolates go first
        ("熊猫吃什么？", "熊猫吃什么？"),  # left-to-right text is left as it is
        ("", ""),
    ],
)
def test_a_title_with_right_to_left_text_is_isolated_and_its_controls_go(title: str, shown: str) -> None:
    assert isolate(title) == shown


def test_a_lead_mark_goes_before_an_isolated_title_only() -> None:
    assert isolate("שלום", "\u200e") == f"\u200e{FSI}שלום{PDI}"  # the line's first strong letter: left to right
    assert isolate("熊猫", "\u200e") == "熊猫"
