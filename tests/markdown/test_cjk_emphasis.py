"""The CJK-friendly emphasis amendment, case by case (see desktop/core/markdown/cjk.py)."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from desktop.core.markdown.cjk import flanking, is_cjk
from desktop.core.markdown.parser import make_parser

# (source, inline HTML with the amendment). Grouped by what the case is about.
CASES = [
    # full-width punctuation inside the closing delimiter, a CJK character outside: the case
    ("**先检查：**输入内容", "<strong>先检查：</strong>输入内容"),
    ("**简短回答：**“看情况”", "<strong>简短回答：</strong>“看情况”"),
    ("**为什么重要：**流式", "<strong>为什么重要：</strong>流式"),
    ("这是**重要。**然后", "这是<strong>重要。</strong>然后"),
    ("**注意！**请看", "<strong>注意！</strong>请看"),
    # full-width punctuation inside the opening delimiter, a CJK character outside
    ("这是**「重要」**的。", "这是<strong>「重要」</strong>的。"),
    ("他说**（很重要）**吧", "他说<strong>（很重要）</strong>吧"),
    ("我们**“必须”**这样做", "我们<strong>“必须”</strong>这样做"),
    # punctuation outside the delimiters (plain CommonMark already works: must not change)
    ("**重要**，然后", "<strong>重要</strong>，然后"),
    ("。**日本語**", "。<strong>日本語</strong>"),
    ("「**引用**」と**次**。", "「<strong>引用</strong>」と<strong>次</strong>。"),
    # mixed Latin and CJK
    ("中文**English**中文", "中文<strong>English</strong>中文"),
    ("用**Python，**写", "用<strong>Python，</strong>写"),
    ("a**中、**b", "a<strong>中、</strong>b"),
    ("使用**`pip`**安装", "使用<strong><code>pip</code></strong>安装"),
    ("**Note:**中文", "<strong>Note:</strong>中文"),
    ("**注意：**OK", "<strong>注意：</strong>OK"),
    # nested
    ("**外层*内层：*继续**。", "<strong>外层<em>内层：</em>继续</strong>。"),
    ("***重要：***文字", "<em><strong>重要：</strong></em>文字"),
    ("~~**删除：**~~文字", "<s><strong>删除：</strong></s>文字"),
    ("**[链接：](https://example.com)**后", '<strong><a href="https://example.com">链接：</a></strong>后'),
    # single *, _, __ and ~~
    ("*注意：*这里", "<em>注意：</em>这里"),
    ("「_斜体_」", "「<em>斜体</em>」"),
    ("_注意_：这里", "<em>注意</em>：这里"),
    ("__粗体：__，文字", "<strong>粗体：</strong>，文字"),
    ("~~已废弃：~~请用新版", "<s>已废弃：</s>请用新版"),
    # a variation selector after a CJK character does not hide it
    ("**葛\U000e0100：**字", "<strong>葛\U000e0100：</strong>字"),
    # what must stay literal: intraword underscores, arithmetic, code, spaces inside
    ("变量_名_称", "变量_名_称"),
    ("__粗：__文字", "__粗：__文字"),
    ("数式 2**3 は8。", "数式 2**3 は8。"),
    ("`**代码：**文字`", "<code>**代码：**文字</code>"),
    ("** 不是强调 **", "** 不是强调 **"),
    # Latin text is exactly CommonMark
    ("**foo**bar", "<strong>foo</strong>bar"),
    ("foo**bar**", "foo<strong>bar</strong>"),
    ('**"quoted"**text', "**&quot;quoted&quot;**text"),
    ("snake_case_name", "snake_case_name"),
    ("**emoji:**😀", "<strong>emoji:</strong>😀"),
]


@pytest.mark.parametrize(("source", "expected"), CASES, ids=[case[0] for case in CASES])
def test_cjk_friendly_emphasis(source: str, expected: str) -> None:
    assert make_parser().renderInline(source) == expected


LATIN = ["**foo**bar", "foo**bar**", '**"quoted"**text', "a * b * c", "_a_b_", "__init__", "*a **b** c*", "~~x~~y"]


@pytest.mark.parametrize("source", LATIN)
def test_without_cjk_it_is_commonmark(source: str) -> None:
    plain = MarkdownIt("commonmark").enable("strikethrough")
    assert make_parser().renderInline(source) == plain.renderInline(source)


def test_other_parsers_are_not_changed() -> None:
    make_parser()
    assert MarkdownIt("commonmark").renderInline("**先检查：**输入") == "**先检查：**输入"


def test_cjk_characters() -> None:
    assert all(is_cjk(char) for char in "中あア한「。，：￥Ａｱ〈\U00020000\U0001f202")
    assert not any(is_cjk(char) for char in "aZ1 .(“”é😀⌚\U0001f201")


def test_flanking_at_the_edges_of_the_inline() -> None:
    assert flanking("**中", 0, 2, 3) == (True, False)  # the start of the line counts as whitespace
    assert flanking("中：**", 2, 4, 4) == (False, True)  # and so does its end
