"""Markdown (assistant) and plain text (user) to the HTML subset QTextDocument renders.

Answers are untrusted. markdown-it runs with `html=False`, so raw HTML in an answer is escaped and
shows as text; links are anchors only for http(s) (others show their text); images become a
"[image: alt]" link, never an <img>; characters that reorder or hide text (bidi controls, zero-width
spaces) are removed from the output; nesting deeper than a few levels is flattened and huge tables
are cut, each with a note, so no answer can make a render slow. The output never references a
resource, and the documents refuse to load one anyway (see `documents.py`).
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable
from typing import Any, cast

from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from PySide6.QtCore import QCoreApplication

from desktop.core.coze.display import OPEN, SAVE
from desktop.core.markdown.parser import make_parser
from desktop.ui.chat.blocks import KIND_CODE, KIND_PLAIN, KIND_TABLE_REST, Chunk
from desktop.ui.chat.highlight import highlight_lines
from desktop.ui.chat.images import OPEN as IMAGE_OPEN
from desktop.ui.chat.images import SCHEME
from desktop.ui.chat.list_layout import shape_lists
from desktop.ui.chat.quotes import is_cjk, latin_quotes
from desktop.ui.chat.style import CODE_STATE, QUOTE_STATE, ChatStyle

MAX_INDENT = 24  # columns of leading whitespace kept outside code (about 8-12 list levels)
MAX_MARKERS = 8  # container markers (">", "-", "1.") kept at the start of a line
MAX_TABLE_ROWS = 200
MAX_TABLE_COLUMNS = 20
WEB_SCHEMES = ("http://", "https://")

_EMOJI = "\u2600-\u27bf\ufe0f\U0001f000-\U0001faff"
_LONE_ZWJ = re.compile(f"(?<![{_EMOJI}])\u200d|\u200d(?![{_EMOJI}])")
_INVISIBLE = dict.fromkeys(
    [
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        *range(0x7F, 0xA0),
        0x061C,
        0x180E,
        0x200B,
        0x200C,
        0x200E,
        0x200F,
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x206A),
        0xFEFF,
    ]
)
_MARKER = re.compile(r"[ \t]{0,3}(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?")


def neutralize(text: str) -> str:
    """`text` without bidi controls, zero-width and other invisible characters (ZWJ stays inside emoji)."""
    if "\u200d" in text:
        text = _LONE_ZWJ.sub("", text)
    return text.translate(_INVISIBLE)


def is_web_url(url: str) -> bool:
    return url.lower().startswith(WEB_SCHEMES)


def is_file_action(href: str) -> bool:
    """A file card's Save as / Open link around a web address (see `desktop.core.coze.display`)."""
    for scheme in (SAVE, OPEN):
        if href.startswith(scheme):
            return is_web_url(href[len(scheme) :])
    return False


def flatten(src: str) -> tuple[str, bool]:
    """`src` with absurd nesting (indentation, quote and list markers) cut down; True if anything was cut."""
    if len(src) < 2 * MAX_INDENT and src.count(">") < MAX_MARKERS:
        return src, False
    cut = False
    fence = ""
    lines = src.split("\n")
    for number, line in enumerate(lines):
        bare = line.lstrip(" \t>")
        if bare.startswith(("```", "~~~")):
            marker = bare[: len(bare) - len(bare.lstrip(bare[0]))]
            if not fence:
                fence = marker
            elif marker.startswith(fence) and bare.strip() == marker:
                fence = ""
            continue
        if fence:
            continue
        stripped = line.lstrip(" \t")
        lead = line[: len(line) - len(stripped)]
        kept = line
        if len(lead) > MAX_INDENT and len(lead.expandtabs(4)) > MAX_INDENT:
            kept = " " * MAX_INDENT + stripped
        ends: list[int] = []
        pos = 0
        while (match := _MARKER.match(kept, pos)) is not None and match.end() > pos:
            pos = match.end()
            ends.append(pos)
        if len(ends) > MAX_MARKERS:
            kept = kept[: ends[MAX_MARKERS - 1]] + kept[ends[-1] :]
        if kept is not line:
            lines[number] = kept
            cut = True
    return "\n".join(lines), cut


