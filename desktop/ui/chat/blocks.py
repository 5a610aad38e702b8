"""Cut a markdown text into chunks that render on their own, so a growing answer is converted once.

A chunk ends where nothing that follows can change how it renders: before an unindented line that
follows a blank line, around a top-level fenced code block. The cut points depend only on the text
before them, so cutting a text while it streams gives the same chunks as cutting it once complete,
and the view looks the same either way. Every chunk is at most `MAX_CHUNK` characters: longer blocks
are cut at a line (or space) boundary, code blocks into segments of the same block, tables after their
first chunk (the rest of a huge table is not shown). That bound is what keeps a render's cost flat.

Pure Python, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHUNK = 4000

KIND_MD = "md"
KIND_CODE = "code"
KIND_TABLE_REST = "table-rest"
KIND_PLAIN = "plain"

_OPEN_RE = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)")
_DELIMITER_ROW_RE = re.compile(r" {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*")


@dataclass(frozen=True, slots=True)
class Fence:
    """An open top-level code fence; `start` (its opening line) identifies the code block."""

    start: int
    char: str
    length: int
    lang: str


@dataclass(frozen=True, slots=True)
class Chunk:
    """`text[start:end]`; for code, the code itself is `text[code_start:code_end]`."""

    start: int
    end: int
    kind: str
    fence: Fence | None = None
    opens: bool = False  # code: has the opening fence line (the block's header goes here)
    closes: bool = False  # code: has the closing fence line
    code_start: int = 0
    code_end: int = 0
    note: bool = False  # table-rest: the first such chunk of a table says the table was cut
    cont: bool = False  # md: continues a block cut because it was too long (its indentation is relative)


@dataclass(frozen=True, slots=True)
class ScanState:
    """Where the next chunk starts, and what it continues."""

    pos: int = 0
    fence: Fence | None = None
    table_rest: bool = False
    noted: bool = False
    cont: bool = False


def next_chunk(text: str, state: ScanState, final: bool = False, plain: bool = False) -> tuple[Chunk, ScanState] | None:
    """The chunk starting at `state.pos`, or None if it may still change (`final`: the text is complete)."""
    if state.pos >= len(text):
        return None
    if plain:
        return _plain(text, state.pos, final)
    if state.fence is not None:
        return _code(text, state.pos, state.fence, False, final)
    if state.table_rest:
        return _table_rest(text, state, final)
    end, complete = _line_end(text, state.pos)
    if text[state.pos] in "`~":
        if not complete and not final:
            return None
        fence = _fence_open(text, state.pos, end)
        if fence is not None:
            return _code(text, state.pos, fence, True, final)
    return _markdown(text, state.pos, final, state.cont)


# A picture still being written at the end of a streaming answer (after coze-js's autofix-img):
# "![", "![alt", "![alt]" or "![alt](htt…"; and a lone "!" that may start one.
_UNFINISHED_IMAGE = re.compile(r"!(?:\[[^\]\n]*|\[[^\]\n]+\]|\[[^\]\n]+\]\([^)\n]*)?$")


def unfinished_image(text: str) -> int:
    """Where a half-written picture starts at the end of `text` (len(text) if there is none): the
    streaming tail shows the text before it and waits for the whole link."""
    match = _UNFINISHED_IMAGE.search(text)
    return match.start() if match is not None else len(text)


# A last line that is only the start of a block: a list marker ("-", "2.", or a number that may become
# one), quote markers, a heading's hashes. Shown, it is an empty list item, quote or heading (the caret
# alone at the left margin) or, under a paragraph, a setext underline that makes the paragraph a heading.
_BARE_MARKER = re.compile(r"(?:^|(?<=\n))(?:[ \t]*>)*[ \t]*(?:[-+*]|\d{1,9}[.)]?|#{1,6})?[ \t]*\Z")


def unfinished_block(text: str) -> int:
    """Where a last line that only opens a block (a bare list or quote marker, see _BARE_MARKER) starts
    (len(text) if there is none): the streaming tail shows the text before it until its first word."""
    match = _BARE_MARKER.search(text, max(0, text.rfind("\n")))
    return match.start() if match is not None else len(text)


def _content(line: str) -> str:
    """A line without the quote markers and indentation before its content."""
    return line.lstrip(" \t>")


def _may_become_delimiter_row(line: str) -> bool:
    """Whether the line being written may still become a table's delimiter row ("|---|:-:|"): markdown-it
    wants "|", "-" or ":" first, then only those and spaces ("- " is a list item)."""
    bare = _content(line)
    return not bare.strip("|-: \t") and not bare.startswith(("- ", "-\t"))


# A header row with words before its first pipe ("Name | Age") is short: past this many characters from that pipe
# the line is prose with a pipe in it (a shell pipeline in code, "A | B"), shown as it streams, not held to its end.
_HEADER_AFTER_WORDS = 48


def _may_be_header_row(line: str) -> bool:
    """Whether a line with a "|" may be a table's header row (a long one with words before its pipes is prose)."""
    bare = _content(line)
    return bare.startswith("|") or len(bare) - bare.index("|") <= _HEADER_AFTER_WORDS


