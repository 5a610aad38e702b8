"""The streaming tail's half-written inline marks, closed while they stream.

A bold phrase, a code span or an italic phrase arrives over several deltas: until its closing mark comes,
markdown shows the opening one as it is ("我是**扣子桌面版演", "还有 `停止", "_这是我们在…"), and at 20–80
deltas a second every bold phrase of an answer flashed its asterisks (seen in every mid-stream screenshot
of a real-pace walk). `close_open_marks` closes what is open on the tail's last line, so the phrase shows
as it will once complete; an opening mark with nothing after it yet is left out until its text comes.
Only the last line: the marks of earlier lines are as they will stay. Never in code: a line of an indented
(4-space) or fenced code block is shown as written, its `**` and backticks are text.
"""

from __future__ import annotations

import re

_TICK = re.compile(r"(?<!`)`(?!`)")  # a single backtick (not part of a fence or a double-backtick span)
_CODE_SPAN = re.compile(r"(?<!`)`[^`]+`(?!`)")
_STARS = re.compile(r"\*\*")
# `_` opens at the line's start or after a space, before a letter; it closes after a non-space, before a
# space, punctuation or the end (inside a word, as in snake_case, it does neither)
_UNDER_OPEN = re.compile(r"(?:^|(?<=\s))_(?=[^\s_])")
_UNDER_CLOSE = re.compile(r"(?<=[^\s_])_(?=$|[\s.,;:!?)\]}。，；：！？）])")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)


def _in_code(text: str, start: int) -> bool:
    """Whether the line at `start` (the last one) is in a fenced code block still open, or in an indented
    code block: indented 4 spaces (or a tab) after a blank line or the text's start, not under a
    paragraph line (that would be the paragraph's lazy continuation)."""
    if len(_FENCE.findall(text, 0, start)) % 2:  # an odd number of fence lines before: one is open
        return True
    if not text.startswith(("    ", "\t"), start):
        return False
    for line in reversed(text[:start].split("\n")[:-1]):  # the lines above, nearest first
        if not line.strip():
            return True
        if not line.startswith(("    ", "\t")):
            return False
    return True


def close_open_marks(text: str) -> str:
    """`text` (the tail of a streaming answer) with the bold, code and italic marks left open on its last
    line closed, or cut where nothing follows them yet: "a **bold" → "a **bold**", "a **" → "a "."""
    start = text.rfind("\n") + 1
    line = text[start:]
    if "*" not in line and "`" not in line and "_" not in line:
        return text
    if _in_code(text, start):
        return text
    stars_at_end = len(line) - len(line.rstrip("*"))
    if stars_at_end % 2:  # half of a "**" (opening or closing): it comes whole with the next delta
        line = line[:-1]
    if line.endswith("_") and (len(line) == 1 or line[-2].isspace()):  # an italic mark with nothing after it
        line = line[:-1]
    opened: list[tuple[int, str]] = []  # (where in the line, the closing mark)
    ticks = [m.start() for m in _TICK.finditer(line)]
    if len(ticks) % 2:
        opened.append((ticks[-1], "`"))
        line_outside = line[: ticks[-1]]
    else:
        line_outside = line
    outside = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line_outside)  # marks inside code are text
    stars = [m.start() for m in _STARS.finditer(outside) if not _inert(outside, m.start())]
    if len(stars) % 2:
        opened.append((stars[-1], "**"))
    opens = [m.start() for m in _UNDER_OPEN.finditer(outside)]
    closes = [m.start() for m in _UNDER_CLOSE.finditer(outside)]
    if opens and (not closes or opens[-1] > closes[-1]):
        opened.append((opens[-1], "_"))
    if not opened:
        return text[:start] + line
    opened.sort()
    while opened and not line[opened[-1][0] + len(opened[-1][1]) :].strip():
        line = line[: opened.pop()[0]]  # nothing after this mark yet: leave it out for now
    if not opened:
        return text[:start] + line
    body = line.rstrip()  # a closing mark right after a space would not close
    return text[:start] + body + "".join(mark for _where, mark in reversed(opened))


def _inert(line: str, at: int) -> bool:
    """The "**" at `at` has white space (or the line's start) on both sides: it neither opens nor closes
    (CommonMark's flanking rules), as in "2 ** 3": closing it would show stray asterisks while streaming."""
    after = line[at + 2 : at + 3]
    return after.isspace() and (at == 0 or line[at - 1].isspace())
