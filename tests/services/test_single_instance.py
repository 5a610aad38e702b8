"""One window per profile: a second start hands over to the first."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.services.single_instance import SingleInstance


def test_second_instance_hands_over_to_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "profile")
    assert first.claim()
    try:
        with qtbot.waitSignal(first.activationRequested, timeout=3000):
            assert not SingleInstance(tmp_path / "profile").claim()
        other_profile = SingleInstance(tmp_path / "other")
        assert other_profile.claim()  # another profile runs side by side
        other_profile.release()
    finally:
        first.release()
    again = SingleInstance(tmp_path / "profile")
    assert again.claim()  # released: the next start is first again
    again.release()
