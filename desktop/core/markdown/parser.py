"""The one markdown dialect of the app: CommonMark + tables + ~~strikethrough~~, raw HTML shown as text,
and CJK-friendly emphasis. Chat rendering and plain-text previews parse with the same rules."""

from __future__ import annotations

from markdown_it import MarkdownIt

from desktop.core.markdown.cjk import cjk_friendly_emphasis


def make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False, "maxNesting": 64})
    md.enable(["table", "strikethrough"])
    md.use(cjk_friendly_emphasis)
    return md
