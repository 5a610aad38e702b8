"""The local server's state file on a disk that is full for a moment (tests/small_disk.py): the chat that could not
be written is refused (5000) and leaves nothing behind, so once there is room again the conversation goes on. Before,
the refused chat stayed "in progress" in the server's memory and every later chat there got 4016 (conversation
occupied) until the process ended: the window's demo chat was stuck until a restart."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest

from desktop.core.coze import CozeError
from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer
from desktop.core.cozeserver.records import StartedChat
from desktop.core.cozeserver.state import State
from desktop.core.cozeserver.state_file import StateFile
from desktop.core.cozeserver.wire import Usage
from tests.cozeserver.test_state_file import say
from tests.small_disk import SmallDisk, needs_root


@needs_root
def test_a_chat_refused_for_a_full_disk_does_not_occupy_its_conversation(disk: SmallDisk) -> None:
    with CozeServer(state_path=disk.mount / "demo-server.json") as server:
        conversation, _ = say(server, "My name is Ada")
        disk.fill()
        with pytest.raises(CozeError) as refused:
            say(server, "hello while the disk is full", conversation)
        assert refused.value.code == 5000
        disk.free()
        _, answer = say(server, "What is my name?", conversation)
    assert "Ada" in answer


def _finish(state: State, started: StartedChat) -> None:
    state.finish_chat(started.handle, [], Usage(0, 0))


def _fail(state: State, started: StartedChat) -> None:
    state.fail_chat(started.handle, 5000, "failed")


def _require_action(state: State, started: StartedChat) -> None:
    state.require_action(started.handle, {"id": "m", "chat_id": started.handle.chat_id}, {"type": "tool"})


def _cancel(state: State, started: StartedChat) -> None:
    state.cancel_chat(started.handle.conversation_id, started.handle.chat_id)


def _client_left(state: State, started: StartedChat) -> None:
    state.end_stream(started.handle)


def _start(state: State, conversation: str) -> StartedChat:
    return state.start_chat(bot_id=DEMO_BOT_ID, conversation_id=conversation, additional=[], meta_data=None, save=True)


@needs_root
@pytest.mark.parametrize("settle", [_finish, _fail, _require_action, _cancel, _client_left])
def test_a_chat_that_ended_while_the_disk_was_full_frees_its_conversation_for_every_process(
    disk: SmallDisk, settle: Callable[[State, StartedChat], None]
) -> None:
    """A chat that ends (completed, failed, waiting for tool outputs, canceled, its client gone) while its end cannot
    be written leaves its conversation free for every process serving the file, and for itself once another process
    wrote the file. Before, the file kept naming the chat as running by a live process: another process (`ask`) got
    4016 until this one ended, and this one too once it read the file again."""
    path = disk.mount / "demo-server.json"
    window = State(StateFile(path))
    try:
        conversation = window.create_conversation(DEMO_BOT_ID, {})["id"]
        started = _start(window, conversation)
        disk.fill()
        with contextlib.suppress(OSError):  # (whether the end's failed save is told is not the point here)
            settle(window, started)
        disk.free()
        ask = State(StateFile(path))  # another process's server on the same file (its own owner locks)
        try:
            asked = _start(ask, conversation)  # 4016 before
            ask.end_stream(asked.handle)  # written: the window reads the file again next
        finally:
            ask.close()
        again = _start(window, conversation)  # 4016 before: its own ended chat came back as running
        window.end_stream(again.handle)
    finally:
        window.close()