def unfinished_table(text: str) -> int:
    """Where a line starts that may be a table's header row until the line after it decides (len(text) if
    there is none): the streaming tail holds it back rather than show its pipes as text, then jump to a
    table when the delimiter row arrives. That is the line being written when it has a "|", or the line
    before it when the line being written may still become a delimiter row; a line whose pipes come after
    some words is held from its first pipe (the words were shown already), while it is short enough to be
    a header row. A row of a table already shown is shown as a row, once it has more than a "|"."""
    last = text.rfind("\n") + 1
    before = text.rfind("\n", 0, max(0, last - 1)) + 1
    if "|" not in text[before:]:
        return len(text)
    lines = _paragraph(text[:last])
    if any(_table_starts(lines, n) for n in range(1, len(lines))):  # the line being written is a table's row
        return last if not _content(text[last:]).strip("| \t") else len(text)
    if lines and "|" in lines[-1] and _may_be_header_row(lines[-1]) and _may_become_delimiter_row(text[last:]):
        return _held_from(text, before)
    writing = text[last:]
    return _held_from(text, last) if "|" in writing and _may_be_header_row(writing) else len(text)


def _paragraph(text: str) -> list[str]:
    """The complete lines of `text` after its last blank line (`text` ends with a line break)."""
    lines = text.split("\n")[:-1]
    blank = next((n for n in range(len(lines) - 1, -1, -1) if not _content(lines[n]).strip()), -1)
    return lines[blank + 1 :]


def _table_starts(lines: list[str], delimiter: int) -> bool:
    """Whether `lines[delimiter]` is a delimiter row under a header row (markdown-it checks the columns)."""
    line = _content(lines[delimiter])
    return "-" in line and "|" in lines[delimiter - 1] and _DELIMITER_ROW_RE.fullmatch(line) is not None


def _held_from(text: str, start: int) -> int:
    """Where a header row that starts at `start` is held from: its start, or its first pipe after words."""
    end = text.find("\n", start)
    line = text[start : len(text) if end < 0 else end]
    return start if _content(line).startswith("|") else start + line.index("|")


def shown_end(text: str) -> int:
    """How much of the text being written (the streaming tail) is shown: all of it but a half-written
    picture, a last line that only opens a block, or a table's header row its next line has not decided."""
    return min(unfinished_image(text), unfinished_block(text), unfinished_table(text))


def split_chunks(text: str, plain: bool = False) -> list[Chunk]:
    """All chunks of a complete text."""
    chunks: list[Chunk] = []
    state = ScanState()
    while (found := next_chunk(text, state, final=True, plain=plain)) is not None:
        chunk, state = found
        chunks.append(chunk)
    return chunks


def _line_end(text: str, pos: int) -> tuple[int, bool]:
    newline = text.find("\n", pos)
    return (len(text), False) if newline < 0 else (newline + 1, True)


def _fence_open(text: str, start: int, end: int) -> Fence | None:
    match = _OPEN_RE.fullmatch(text, start, end - 1 if text.endswith("\n", start, end) else end)
    if match is None:
        return None
    marker, info = match.group(2), match.group(3)
    if marker[0] == "`" and "`" in info:
        return None
    words = info.split()
    return Fence(start, marker[0], len(marker), words[0][:40] if words else "")


def _closes(line: str, fence: Fence) -> bool:
    stripped = line.strip()
    return (
        len(line) - len(line.lstrip(" ")) <= 3
        and len(stripped) >= fence.length
        and stripped == fence.char * len(stripped)
    )


def _may_close(partial: str, fence: Fence) -> bool:
    stripped = partial.strip()
    return len(partial) - len(partial.lstrip(" ")) <= 3 and stripped == fence.char * len(stripped)


