"""The stages of a Send waiting for the check of a saved draft's files (desktop/ui/pending_send.py), without Qt:
the outcome does not depend on whether a refusal of a file attached meanwhile comes before or after the check."""

from __future__ import annotations

from desktop.ui.pending_send import PendingSend, Stage, Step


def _pending() -> PendingSend:
    return PendingSend(lambda: None)


def test_found_unchanged_with_every_file_read_it_goes() -> None:
    assert _pending().checked(withdrawn=False, all_read=True) is Step.GO


def test_a_file_taken_out_stops_it() -> None:
    assert _pending().checked(withdrawn=True, all_read=False) is Step.STOP


def test_a_file_attached_meanwhile_is_waited_for_then_it_goes() -> None:
    pending = _pending()
    assert pending.read() is Step.WAIT  # (reads ending before the check reported are not the end of it)
    assert pending.checked(withdrawn=False, all_read=False) is Step.READ and pending.stage is Stage.READING
    assert pending.checked(withdrawn=False, all_read=True) is Step.WAIT  # (reported once: a second says nothing)
    assert pending.read() is Step.GO


def test_a_file_attached_meanwhile_refused_stops_it_before_or_after_the_check() -> None:
    before = _pending()
    before.refuse()
    assert before.checked(withdrawn=False, all_read=True) is Step.STOP
    after = _pending()
    assert after.checked(withdrawn=False, all_read=False) is Step.READ
    after.refuse()
    assert after.read() is Step.STOP
