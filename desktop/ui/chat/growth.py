"""When a streaming answer's new words can be added to what is shown without converting it again.

Most frames of a streaming answer add a few words to the paragraph being written. Converting that
paragraph again (markdown-it, a new HTML, the row laid out again, everything below repainted) costs
about ten times what adding the words to its document costs. The words can be added as they are when
markdown would render the longer text as the shorter one's HTML with those words at the end of its last
text run, which holds when:

- the paragraph being written is ordinary markdown (no code block: highlighting depends on what
  follows; no half-written picture; not a piece cut for length) and ends in a letter, a digit or
  punctuation read as text, so no mark before the new words (`*`, `_`, `` ` ``) can change meaning
  because of them;
- the new words are letters, digits, single spaces and punctuation that markdown reads as text wherever
  it stands in a line (`plain_growth`), end in one of those but a space, add no line, and do not turn
  the line into a list item or a link's definition;
- the HTML's last text run is plain text right before the closing tags (`appended_text`): not inside a
  link, not after markup, no entity.

`appended_text` is also what `Page.extend` uses to add text to a document in place. Pure Python, no Qt.
"""

from __future__ import annotations

import re

_CLOSING = re.compile(r"(?:</[a-z0-9]+>\s*)*\Z")
_UNSAFE = frozenset("<>&\n\r\t\f\v\u2028\u2029\xa0")
# Read as text wherever they stand in a line (markdown's specials, `"` (an entity in HTML), curly quotes
# (wrapped by quotes.py) and `!` (a picture's start) are not here). `.` and `:` have a rule of their own.
_PUNCTUATION = frozenset(" ,.;:?'-/%，。、；：？！（）《》—…·")
# A fence or indented code anywhere in the paragraph being written (highlighted, or a code block).
_CODE = re.compile(r"(?m)^(?: {0,3}>)*(?: {0,3}(?:```|~~~)| {4}|\t)")
_BARE = re.compile(r"\d{1,9}[.)]?[ \t]*$")  # a number alone, or a list's number with nothing after it yet
_MARKER = re.compile(r"(?:[-+*]|\d{1,9}[.)])[ \t]")  # a list item's marker
_MAX_GROWTH = 400  # characters a frame may add this way (a frame shows 2-3 deltas)


def appended_text(old: str, new: str) -> tuple[str, str] | None:
    """If `new` is `old` with plain text added at the end of the last text run (before the closing
    tags that end `old`), that text and the run it extends; None when anything else changed or when
    Qt's HTML import could treat the added text otherwise than inserted text (markup, entities, line
    breaks, tabs, runs of spaces, a space next to a space, or a run that ends in markup)."""
    cut = _CLOSING.search(old)
    end = cut.start() if cut is not None else len(old)
    added = len(new) - len(old)
    if added <= 0 or end == 0 or not new.startswith(old[:end]) or not new.endswith(old[end:]):
        return None
    text = new[end : end + added]
    run = old[old.rfind(">", 0, end) + 1 : end].rsplit("\n", 1)[-1].lstrip(" ")  # as the last block ends
    if not run or run.endswith(" ") or "&" in run or "  " in text or text.endswith(" "):
        return None
    return (text, run) if _UNSAFE.isdisjoint(text) else None


def run_end(html: str) -> int | None:
    """Where text added to the last text run of `html` goes (before its closing tags), or None if that
    run is not plain text a word can be added to (inside a link or a code block, after markup)."""
    cut = _CLOSING.search(html)
    if cut is None or cut.start() == 0 or "</a>" in cut.group() or "</pre>" in cut.group():
        return None
    end = cut.start()
    run = html[html.rfind(">", 0, end) + 1 : end].rsplit("\n", 1)[-1].lstrip(" ")
    if not run or run[-1].isspace() or "&" in run:
        return None
    return end


def growable(chunk: str) -> bool:
    """Whether `chunk`, the ordinary-markdown paragraph being written (the end of the streaming text),
    may grow by `plain_growth` words without being converted again."""
    return bool(chunk) and _safe_end(chunk) and _CODE.search(chunk) is None


def plain_growth(text: str, added: str) -> bool:
    """Whether `added`, appended to `text` (whose paragraph being written is `growable`), renders as
    itself at the end of the paragraph's last text run."""
    if not added or len(added) > _MAX_GROWTH or not _safe_end(added) or "  " in added:
        return False
    if not all(char.isalnum() or char in _PUNCTUATION for char in added):
        return False
    line = text[text.rfind("\n") + 1 :].lstrip(" >")
    if line.startswith("[") or _BARE.match(line) or not any(char.isalnum() for char in line):
        return False  # "[a]" + ": /url" defines a link; "1" + ". item" or "-" + " item" starts a list
    return bool(_MARKER.match(line)) == bool(_MARKER.match(line + added))


def _safe_end(text: str) -> bool:
    """`text` ends in a letter, a digit or punctuation read as text: no mark next to what comes after."""
    last = text[-1]
    return last.isalnum() or (last in _PUNCTUATION and last != " ")