def _cut(text: str, start: int, prefer_newline: bool = False) -> int:
    """Where to cut a run longer than MAX_CHUNK that has no better boundary: after a space if one is near."""
    limit = start + MAX_CHUNK
    window = text[start + MAX_CHUNK // 2 : limit]
    at = window.rfind("\n") if prefer_newline else -1
    if at < 0:
        at = max(window.rfind(" "), window.rfind("\t"))
    return start + MAX_CHUNK // 2 + at + 1 if at >= 0 else limit


def _markdown(text: str, start: int, final: bool, cont: bool = False) -> tuple[Chunk, ScanState] | None:
    pos = start
    prev_blank = False
    table = False
    inner_fence: Fence | None = None  # a fence indented 1-3 spaces: no cuts inside it
    while pos < len(text):
        end, complete = _line_end(text, pos)
        line = text[pos:end]
        if pos > start and inner_fence is None:
            first = line[0]
            natural = prev_blank and not first.isspace()
            if natural or (first in "`~" and (complete or final) and _fence_open(text, pos, end) is not None):
                return Chunk(start, pos, KIND_MD, cont=cont), ScanState(pos)
        if end - start > MAX_CHUNK:
            if pos > start:
                head = line[:MAX_CHUNK]  # decide on what cannot change any more
                if table and not (complete or final or len(head) == MAX_CHUNK):
                    return None
                rest = table and "|" in head and head.strip() != ""
                return Chunk(start, pos, KIND_MD, cont=cont), ScanState(pos, table_rest=rest, cont=not rest)
            cut = _cut(text, start)
            return Chunk(start, cut, KIND_MD, cont=cont), ScanState(cut, cont=True)
        if not complete:
            break
        if inner_fence is not None:
            if _closes(line, inner_fence):
                inner_fence = None
        elif line[:1] == " " and line.lstrip(" ")[:1] in ("`", "~"):
            inner_fence = _fence_open(text, pos, end)
        table = table or ("-" in line and _DELIMITER_ROW_RE.fullmatch(line.rstrip("\r\n")) is not None)
        prev_blank = line.strip() == ""
        pos = end
    if final:
        return Chunk(start, len(text), KIND_MD, cont=cont), ScanState(len(text))
    return None


def _code(text: str, start: int, fence: Fence, opens: bool, final: bool) -> tuple[Chunk, ScanState] | None:
    pos = _line_end(text, start)[0] if opens else start
    code_start = pos
    while pos < len(text):
        end, complete = _line_end(text, pos)
        line = text[pos:end]
        if (complete or final) and _closes(line, fence):
            return Chunk(start, end, KIND_CODE, fence, opens, True, code_start, pos), ScanState(end)
        if not (complete or final) and _may_close(line, fence):
            break  # "``" may become the closing "```": decide when the line is complete
        if end - start > MAX_CHUNK:
            cut = pos if pos > code_start else max(code_start + 1, _cut(text, start, prefer_newline=True))
            chunk = Chunk(start, cut, KIND_CODE, fence, opens, False, code_start, cut)
            return chunk, ScanState(cut, fence=fence)
        if not complete:
            break
        pos = end
    if final:
        return Chunk(start, len(text), KIND_CODE, fence, opens, False, code_start, len(text)), ScanState(len(text))
    return None


def _table_rest(text: str, state: ScanState, final: bool) -> tuple[Chunk, ScanState] | None:
    start = pos = state.pos
    while pos < len(text):
        end, complete = _line_end(text, pos)
        line = text[pos:end]
        if (complete or final) and ("|" not in line or line.strip() == ""):
            if pos == start:  # the table ended right at the cut: nothing to hide
                return _markdown(text, start, final)
            return Chunk(start, pos, KIND_TABLE_REST, note=not state.noted), ScanState(pos)
        if end - start > MAX_CHUNK:
            cut = pos if pos > start else _cut(text, start)
            return Chunk(start, cut, KIND_TABLE_REST, note=not state.noted), ScanState(cut, table_rest=True, noted=True)
        if not complete:
            break
        pos = end
    if final:
        return Chunk(start, len(text), KIND_TABLE_REST, note=not state.noted), ScanState(len(text))
    return None


def _plain(text: str, start: int, final: bool) -> tuple[Chunk, ScanState] | None:
    if len(text) - start > MAX_CHUNK:
        cut = _cut(text, start, prefer_newline=True)
        return Chunk(start, cut, KIND_PLAIN), ScanState(cut)
    if final:
        return Chunk(start, len(text), KIND_PLAIN), ScanState(len(text))
    return None
