"""Salvage: copying what can still be read from a damaged history into the fresh one that replaces it.

When a history file turns out to be damaged it is moved aside (see db.move_aside) and a new one is
started. Before anyone uses the new one, every row that can still be read from the old file is copied
into it, table by table, in the order their references need (conversations before their messages).
A damaged b-tree page makes a scan fail where it lies: the copy then seeks past it (rowid probes,
growing then halving) and goes on from the first row that reads whole, so one bad page costs the
rows on it, not the rest of the history. The old file is only read, never changed.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

log = logging.getLogger(__name__)

BATCH_ROWS = 500  # rows per write transaction: other processes get the lock in between
_NOT_COPIED = frozenset({"search_rebuild", "search_pending", "message_heads"})  # what the fresh database makes itself
_MAX_ROWID = 2**63 - 1


@dataclass
class SalvageReport:
    """What was copied from a damaged history: rows per table, and whether some could not be read."""

    copied: dict[str, int] = field(default_factory=dict)
    gaps: int = 0  # places where damaged pages were skipped (their rows are lost)

    def rows(self, table: str) -> int:
        return self.copied.get(table, 0)

    @property
    def complete(self) -> bool:
        return self.gaps == 0


def salvage_into(damaged: Path, target: sqlite3.Connection) -> SalvageReport:
    """Copy every readable row of the history at `damaged` into `target` (a fresh, migrated database
    in autocommit mode). Never raises for damage in `damaged`; errors of `target` (a full disk) do."""
    report = SalvageReport()
    try:
        source = sqlite3.connect(f"file:{quote(str(damaged.resolve()))}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        log.warning("cannot open the damaged history %s to salvage it: %s", damaged, exc)
        return report
    try:
        for table in _tables_in_order(target):
            columns = _common_columns(source, target, table)
            if columns:
                report.copied[table], gaps = _copy_table(source, target, table, columns)
                report.gaps += gaps
    finally:
        source.close()
    log.info("salvaged from %s: %s (%d damaged places skipped)", damaged, report.copied, report.gaps)
    return report


def _tables_in_order(target: sqlite3.Connection) -> list[str]:
    """The target's ordinary tables, each after the tables it references."""
    rows = target.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [str(name) for name, sql in rows if str(sql or "").upper().startswith("CREATE VIRTUAL")]
    tables = [
        str(name)
        for name, _sql in rows
        if not str(name).startswith("sqlite_")
        and str(name) not in virtual
        and str(name) not in _NOT_COPIED
        and not any(str(name).startswith(f"{v}_") for v in virtual)  # a virtual table's shadow tables
    ]
    ordered: list[str] = []

    def visit(table: str, path: tuple[str, ...]) -> None:
        if table in ordered or table in path:
            return
        for ref in target.execute(f"PRAGMA foreign_key_list({_quoted(table)})").fetchall():
            if str(ref[2]) in tables:
                visit(str(ref[2]), (*path, table))
        ordered.append(table)

    for table in tables:
        visit(table, ())
    return ordered


def _common_columns(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> list[str]:
    try:
        have = [str(row[1]) for row in source.execute(f"PRAGMA table_info({_quoted(table)})").fetchall()]
    except sqlite3.DatabaseError as exc:
        log.warning("salvage: the damaged history's table %s cannot be read: %s", table, exc)
        return []
    want = {str(row[1]) for row in target.execute(f"PRAGMA table_info({_quoted(table)})").fetchall()}
    return [column for column in have if column in want]


def _copy_table(
    source: sqlite3.Connection, target: sqlite3.Connection, table: str, columns: list[str]
) -> tuple[int, int]:
    """(rows copied, damaged places skipped)."""
    names = ", ".join(_quoted(c) for c in columns)
    select = f"SELECT rowid, {names} FROM {_quoted(table)} WHERE rowid > ? ORDER BY rowid"
    insert = f"INSERT OR IGNORE INTO {_quoted(table)} ({names}) VALUES ({', '.join('?' * len(columns))})"
    copied = gaps = 0
    after = -_MAX_ROWID - 1
    batch: list[tuple[object, ...]] = []
    while True:
        try:
            for row in source.execute(select, (after,)):
                after = int(row[0])
                batch.append(tuple(row[1:]))
                if len(batch) >= BATCH_ROWS:
                    copied += _write(target, insert, batch)
            break
        except sqlite3.DatabaseError as exc:
            log.debug("salvage: %s unreadable after rowid %s: %s", table, after, exc)
            gaps += 1
            found = _next_readable(source, table, names, after)
            if found is None:
                break
            # Taken on its own and the scan goes on after it: every round moves forward.
            after = int(str(found[0]))
            batch.append(tuple(found[1:]))
    copied += _write(target, insert, batch)
    return copied, gaps


_Row = tuple[object, ...]


def _probe(source: sqlite3.Connection, table: str, names: str, start: int) -> _Row | bool | None:
    """The first row at or after rowid `start` if it reads whole; None if there is none; False if the
    pages `start` leads to are damaged."""
    try:
        row = source.execute(
            f"SELECT rowid, {names} FROM {_quoted(table)} WHERE rowid >= ? ORDER BY rowid LIMIT 1", (start,)
        ).fetchone()
    except sqlite3.DatabaseError:
        return False
    return None if row is None else tuple(row)


def _next_readable(source: sqlite3.Connection, table: str, names: str, after: int) -> _Row | None:
    """The first row past `after` that reads whole (seeking past damaged pages), or None."""
    step = 1
    bad = after
    while True:
        if after + step > _MAX_ROWID:
            return None
        found = _probe(source, table, names, after + step)
        if found is not False:
            good = after + step
            break
        bad = after + step
        step *= 2
    while good - bad > 1:  # the smallest start that reads, between the last bad and the first good
        middle = (bad + good) // 2
        probe = _probe(source, table, names, middle)
        if probe is False:
            bad = middle
        else:
            good, found = middle, probe
    return found if isinstance(found, tuple) else None


def _write(target: sqlite3.Connection, insert: str, batch: list[tuple[object, ...]]) -> int:
    """Insert a batch in one transaction; a row the fresh schema refuses (a message whose conversation
    was lost, a damaged value) is skipped. Returns how many went in."""
    written = 0
    target.execute("BEGIN IMMEDIATE")
    try:
        for values in batch:
            try:
                written += target.execute(insert, values).rowcount
            except sqlite3.IntegrityError:
                continue
        target.execute("COMMIT")
    except BaseException:
        if target.in_transaction:
            target.execute("ROLLBACK")
        raise
    batch.clear()
    return written


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
