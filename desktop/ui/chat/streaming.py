"""A message's text rendered incrementally into a stack of documents, so a render costs the same at the
end of a 1 MB answer as at its start.

The text is cut into chunks (`blocks.py`). A chunk that can no longer change is converted to HTML
once; converted chunks collect in the *live* document until they pass `LIVE_LIMIT` characters, then
that document is frozen into a page and never touched again. The open chunk at the end of the text
(the tail: the paragraph or code block being written) is converted again on every update and shown at
the end of the live document. So an update converts the new complete chunks plus the tail (at most
`MAX_CHUNK` characters) and sets the HTML of one small document: no cost grows with the answer.

The same path renders a complete message (`final=True`), in budgeted steps, so a huge stored answer
does not freeze the window either, and looks exactly like the streamed one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import replace

from desktop.ui.chat.blocks import KIND_MD, Chunk, ScanState, next_chunk, unfinished_image
from desktop.ui.chat.documents import Page
from desktop.ui.chat.markdown import CodeRegistry, MarkdownRenderer
from desktop.ui.chat.style import ChatStyle

LIVE_LIMIT = 3_000
KEEP_PAGES = 12  # frozen pages that keep their laid-out document; the others rebuild it when shown


class StreamingDocument:
    """Markdown (or, with `plain`, plain text) shown as pages of QTextDocuments.

    `converted` is how many characters the last `update` converted, for tests and the benchmark.
    """

    def __init__(self, renderer: MarkdownRenderer, style: ChatStyle, plain: bool = False) -> None:
        self._renderer = renderer
        self._style = style
        self._plain = plain
        self.codes = CodeRegistry()
        self.text = ""
        self.converted = 0
        self.complete = False  # the whole text is in the documents (no tail left to convert)
        self._state = ScanState()
        self._pages: list[Page] = []  # frozen
        self._live: Page | None = None
        self._live_html: list[str] = []
        self._live_chars = 0
        self._width = -1.0
        self._tops: list[float] = []  # y of each frozen page at _width
        self._frozen_end = 0.0  # where the last frozen page ends
        self._frozen_margin = 0.0  # and its bottom margin (Qt collapses it with the next top margin)
        self._shown: tuple[int, bool] | None = None  # (length, final) of the text fully shown
        self._kept: OrderedDict[int, Page] = OrderedDict()  # frozen pages with a document, by id()

    # -- content ------------------------------------------------------------------------------------

    def update(self, text: str, budget: int, final: bool = False) -> bool:
        """Show `text`, converting about `budget` characters at most; True when it is all shown.

        `final` says the text will not grow any more: the tail is then converted for good.
        """
        if not text.startswith(self.text):
            self._reset()
        elif self._shown == (len(text), final):
            self.converted = 0
            return True
        self.text = text
        converted = 0
        caught_up = True
        while True:
            if converted >= budget:
                caught_up = next_chunk(text, self._state, final, self._plain) is None
                break
            found = next_chunk(text, self._state, final, self._plain)
            if found is None:
                break
            chunk, self._state = found
            converted += chunk.end - chunk.start
            self._commit(self._render(chunk, tail=final))
        tail: list[str] = []
        if caught_up and not final:
            state = self._state
            while (found := next_chunk(text, state, True, self._plain)) is not None:
                chunk, state = found
                converted += chunk.end - chunk.start
                if chunk.end == len(text) and chunk.kind == KIND_MD:
                    chunk = replace(chunk, end=chunk.start + unfinished_image(text[chunk.start :]))
                tail.append(self._render(chunk, tail=True))
        self._rebuild_live(tail)
        self.converted = converted
        self.complete = caught_up and final
        self._shown = (len(text), final) if caught_up else None
        return caught_up

    def _render(self, chunk: Chunk, tail: bool) -> str:
        return self._renderer.render_chunk(self.text, chunk, self.codes, tail)

    def _commit(self, html: str) -> None:
        self._live_html.append(html)
        self._live_chars += len(html)
        if self._live_chars >= LIVE_LIMIT * 2:  # HTML is about twice the markdown
            self._freeze()

    def _freeze(self) -> None:
        html = "".join(self._live_html)
        self._live_html, self._live_chars = [], 0
        if not html.strip():
            return
        page = Page(self._style, html)
        self._pages.append(page)
        if self._width >= 0:
            page.layout(self._width)
            self._append_top(page)
        self._touch(page)

    def _rebuild_live(self, tail: list[str]) -> None:
        html = "".join(self._live_html) + "".join(tail)
        self._live = Page(self._style, html) if html.strip() else None
        if self._live is not None and self._width >= 0:
            self._live.layout(self._width)

    def _reset(self) -> None:
        self.codes = CodeRegistry()
        self.text = ""
        self.complete = False
        self._state = ScanState()
        self._pages, self._live, self._live_html, self._live_chars = [], None, [], 0
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
            if self._live is not None:
                self._live.layout(width)
        return self.height()

    def height(self) -> float:
        """The height of the text, and of a code box that ends it."""
        live = self._live
        if self._width < 0:
            return 0.0
        if live is None:
            return self._frozen_end + (self._pages[-1].overhang if self._pages else 0.0)
        return self._live_top(live) + live.height + live.overhang

    def _live_top(self, live: Page) -> float:
        return self._after_frozen(live)

    def placed(self, top: float = float("-inf"), bottom: float = float("inf")) -> Iterator[tuple[int, Page, float]]:
        """The pages that reach into [top, bottom) (document coordinates): index, page, y."""
        first = max(0, bisect_right(self._tops, top) - 1)
        for index in range(first, len(self._pages)):
            y = self._tops[index]
            if y >= bottom:
                return
            self._touch(self._pages[index])
            yield index, self._pages[index], y
        if self._live is not None:
            yield len(self._pages), self._live, self._live_top(self._live)

    def page(self, index: int) -> Page | None:
        if 0 <= index < len(self._pages):
            return self._pages[index]
        return self._live if index == len(self._pages) else None

    def _touch(self, page: Page) -> None:
        """`page` is being shown: keep its document, release the least recently shown beyond KEEP_PAGES."""
        self._kept[id(page)] = page
        self._kept.move_to_end(id(page))
        while len(self._kept) > KEEP_PAGES:
            self._kept.popitem(last=False)[1].release()

    def last_page(self) -> tuple[Page, float] | None:
        if self._live is not None:
            return self._live, self._live_top(self._live)
        if self._pages:
            return self._pages[-1], self._tops[-1]
        return None

    def ideal_width(self) -> float:
        """The width of the longest line (for user bubbles, which are short)."""
        pages = [*self._pages, *([self._live] if self._live is not None else [])]
        return max((page.ideal for page in pages), default=0.0)

    def page_count(self) -> int:
        return len(self._pages) + (self._live is not None)

    def rendered_text(self) -> str:
        """The text of the documents as shown (what tests look at)."""
        pages = [*self._pages, *([self._live] if self._live is not None else [])]
        return "\n".join(page.plain_text() for page in pages)