class CodeRegistry:
    """The code blocks of one message, by a stable key, so "Copy" copies the whole block."""

    def __init__(self) -> None:
        self._index: dict[tuple[object, ...], int] = {}
        self._code: list[str | tuple[int, int]] = []
        self._langs: list[str] = []
        self.renamed: set[int] = set()  # blocks whose language changed since the owner last looked

    def __len__(self) -> int:
        return len(self._code)

    def index(self, key: tuple[object, ...], lang: str = "") -> int:
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = len(self._code)
            self._code.append("")
            self._langs.append(lang)
        elif lang and lang != self._langs[found]:  # first seen while its opening line was streaming ("```py")
            self._langs[found] = lang
            self.renamed.add(found)
        return found

    def lang(self, index: int) -> str:
        return self._langs[index] if 0 <= index < len(self._langs) else ""

    def set_text(self, index: int, code: str) -> None:
        self._code[index] = code

    def set_span(self, index: int, start: int, end: int) -> None:
        """A top-level block is `source[start:end]`; a later segment moves only the end."""
        current = self._code[index]
        self._code[index] = (current[0] if isinstance(current, tuple) else start, end)

    def text(self, index: int, source: str) -> str:
        if not 0 <= index < len(self._code):
            return ""
        code = self._code[index]
        return neutralize(source[code[0] : code[1]] if isinstance(code, tuple) else code).rstrip("\n")


