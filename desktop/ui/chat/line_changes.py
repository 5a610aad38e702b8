"""From where a streaming frame paints differently: the first laid-out line of the open pages that changed,
compared as `documents.Line` values (each page's lines in its coordinates, with the page's y)."""

from __future__ import annotations

from collections.abc import Iterator

from desktop.ui.chat.documents import Line


def first_difference(
    before: list[tuple[float, list[Line]]], after: list[tuple[float, list[Line]]], floor: float
) -> float:
    """The y from which `after` paints differently from `before` (lines of pages placed at a y): the first
    line that differs, else the last line of `before` (where the text grew), else where `after` starts
    (`floor` if both are empty). Pages that are the same list at the same y are skipped whole."""
    last = sum(len(lines) for _y, lines in before) - 1
    index = 0
    for (old_y, old_lines), (new_y, new_lines) in zip(before, after, strict=False):
        if old_y == new_y and old_lines is new_lines and index + len(old_lines) <= last:
            index += len(old_lines)
            continue
        break
    old_flat, new_flat = _placed(before, index), _placed(after, index)
    for old, new in zip(old_flat, new_flat, strict=False):
        if old[:5] != new[:5] and (old[5] is not None or new[5] is not None):
            return min(y for y in (old[0], new[0], old[5], new[5]) if y is not None)  # in a table: all of it
        if old != new or index == last:
            return min(old[0], new[0])
        index += 1
    rest_old = next(_placed(before, index), None)
    if rest_old is not None:  # lines went away (all those left are the same)
        return rest_old[0]
    first = next(_placed(after, 0), None)
    return first[0] if first is not None else floor


def _placed(
    pages: list[tuple[float, list[Line]]], skip: int
) -> Iterator[tuple[float, float, float, float, str, float | None, int]]:
    """(top, height, x, width, text, table's top, look) of every line after the first `skip`, in the pages'
    coordinates."""
    for y, lines in pages:
        if skip >= len(lines):
            skip -= len(lines)
            continue
        for line in lines[skip:]:
            yield (
                y + line.top,
                line.height,
                line.x,
                line.width,
                line.text,
                None if line.table is None else y + line.table,
                line.look,
            )
        skip = 0
