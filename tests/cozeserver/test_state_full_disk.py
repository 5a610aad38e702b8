"""The local server's state file on a disk that is full for a moment (tests/small_disk.py): the chat that could not
be written is refused (5000) and leaves nothing behind, so once there is room again the conversation goes on. Before,
the refused chat stayed "in progress" in the server's memory and every later chat there got 4016 (conversation
occupied) until the process ended: the window's demo chat was stuck until a restart."""

from __future__ import annotations

import pytest

from desktop.core.coze import CozeError
from desktop.core.cozeserver import CozeServer
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