class MarkdownRenderer:
    """Renders chunks (see `blocks.py`) of one look (`ChatStyle`): colors go into the HTML."""

    def __init__(self, style: ChatStyle) -> None:
        self.style = style
        md = make_parser()
        rules = {
            "fence": self._fence,
            "code_block": self._fence,
            "image": self._image,
            "link_open": self._link_open,
            "link_close": self._link_close,
            "softbreak": self._softbreak,
            "table_open": self._table_open,
            "chat_note": self._chat_note,
            "text": self._text,
        }
        for name, rule in rules.items():
            # markdown-it binds the function to its renderer (it would rebind a bound method too).
            md.add_render_rule(name, _unbound(rule))
        self._md = md
        self._html = cast(RendererHTML, md.renderer)

    # -- entry points -------------------------------------------------------------------------------

    def render_chunk(
        self, source: str, chunk: Chunk, codes: CodeRegistry, tail: bool = False, shown: str | None = None
    ) -> str:
        """`shown`: the chunk's text as shown instead of `source`'s (the streaming tail, its open marks closed)."""
        text = source[chunk.start : chunk.end] if shown is None else shown
        if chunk.kind == KIND_PLAIN:
            return self.render_plain(text)
        if chunk.kind == KIND_TABLE_REST:
            note = QCoreApplication.translate(
                "ChatView", "The rest of this table is not shown. Copy the message to get all of it."
            )
            return self._note(note) if chunk.note else ""
        if chunk.kind == KIND_CODE and chunk.fence is not None:
            index = codes.index(("fence", chunk.fence.start), chunk.fence.lang)
            codes.set_span(index, chunk.code_start, chunk.code_end)
            code = source[chunk.code_start : chunk.code_end]
            return self.render_code(code, chunk.fence.lang, index, chunk.opens, chunk.closes or tail)
        if chunk.cont:  # the rest of a block cut for length: as if it started there
            text = textwrap.dedent(text)
        return self.render_markdown(text, codes, ("md", chunk.start))

    def render_markdown(self, text: str, codes: CodeRegistry, key: tuple[object, ...] = ("md", 0)) -> str:
        src, cut = flatten(neutralize(text))
        env: dict[str, Any] = {"codes": codes, "key": key, "count": 0, "links": []}
        try:
            tokens = self._prepare(self._md.parse(src, env))
            shape_lists(tokens, self.style)
            result = self._md.renderer.render(tokens, self._md.options, env)
        except RecursionError:
            result = self.render_plain(src)
            cut = True
        if cut:
            result += self._note(QCoreApplication.translate("ChatView", "Deeply nested content is shown flattened."))
        return neutralize(result)

    def render_plain(self, text: str) -> str:
        lines = neutralize(text).split("\n")
        if len(lines) > 1 and lines[-1] == "":
            lines.pop()
        return "".join(
            f'<p class="plain" style="margin-bottom:0px">{latin_quotes(html.escape(line, quote=False)) or "&nbsp;"}</p>'
            for line in lines
        )

    def render_code(self, code: str, lang: str, index: int, opens: bool, closes: bool) -> str:
        head, body = CODE_STATE + 2 * index, CODE_STATE + 2 * index + 1
        parts = []
        if opens:  # an empty line: the delegate paints the language and the Copy button in it
            parts.append(f'<p class="codehead" style="-qt-user-state:{head}">&nbsp;</p>')
        lines = highlight_lines(neutralize(code), lang, self.style.dark) or [""]
        last = len(lines) - 1
        end = f"margin-bottom:{self.style.pad + round(self.style.gap * 1.5)}px;"
        for number, line in enumerate(lines):
            extra = end if closes and number == last else ""
            parts.append(f'<p class="code" style="-qt-user-state:{body};{extra}">{line or "&nbsp;"}</p>')
        return "".join(parts)

    def _note(self, text: str) -> str:
        return f'<p class="note">{html.escape(text, quote=False)}</p>'

    # -- token passes -------------------------------------------------------------------------------

    def _prepare(self, tokens: list[Token]) -> list[Token]:
        """Mark blocks inside quotes (for the quote bars) and cut huge tables."""
        result: list[Token] = []
        depth = rows = columns = 0
        skip_until: tuple[str, int] | None = None  # drop tokens until this (type, level) closes
        for token in tokens:
            kind = token.type
            if skip_until is not None:
                if (kind, token.level) == skip_until:
                    skip_until = None
                continue
            if kind == "blockquote_open":
                depth += 1
            elif kind == "blockquote_close":
                depth -= 1
            elif kind in ("paragraph_open", "heading_open", "list_item_open") and depth:
                token.attrSet("style", f"-qt-user-state:{QUOTE_STATE + min(depth, MAX_MARKERS)}")
            elif kind == "table_open":
                rows = 0
            elif kind == "tr_open":
                columns = 0
                rows += 1
                if rows > MAX_TABLE_ROWS + 1:  # + the header row
                    skip_until = ("tr_close", token.level)
                    continue
            elif kind in ("th_open", "td_open"):
                columns += 1
                if columns > MAX_TABLE_COLUMNS:
                    skip_until = (kind.replace("_open", "_close"), token.level)
                    continue
            elif kind == "table_close" and rows > MAX_TABLE_ROWS + 1:
                result.append(token)
                note = Token("chat_note", "", 0)
                note.content = self._note(
                    QCoreApplication.translate("ChatView", "Only the first 200 rows of this table are shown.")
                )
                result.append(note)
                continue
            result.append(token)
        return result

    # -- render rules (called by markdown-it as methods of its renderer) ----------------------------

    def _fence(self, tokens: list[Token], idx: int, _options: Any, env: dict[str, Any]) -> str:
        token = tokens[idx]
        codes: CodeRegistry = env["codes"]
        words = token.info.split()
        lang = words[0][:40] if words else ""
        index = codes.index((*env["key"], env["count"]), lang)
        env["count"] += 1
        codes.set_text(index, token.content)
        return self.render_code(token.content, lang, index, True, True)

    def _image(self, tokens: list[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
        token = tokens[idx]
        alt = self._html.renderInlineAsText(token.children or [], options, env)
        label = html.escape(
            QCoreApplication.translate("ChatView", "[image: {alt}]").format(alt=alt)
            if alt
            else QCoreApplication.translate("ChatView", "[image]"),
            quote=False,
        )
        src = str(token.attrGet("src") or "")
        images = self.style.images
        if images is not None and images.wants(src):
            target = html.escape(src)
            picture = f'<img src="{SCHEME}{target}" alt="{html.escape(alt)}" />'
            return picture if env["links"] else f'<a href="{IMAGE_OPEN}{target}">{picture}</a>'
        if is_web_url(src) and not env["links"]:
            return f'<a href="{html.escape(src)}">{label}</a>'
        return label

    def _link_open(self, tokens: list[Token], idx: int, _options: Any, env: dict[str, Any]) -> str:
        href = str(tokens[idx].attrGet("href") or "")
        allowed = (is_web_url(href) or is_file_action(href)) and not env["links"]
        env["links"].append(allowed)
        return f'<a href="{html.escape(href)}">' if allowed else ""

    def _link_close(self, _tokens: list[Token], _idx: int, _options: Any, env: dict[str, Any]) -> str:
        links: list[bool] = env["links"]
        return "</a>" if links and links.pop() else ""

    def _softbreak(self, tokens: list[Token], idx: int, _options: Any, _env: Any) -> str:
        # A line break inside a Chinese paragraph is not a space.
        before = tokens[idx - 1].content[-1:] if idx > 0 else ""
        after = tokens[idx + 1].content[:1] if idx + 1 < len(tokens) else ""
        return "" if is_cjk(before) and is_cjk(after) else "\n"

    def _text(self, tokens: list[Token], idx: int, _options: Any, _env: Any) -> str:
        return latin_quotes(escapeHtml(tokens[idx].content))

    def _chat_note(self, tokens: list[Token], idx: int, _options: Any, _env: Any) -> str:
        return tokens[idx].content

    def _table_open(self, *_args: Any) -> str:
        return '<table border="1" cellspacing="0" cellpadding="0">\n'


def _unbound(rule: Callable[..., str]) -> Callable[..., str]:
    def call(_renderer: Any, *args: Any) -> str:
        return rule(*args)

    return call
