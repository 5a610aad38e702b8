"""What a click in a message row means: its href (a painted action's or a link's) parsed once into a
typed `RowAction`, so the view dispatches on a kind instead of on string prefixes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.ui.chat.card_rows import CARD_INPUT, CARD_OPTION
from desktop.ui.chat.folding import SHOW_ALL
from desktop.ui.chat.markdown import is_web_url
from desktop.ui.chat.rows import (
    COPY,
    COPY_CODE,
    COPY_DETAILS,
    DETAILS,
    DISLIKE,
    EDIT,
    FOLLOW_UP,
    LIKE,
    NEW_CONVERSATION,
    REGENERATE,
    RETRY,
    SETTINGS,
    THINKING,
    VERSION_NEXT,
    VERSION_PREV,
)
from desktop.ui.chat.step_rows import STEP


class Act(Enum):
    COPY = "copy"  # the message's text
    COPY_CODE = "copy-code"  # code block `index`
    COPY_DETAILS = "copy-details"  # an error's details
    RETRY = "retry"
    NEW_CONVERSATION = "new-conversation"  # ask again in a new Coze conversation (Coze lost the old one)
    SETTINGS = "settings"
    DETAILS = "details"  # show or hide an error's details
    THINKING = "thinking"  # open or close the reasoning
    FOLLOW_UP = "follow-up"  # follow-up chip `index`
    CARD_OPTION = "card-option"  # a question card's option `index`
    CARD_INPUT = "card-input"  # an input card: open its form
    REGENERATE = "regenerate"  # ask an answer's question again (the answer becomes an earlier version)
    EDIT = "edit"  # edit a question and ask it again
    VERSION_PREV = "version-prev"  # show the answer's previous version
    VERSION_NEXT = "version-next"
    LINK = "link"  # a link in the text: `url`, opened only when it is a web URL
    LIKE = "like"  # rate the answer (again: take the rating back)
    DISLIKE = "dislike"  # rate it down, with reasons
    STEP = "step"  # open or close the bot's step `index` (a tool call) under the answer
    SHOW_ALL = "show-all"  # a long question's whole text, or its start again (folding.py)


@dataclass(frozen=True)
class RowAction:
    kind: Act
    index: int = -1
    url: str = ""

    @property
    def is_web_link(self) -> bool:
        return self.kind is Act.LINK and is_web_url(self.url)

    @property
    def href(self) -> str:
        """The href this action is painted with (what row state such as "Copied" refers to)."""
        if self.kind is Act.LINK:
            return self.url
        prefix = _HREFS[self.kind]
        return f"{prefix}{self.index}" if self.kind in _NUMBERED.values() else prefix


_PLAIN = {
    COPY: Act.COPY,
    COPY_DETAILS: Act.COPY_DETAILS,
    RETRY: Act.RETRY,
    NEW_CONVERSATION: Act.NEW_CONVERSATION,
    SETTINGS: Act.SETTINGS,
    DETAILS: Act.DETAILS,
    THINKING: Act.THINKING,
    CARD_INPUT: Act.CARD_INPUT,
    LIKE: Act.LIKE,
    DISLIKE: Act.DISLIKE,
    REGENERATE: Act.REGENERATE,
    EDIT: Act.EDIT,
    VERSION_PREV: Act.VERSION_PREV,
    VERSION_NEXT: Act.VERSION_NEXT,
    SHOW_ALL: Act.SHOW_ALL,
}
_NUMBERED = {COPY_CODE: Act.COPY_CODE, FOLLOW_UP: Act.FOLLOW_UP, CARD_OPTION: Act.CARD_OPTION, STEP: Act.STEP}
_HREFS = {kind: href for href, kind in (_PLAIN | _NUMBERED).items()}


def parse_href(href: str) -> RowAction | None:
    """The action an href stands for; None for no href. Anything that is not one of ours is a link."""
    if not href:
        return None
    if href in _PLAIN:
        return RowAction(_PLAIN[href])
    for prefix, kind in _NUMBERED.items():
        if href.startswith(prefix):
            number = href[len(prefix) :]
            return RowAction(kind, int(number) if number.isdigit() else -1)
    return RowAction(Act.LINK, url=href)
