"""Hrefs parsed once into typed row actions, and the one owner of row state."""

from __future__ import annotations

import pytest

from desktop.ui.chat.actions import Act, RowAction, parse_href
from desktop.ui.chat.row_states import RowStates
from desktop.ui.chat.rows import COPY, COPY_CODE, COPY_DETAILS, DETAILS, FOLLOW_UP, RETRY, SETTINGS, THINKING
from desktop.ui.chat.selection import CONTENT, Selection, Spot


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        (COPY, RowAction(Act.COPY)),
        (COPY_DETAILS, RowAction(Act.COPY_DETAILS)),
        (RETRY, RowAction(Act.RETRY)),
        (SETTINGS, RowAction(Act.SETTINGS)),
        (DETAILS, RowAction(Act.DETAILS)),
        (THINKING, RowAction(Act.THINKING)),
        (f"{COPY_CODE}3", RowAction(Act.COPY_CODE, 3)),
        (f"{FOLLOW_UP}0", RowAction(Act.FOLLOW_UP, 0)),
        (f"{FOLLOW_UP}x", RowAction(Act.FOLLOW_UP, -1)),  # a malformed number points at nothing
        ("https://example.com/a", RowAction(Act.LINK, url="https://example.com/a")),
        ("javascript:alert(1)", RowAction(Act.LINK, url="javascript:alert(1)")),
        ("action:unknown", RowAction(Act.LINK, url="action:unknown")),
    ],
)
def test_hrefs_parse_into_typed_actions(href: str, expected: RowAction) -> None:
    assert parse_href(href) == expected


def test_no_href_is_no_action_and_actions_give_back_their_href() -> None:
    assert parse_href("") is None
    for href in (COPY, f"{COPY_CODE}2", f"{FOLLOW_UP}1", THINKING, "https://x.test/"):
        action = parse_href(href)
        assert action is not None and action.href == href


def test_only_http_and_https_links_are_web_links() -> None:
    web = ["https://example.com", "HTTP://EXAMPLE.COM/x"]
    other = ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://x/y", COPY]
    assert all(parse_href(h).is_web_link for h in web)  # type: ignore[union-attr]
    assert not any(parse_href(h).is_web_link for h in other)  # type: ignore[union-attr]


class Calls:
    def __init__(self) -> None:
        self.repainted: list[int] = []
        self.laid_out: list[int] = []


def states() -> tuple[RowStates, Calls]:
    calls = Calls()
    return RowStates(calls.repainted.append, calls.laid_out.append), calls


def test_hover_moves_between_rows_and_repaints_both() -> None:
    rows, calls = states()
    rows.hover(1, COPY)
    rows.hover(2, RETRY)
    assert rows.get(1).hover == "" and rows.get(2).hover == RETRY
    assert calls.repainted == [1, 1, 2]
    rows.hover(2, RETRY)  # no change, no repaint
    rows.hover(-1, "")
    assert rows.get(2).hover == "" and calls.repainted == [1, 1, 2, 2]
    assert calls.laid_out == []  # hovering never changes a row's height


def test_one_selection_at_a_time() -> None:
    rows, calls = states()
    first = Selection(1, CONTENT, Spot(0, 0), Spot(0, 4))
    rows.select(first)
    rows.select(Selection(2, CONTENT, Spot(0, 1), Spot(0, 2)))
    assert rows.get(1).selection is None and rows.get(2).selection is rows.selection
    rows.select(None)
    assert rows.selection is None and rows.get(2).selection is None
    assert calls.repainted == [1, 1, 2, 2]


def test_changes_that_move_the_layout_lay_the_row_out_again() -> None:
    rows, calls = states()
    rows.toggle_details(5)
    rows.set_thinking(5, False)
    rows.set_chips(5, ("why?",))
    rows.set_copied(5, COPY)
    state = rows.get(5)
    assert (state.details, state.thinking, state.chips, state.copied) == (True, False, ("why?",), COPY)
    assert calls.laid_out == [5, 5, 5, 5]
    rows.keep(lambda message_id: message_id != 5)
    assert rows.get(5).chips == ()  # forgotten with its row
