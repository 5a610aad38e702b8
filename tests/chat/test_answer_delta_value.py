"""AnswerDelta sets its slots itself (it is made once per delta, #21): it is still the frozen dataclass
value every other turn event is."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from desktop.core.chat.events import AnswerDelta


def test_an_answer_delta_is_a_frozen_dataclass_value() -> None:
    delta = AnswerDelta("m1", "text")
    assert delta == AnswerDelta(coze_message_id="m1", text="text", reasoning="")
    assert (delta.coze_message_id, delta.text, delta.reasoning) == ("m1", "text", "")
    assert AnswerDelta("m1", "", "thinking").reasoning == "thinking"
    assert hash(delta) == hash(AnswerDelta("m1", "text"))
    assert dataclasses.astuple(delta) == ("m1", "text", "")
    assert dataclasses.replace(delta, text="other") == AnswerDelta("m1", "other")
    assert pickle.loads(pickle.dumps(delta)) == delta
    assert repr(delta) == "AnswerDelta(coze_message_id='m1', text='text', reasoning='')"
    with pytest.raises(dataclasses.FrozenInstanceError):
        delta.text = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        AnswerDelta("m1")  # type: ignore[call-arg]
