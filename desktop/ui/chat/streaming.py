"""A message's text rendered incrementally into a stack of documents, so a render costs the same at the
end of a 1 MB answer as at its start.

The text is cut into chunks (`blocks.py`). A chunk that can no longer change is converted to HTML
once; converted chunks collect in the *live* pages (a new one every `LIVE_PAGE` characters) until
they pass `LIVE_LIMIT` characters, then they are frozen into one page that is never touched again.
The open chunk at the end of the text (the tail: the paragraph or code block being written) is
converted again on every update and shown in a page of its own after the live pages, so an update
that only grows the tail rebuilds only that small page, and a chunk that completes only the last
live page. Pages meet as blocks do inside one document (margins collapse). An update converts the
new complete chunks plus the tail (at most `MAX_CHUNK` characters): no cost grows with the answer.
`dirty_top` tells the view from where down the last update changed what is painted, so it repaints
only that.

The same path renders a complete message (`final=True`), in budgeted steps, so a huge stored answer
does not freeze the window either, and looks exactly like the streamed one.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import replace

from desktop.ui.chat.blocks import KIND_MD, MAX_CHUNK, Chunk, ScanState, next_chunk, shown_end
from desktop.ui.chat.documents import Line, Page
from desktop.ui.chat.growth import growable, plain_growth, run_end
from desktop.ui.chat.line_changes import first_difference
from desktop.ui.chat.markdown import CodeRegistry, MarkdownRenderer
from desktop.ui.chat.open_marks import close_open_marks
from desktop.ui.chat.style import ChatStyle

LIVE_LIMIT = 3_000
# HTML characters a live page takes before the next completed chunk starts a new one: a chunk that completes
# sets the last page again (1,500: ~840 characters a time for the demo's long answer; BENCHMARKS.md, CPU 11th step)
LIVE_PAGE = 250
KEEP_PAGES = 12  # frozen pages that keep their laid-out document; the others rebuild it when shown


class StreamingDocument:
    """Markdown (or, with `plain`, plain text) shown as pages of QTextDocuments.

    `converted` is how many characters the last `update` converted, for tests and the benchmark;
    `dirty_top` is the y (document coordinates) from which that update changed the pages (0 when it
    started over or the width changed, +inf when nothing changed).
    """

    def __init__(self, renderer: MarkdownRenderer, style: ChatStyle, plain: bool = False) -> None:
        self._renderer = renderer
        self._style = style
        self._plain = plain
        self.codes = CodeRegistry()
        self.text = ""
        self.converted = 0
        self.tails_built = 0  # tail pages built anew (the others grew in place), for tests
        self.live_set = 0  # HTML characters set in live pages (new or refilled), for tests
        self.dirty_top = 0.0
        self.complete = False  # the whole text is in the documents (no tail left to convert)
        self._state = ScanState()
        self._pages: list[Page] = []  # frozen
        self._lives: list[Page | None] = []  # the completed chunks not frozen yet, in pages of LIVE_PAGE
        self._live_ends: list[int] = []  # the chunks (end index in _live_html) each of _lives shows
        self._live_html: list[str] = []
        self._live_chars = 0
        self._live_stale = False  # _live_html changed since _lives were built
        self._tail: Page | None = None  # the open chunk(s) at the end, rebuilt on every update
        self._lending = False  # the tail starts with a table: the last live page's chunks are shown atop it
        self._lent = ""  # (their HTML), as a table never starts a page (see _rebuild_live)
        self._width = -1.0
        self._tops: list[float] = []  # y of each frozen page at _width
        self._frozen_end = 0.0  # where the last frozen page ends
        self._frozen_margin = 0.0  # and its bottom margin (Qt collapses it with the next top margin)
        self._shown: tuple[int, bool] | None = None  # (length, final) of the text fully shown
        self._kept: OrderedDict[int, Page] = OrderedDict()  # frozen pages with a document, by id()
        self._grow_from: int | None = None  # where the paragraph being written starts, if `grow` may add to it

    # -- content ------------------------------------------------------------------------------------

    def update(self, text: str, budget: int, final: bool = False, deadline: float | None = None) -> bool:
        """Show `text`, converting about `budget` characters at most; True when it is all shown.

        `final` says the text will not grow any more: the tail is then converted for good. With a
        `deadline` (a `time.perf_counter()` value), no chunk is started once it has passed, save the first:
        a step that bounds the time the thread is taken (on a loaded machine, fewer characters)."""
        if not text.startswith(self.text):
            self._reset()
        elif self._shown == (len(text), final):
            self.converted = 0
            self.dirty_top = float("inf")
            return True
        frozen_before = len(self._pages)
        self.dirty_top = float("inf") if self.text else 0.0
        self.text = text
        converted = 0
        caught_up = True
        while True:
            if converted >= budget or (converted and deadline is not None and time.perf_counter() >= deadline):
                caught_up = next_chunk(text, self._state, final, self._plain) is None
                break
            found = next_chunk(text, self._state, final, self._plain)
            if found is None:
                break
            chunk, self._state = found
            converted += chunk.end - chunk.start
            self._commit(self._render(chunk, tail=final))
        tail: list[str] = []
        grow_from = None
        if caught_up and not final:
            state = self._state
            while (found := next_chunk(text, state, True, self._plain)) is not None:
                chunk, state = found
                converted += chunk.end - chunk.start
                if chunk.end == len(text) and chunk.kind == KIND_MD:  # the text being written
                    whole = chunk
                    chunk = replace(chunk, end=chunk.start + shown_end(text[chunk.start :]))
                    shown = close_open_marks(text[chunk.start : chunk.end])  # "**bold" as bold, not "**"
                    tail.append(self._renderer.render_chunk(text, chunk, self.codes, True, shown))
                    if chunk == whole and not chunk.cont and growable(text[chunk.start :]):
                        grow_from = chunk.start
                    continue
                tail.append(self._render(chunk, tail=True))
        self._rebuild_open("".join(tail), frozen_before)
        growing = grow_from is not None and self._tail is not None and run_end(self._tail.html) is not None
        self._grow_from = grow_from if growing else None
        self.converted = converted
        self.complete = caught_up and final
        self._shown = (len(text), final) if caught_up else None
        return caught_up

    def grow(self, added: str) -> tuple[float, float, bool] | None:
        """Show `text + added` by adding `added` to the paragraph being written, in place, when markdown
        would show it as it is (see growth.py): `update`'s result at a fraction of its cost. The last line's
        top and bottom before (document coordinates) and whether the height changed (the words wrapped
        onto a new line); None when nothing was done and `update` must convert."""
        tail, last = self._tail, self.last_page()
        if self._grow_from is None or tail is None or last is None or last[0] is not tail or self._live_stale:
            return None
        if self._shown != (len(self.text), False) or len(self.text) + len(added) - self._grow_from >= MAX_CHUNK:
            return None
        end = run_end(tail.html)
        # The run must end with the text's last character: a mark `close_open_marks` added that markdown
        # shows as text ("2**(n) gr" shows "gr**") would otherwise end up before the new words.
        if end is None or not tail.html.endswith(self.text[-1], 0, end) or not plain_growth(self.text, added):
            return None
        height, (line_top, line_height) = tail.height, tail.last_line()
        if not tail.extend(tail.html[:end] + added + tail.html[end:]):
            self._grow_from = None
            return None
        self.text += added
        self._shown = (len(self.text), False)
        self.converted = 0
        top = last[1] + line_top
        return top, top + line_height, tail.height != height

    def _render(self, chunk: Chunk, tail: bool) -> str:
        return self._renderer.render_chunk(self.text, chunk, self.codes, tail)

    def _commit(self, html: str) -> None:
        if self._live_chars >= LIVE_LIMIT * 2 and not html.startswith("<table"):  # HTML is ~twice the markdown
            self._freeze()  # when the next chunk comes: a table never starts a page (see _rebuild_live)
        self._live_html.append(html)
        self._live_chars += len(html)
        self._live_stale = True

    def _freeze(self) -> None:
        html = "".join(self._live_html)
        self._live_html, self._live_chars, self._live_stale, self._live_ends = [], 0, True, []
        if not html.strip():
            return
        page = Page(self._style, html)
        self._pages.append(page)
        if self._width >= 0:
            page.layout(self._width)
            self._append_top(page)
        self._touch(page)

    def _rebuild_open(self, tail_html: str, frozen_before: int) -> None:
        """Rebuild the live page if chunks completed, and the tail page if its HTML changed; note from
        where that changed the painting: the first line that differs, or the last line shown before
        (the text grows there)."""
        if frozen_before < len(self._pages):
            self._dirty(self._tops[frozen_before] if frozen_before < len(self._tops) else 0.0)
            self._live_stale = True  # what was live may now be frozen: compare nothing, repaint it all
            before: list[tuple[float, list[Line]]] = []
        else:
            before = self._open_lines()
        rebuilt, lend = False, tail_html.startswith("<table") and bool(self._live_html)
        if self._live_stale or lend != self._lending:
            self._live_stale, self._lending, rebuilt = False, lend, True
            self._rebuild_live()
        tail_html = self._lent + tail_html
        if tail_html != (self._tail.html if self._tail is not None else ""):
            rebuilt = True
            if self._tail is None or not self._tail.extend(tail_html):  # text added to its last line: in place
                self._tail = self._renew(self._tail, tail_html)
                self.tails_built += 1
        if rebuilt and self._width >= 0:
            self._dirty(first_difference(before, self._open_lines(), self._frozen_end))
        if self.codes.renamed:  # the delegate paints a code block's language in its empty header line
            for page, y in self._open_placed():
                self._dirty(
                    min((y + box.top for box in page.codes if box.index in self.codes.renamed), default=float("inf"))
                )
            self.codes.renamed.clear()

    def _rebuild_live(self) -> None:
        """The live pages for _live_html: a page holds completed chunks until it has LIVE_PAGE characters
        (the same pages whether the chunks came one by one or at once), so a chunk that completes rebuilds
        only the last page, not everything since the last frozen page. Pages whose chunks did not change
        are kept as they are. A table never starts a page: Qt puts an empty line above a document's table.
        While the tail starts with one (a table being written), the last page's chunks go atop the tail's:
        the table stays where the finished answer has it, as it will join that page once it completes."""
        ends, size, htmls = [], 0, self._live_html
        for index, html in enumerate(htmls):
            size += len(html)
            if index == len(htmls) - 1 or (size >= LIVE_PAGE and not htmls[index + 1].startswith("<table")):
                ends.append(index + 1)
                size = 0
        self._lent = ""
        if self._lending and ends:
            end = ends.pop()
            self._lent = "".join(htmls[ends[-1] if ends else 0 : end])
        lives: list[Page | None] = []
        for number, end in enumerate(ends):
            start = ends[number - 1] if number else 0
            old = self._lives[number] if number < len(self._lives) else None
            same = self._live_ends[: number + 1] == ends[: number + 1]
            html = "" if same else "".join(self._live_html[start:end])
            self.live_set += len(html)
            lives.append(old if same else self._renew(old, html))
        self._lives, self._live_ends = lives, ends

    def _open_lines(self) -> list[tuple[float, list[Line]]]:
        """The lines of the open pages with each page's y (the lists are the pages' own: never changed)."""
        if self._width < 0:
            return []
        return [(y, page.lines()) for page, y in self._open_placed()]

    def _renew(self, page: Page | None, html: str) -> Page | None:
        """An open page showing `html`: `page` with its document refilled if it has one (no new document,
        style sheet parsed again and settings made again), else a new page."""
        if page is not None and html.strip() and page.reset(html):
            return page
        return self._new_page(html)

    def _new_page(self, html: str) -> Page | None:
        if not html.strip():
            return None
        page = Page(self._style, html)
        if self._width >= 0:
            page.layout(self._width)
        return page

    def _dirty(self, y: float) -> None:
        self.dirty_top = min(self.dirty_top, y if self._width >= 0 else 0.0)

    def _reset(self) -> None:
        self.codes = CodeRegistry()
        self.text = ""
        self.complete = False
        self._state = ScanState()
        self._pages, self._lives, self._live_ends, self._live_html, self._live_chars = [], [], [], [], 0
        self._tail, self._live_stale, self._grow_from, self._lending, self._lent = None, False, None, False, ""
        self._kept.clear()
        self._tops, self._frozen_end, self._frozen_margin = [], 0.0, 0.0
        self._shown = None

    # -- geometry -----------------------------------------------------------------------------------

    def _after_frozen(self, page: Page) -> float:
        """Where `page` goes after the frozen pages: margins collapse, as inside one document."""
        return self._frozen_end + max(self._frozen_margin, page.top_margin) if self._tops else 0.0

    def _append_top(self, page: Page) -> None:
        self._tops.append(self._after_frozen(page))
        self._frozen_end, self._frozen_margin = self._tops[-1] + page.height, page.bottom_margin

    def layout(self, width: float) -> float:
        """Lay out every page at `width` (only new ones if the width did not change); the height."""
        if width != self._width:
            self._width = width
            self._tops, self._frozen_end, self._frozen_margin = [], 0.0, 0.0
            for page in self._pages:
                kept = page.materialized
                page.layout(width)
                self._append_top(page)
                if not kept:
                    page.release()
            for page in self._open():
                page.layout(width)
        return self.height()

    def height(self) -> float:
        """The height of the text, and of a code box that ends it."""
        if self._width < 0:
            return 0.0
        last = self.last_page()
        return last[1] + last[0].height + last[0].overhang if last is not None else 0.0

    def _open(self) -> list[Page]:
        """The pages after the frozen ones: the live pages and the tail, those that exist."""
        return [page for page in (*self._lives, self._tail) if page is not None]

    def _open_placed(self) -> Iterator[tuple[Page, float]]:
        """The open pages and their y: after the frozen pages, margins collapsing as in one document."""
        end, margin, first = self._frozen_end, self._frozen_margin, not self._tops
        for page in self._open():
            y = 0.0 if first else end + max(margin, page.top_margin)
            yield page, y
            end, margin, first = y + page.height, page.bottom_margin, False

    def _open_top(self, page: Page) -> float:
        return next((y for open_page, y in self._open_placed() if open_page is page), self._frozen_end)

    def placed(self, top: float = float("-inf"), bottom: float = float("inf")) -> Iterator[tuple[int, Page, float]]:
        """The pages that reach into [top, bottom) (document coordinates): index, page, y."""
        first = max(0, bisect_right(self._tops, top) - 1)
        for index in range(first, len(self._pages)):
            y = self._tops[index]
            if y >= bottom:
                return
            self._touch(self._pages[index])
            yield index, self._pages[index], y
        for offset, (page, y) in enumerate(self._open_placed()):
            if y >= bottom:
                return
            yield len(self._pages) + offset, page, y

    def page(self, index: int) -> Page | None:
        if 0 <= index < len(self._pages):
            return self._pages[index]
        pages = self._open()
        return pages[index - len(self._pages)] if 0 <= index - len(self._pages) < len(pages) else None

    def _touch(self, page: Page) -> None:
        """`page` is being shown: keep its document, release the least recently shown beyond KEEP_PAGES."""
        self._kept[id(page)] = page
        self._kept.move_to_end(id(page))
        while len(self._kept) > KEEP_PAGES:
            self._kept.popitem(last=False)[1].release()

    def last_page(self) -> tuple[Page, float] | None:
        placed = list(self._open_placed())
        if placed:
            return placed[-1]
        if self._pages:
            return self._pages[-1], self._tops[-1]
        return None

    def ideal_width(self) -> float:
        """The width of the longest line (for user bubbles, which are short)."""
        return max((page.ideal for page in [*self._pages, *self._open()]), default=0.0)

    def page_count(self) -> int:
        return len(self._pages) + len(self._open())

    def rendered_text(self) -> str:
        """The text of the documents as shown (what tests look at)."""
        return "\n".join(page.plain_text() for page in [*self._pages, *self._open()])
