"""The chunker (`desktop/ui/chat/blocks.py`) and the markdown renderer's safety, without widgets."""

from __future__ import annotations

import random

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.chat.blocks import KIND_CODE, KIND_TABLE_REST, MAX_CHUNK, Chunk, ScanState, next_chunk, split_chunks
from desktop.ui.chat.markdown import CodeRegistry, MarkdownRenderer, flatten, neutralize
from desktop.ui.chat.style import ChatStyle

PIECES = [
    "Some paragraph text with **bold** and `code`.\n",
    "中文段落，包含 English 混排。\n",
    "\n",
    "\n",
    "- item\n",
    "  - nested item\n",
    "1. first\n",
    "```python\n",
    "def f(x):\n",
    "\n",
    "    return x\n",
    "```\n",
    "~~~\n",
    "| a | b |\n",
    "|---|---|\n",
    "| 1 | 2 |\n",
    "> quoted\n",
    "   indented\n",
    "# Heading\n",
    "x" * 900 + " " + "y" * 900 + "\n",
    "word " * 400,
    "  ```\n",
    "    code\n",
    "|:-:|\n",
    "~~~~\n",
    "- ```\n",
    "> ```\n",
    "\t\tx\n",
    "\r\n",
    "===\n",
]


def streamed_chunks(text: str, step: int) -> list[Chunk]:
    """Cut `text` the way the view does while it streams in pieces of `step` characters."""
    chunks: list[Chunk] = []
    state = ScanState()
    for end in [*range(step, len(text), step), len(text)]:
        while (found := next_chunk(text[:end], state)) is not None:
            chunk, state = found
            chunks.append(chunk)
    while (found := next_chunk(text, state, final=True)) is not None:
        chunk, state = found
        chunks.append(chunk)
    return chunks


@pytest.mark.parametrize("seed", range(80))
def test_streaming_cuts_the_same_chunks_as_the_whole_text(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(5, 120)))
    whole = split_chunks(text)
    assert streamed_chunks(text, rng.randint(1, 97)) == whole
    assert "".join(text[c.start : c.end] for c in whole) == text  # chunks tile the text
    assert all(c.end - c.start <= MAX_CHUNK + 1 for c in whole)


def test_code_fences_are_chunks_and_blank_lines_inside_do_not_cut() -> None:
    text = "Intro\n\n```py\na = 1\n\nb = 2\n```\n\nAfter\n"
    kinds = [(c.kind, text[c.start : c.end]) for c in split_chunks(text)]
    assert ("code", "```py\na = 1\n\nb = 2\n```\n") in kinds


def test_a_huge_code_block_is_cut_into_segments_of_one_block() -> None:
    code = "".join(f"line_{n} = {n}\n" for n in range(3000))
    chunks = split_chunks(f"```python\n{code}```\n")
    assert len(chunks) > 5
    assert {c.kind for c in chunks} == {KIND_CODE}
    assert len({c.fence for c in chunks}) == 1
    assert chunks[0].opens and not any(c.opens for c in chunks[1:])
    assert chunks[-1].closes and not any(c.closes for c in chunks[:-1])


def test_the_rest_of_a_huge_table_is_cut() -> None:
    table = "| a | b |\n|---|---|\n" + "".join(f"| {n} | {n * 2} |\n" for n in range(5000))
    chunks = split_chunks(table + "\nafter\n")
    rest = [c for c in chunks if c.kind == KIND_TABLE_REST]
    assert rest and rest[0].note and not any(c.note for c in rest[1:])
    assert chunks[-1].kind == "md"


def test_neutralize_removes_bidi_and_zero_width_but_keeps_emoji() -> None:
    assert neutralize("a\u202eb\u2066c\u200bd\u200fe\ufeff") == "abcde"
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert neutralize(family) == family
    assert neutralize("pay\u200dpal") == "paypal"


def test_flatten_cuts_absurd_nesting_but_not_code() -> None:
    deep = "\n".join("  " * n + "- item" for n in range(500))
    flat, cut = flatten(deep)
    assert cut
    assert max(len(line) - len(line.lstrip()) for line in flat.split("\n")) <= 24
    quote, cut = flatten(">" * 500 + " deep")
    assert cut and quote.count(">") <= 8
    code = "```\n" + " " * 60 + "indented code\n```"
    assert flatten(code) == (code, False)


@pytest.fixture
def renderer(qtbot: QtBot) -> MarkdownRenderer:
    widget = QWidget()
    qtbot.addWidget(widget)
    return MarkdownRenderer(ChatStyle.from_widget(widget))


def test_untrusted_markdown_renders_safe_html(renderer: MarkdownRenderer) -> None:
    html = renderer.render_markdown(
        "<b>x</b><img src=file:///etc/passwd> [ok](https://example.com) [bad](javascript:alert(1)) "
        "[file](file:///etc/passwd) ![pic](https://example.com/a.png) ![local](file:///etc/passwd) &#x202E;",
        CodeRegistry(),
    )
    assert "<b>" not in html and "<img" not in html
    assert "&lt;b&gt;x&lt;/b&gt;&lt;img src=file:///etc/passwd&gt;" in html
    assert '<a href="https://example.com">ok</a>' in html
    assert 'href="javascript' not in html and 'href="file' not in html
    assert '<a href="https://example.com/a.png">[image: pic]</a>' in html
    assert "![local](file:///etc/passwd)" in html  # markdown-it refuses file: links: shown as typed
    assert "\u202e" not in html


def test_huge_tables_are_cut_with_a_note(renderer: MarkdownRenderer) -> None:
    header = "|" + "|".join(f"c{n}" for n in range(40)) + "|\n|" + "---|" * 40 + "\n"
    rows = "".join("|" + "|".join("x" for _ in range(40)) + "|\n" for _ in range(300))
    html = renderer.render_markdown(header + rows, CodeRegistry())
    assert html.count("<tr>") == 201
    assert html.count("<th>") == 20
    assert "Only the first 200 rows" in html


def test_nested_code_blocks_are_registered_for_copy(renderer: MarkdownRenderer) -> None:
    codes = CodeRegistry()
    renderer.render_markdown("- list\n\n  ```sh\n  echo hi\n  ```\n", codes)
    assert len(codes) == 1
    assert codes.text(0, "") == "echo hi"
    assert codes.lang(0) == "sh"
