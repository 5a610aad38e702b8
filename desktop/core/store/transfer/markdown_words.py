"""The words a Markdown export puts around the messages, in English and Chinese. The core has no Qt, so they
cannot go through `tr()`; the window passes its language, the command line its own (as for error sentences)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MarkdownWords:
    you: str
    bot: str
    untitled: str
    version: str  # after a message's time: {number} of {count}
    earlier: str  # an earlier version's summary: {number} of {count}
    asked_as: str
    files_only: str
    interrupted: str
    stopped: str
    streaming: str
    failed: str
    code: str  # {code}
    logid: str  # {logid}
    separator: str  # between a note and its details
    comma: str  # between two details
    not_saved: str  # an answer's pictures and files that could not be saved with the export: {files}
    unsaved_file: str  # one of them: {name}, {reason}
    # why (answer_downloads: "timed out", "too large"…; "HTTP 404" stays as it is)
    reasons: Mapping[str, str] = field(default_factory=dict)

    def reason(self, why: str) -> str:
        return self.reasons.get(why, why)


ENGLISH = MarkdownWords(
    you="You",
    bot="Bot",
    untitled="Untitled conversation",
    version=" · version {number} of {count}",
    earlier="Version {number} of {count}",
    asked_as="*Asked as:* ",
    files_only="*Asked with files only*",
    interrupted="answer interrupted",
    stopped="stopped by the user",
    streaming="answer still streaming when exported",
    failed="failed",
    code="code {code}",
    logid="logid {logid}",
    separator=": ",
    comma=", ",
    not_saved="Not saved with this export (its link may have expired; the address is kept): {files}",
    unsaved_file="{name} ({reason})",
)

CHINESE = MarkdownWords(
    you="你",
    bot="智能体",
    untitled="未命名对话",
    version=" · 第 {number} 版，共 {count} 版",
    earlier="第 {number} 版，共 {count} 版",
    asked_as="*当时的问题：* ",
    files_only="*当时只发送了文件*",
    interrupted="回答被中断",
    stopped="回答已被你停止",
    streaming="导出时回答仍在生成",
    failed="回答失败",
    code="错误码 {code}",
    logid="logid {logid}",
    separator="：",
    comma="，",
    not_saved="未随本次导出保存（链接可能已过期，原地址已保留）：{files}",
    unsaved_file="{name}（{reason}）",
    reasons={
        "timed out": "超时",
        "address refused": "地址被拒绝",
        "too large": "文件过大",
        "not reachable": "无法访问",
        "not fetched": "未下载",
    },
)


def markdown_words(language: str) -> MarkdownWords:
    """The words for `language` ("zh…" Chinese, anything else English)."""
    return CHINESE if language.lower().startswith("zh") else ENGLISH
