"""A chatflow's question and input cards, read the way the chat SDK reads them, and the replies they send.

A card is a `content_type: "card"` message whose content is JSON with `x_properties.workflow_card_info`,
itself a JSON string: `{card_type: "QUESTION", question_card_data: {Title, Options: [{name}]}}` or
`{card_type: "INPUT", input_card_data: [{type, name}]}` (coze-js `chat-sdk/src/libs/ui-kit/message/
helper/extract-chatlow-message.ts`). Choosing an option sends its `name` as a plain text message;
an input card sends `name:value` lines joined by newlines (`components/chatflow-node/index.tsx`).
Every field of an input card must be filled in unless the card marks it `"required": false`: the flow
takes whatever is sent, and "date:" with nothing after it was sent and accepted.
Any other card is not one of these (None): it is shown by the generic card fallback.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop.core import safe_json


class CardKind(StrEnum):
    QUESTION = "QUESTION"
    INPUT = "INPUT"


@dataclass(frozen=True, slots=True)
class WorkflowCard:
    kind: CardKind
    title: str = ""
    options: tuple[str, ...] = ()  # a question card's choices
    fields: tuple[str, ...] = ()  # an input card's field names, in order
    optional: frozenset[str] = frozenset()  # the fields the card marks "required": false

    def reply_for_option(self, index: int) -> str:
        return self.options[index]

    def reply_for_fields(self, values: Mapping[str, str]) -> str:
        return input_reply(self.fields, values)

    def missing(self, values: Mapping[str, str]) -> tuple[str, ...]:
        """The required fields left blank, in order (each name once)."""
        return missing_fields(self.fields, self.optional, values)


def missing_fields(fields: Sequence[str], optional: frozenset[str], values: Mapping[str, str]) -> tuple[str, ...]:
    blank = (name for name in dict.fromkeys(fields) if name not in optional and not values.get(name, "").strip())
    return tuple(blank)


def card_as_text(card: WorkflowCard) -> str:
    """A card as readable text (Copy, the Markdown export): the title, then "- option" or "name:" lines."""
    lines = [card.title] if card.title else []
    lines += [f"- {option}" for option in card.options] + [f"{name}:" for name in card.fields]
    return "\n".join(lines)


def input_reply(fields: Sequence[str], values: Mapping[str, str]) -> str:
    """What an input card sends: `name:value` per field, one a line (a missing value is empty)."""
    return "\n".join(f"{name}:{values.get(name, '')}" for name in fields)


def parse_card(content: str, content_type: str = "card") -> WorkflowCard | None:
    if content_type != "card":
        return None
    outer = _json(content)
    props = outer.get("x_properties") if isinstance(outer, dict) else None
    info = props.get("workflow_card_info") if isinstance(props, dict) else None
    data = _json(info) if isinstance(info, str) else None
    if not isinstance(data, dict):
        return None
    kind = data.get("card_type")
    if kind == CardKind.QUESTION:
        question = data.get("question_card_data")
        if not isinstance(question, dict):
            return None
        options = question.get("Options") if isinstance(question.get("Options"), list) else []
        assert isinstance(options, list)
        names = tuple(_name(o) for o in options if _name(o))
        title = question.get("Title")
        return WorkflowCard(CardKind.QUESTION, title if isinstance(title, str) else "", options=names)
    if kind == CardKind.INPUT:
        fields = data.get("input_card_data")
        if not isinstance(fields, list):
            return None
        optional = frozenset(_name(f) for f in fields if isinstance(f, dict) and f.get("required") is False)
        return WorkflowCard(CardKind.INPUT, fields=tuple(_name(f) for f in fields if _name(f)), optional=optional)
    return None


def _name(item: object) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    return name if isinstance(name, str) else ""


def _json(text: object) -> Any:
    if not isinstance(text, str):
        return None
    try:
        return safe_json.loads(text)
    except ValueError:
        return None
