"""A chat whose client left mid-stream (the window closed its connection, a dropped network) frees its
conversation for every process serving the state file, not only in the process that ran it: the state file
keeps which chat streams where (961468f), so its end is written there too. Before, `end_stream` freed the
conversation in memory only: the file still named the chat as running, by a live process, so `ask` in another
process got 4016 for as long as the window ran, and so did the window itself once another process had written
the file (it read the file again and took its own finished chat for a running one)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer, Scenario
from desktop.core.cozeserver.state import State
from desktop.core.cozeserver.state_file import StateFile
from tests.cozeserver.rawhttp import RawConnection, chat_body, wait_until
from tests.cozeserver.test_state_file import say


def test_a_chat_whose_client_left_frees_its_conversation_for_every_process(tmp_path: Path) -> None:
    path = tmp_path / "demo_state.json"
    with CozeServer(pace=0, state_path=path) as window:
        conversation, _ = say(window, "My name is Ada")
        window.queue(Scenario("stall", after_deltas=1, seconds=30))
        with RawConnection(window.port) as stream:  # the window's answer: its client leaves after one delta
            stream.send("POST", f"/v3/chat?conversation_id={conversation}", chat_body("Tell me a long story"))
            assert stream.read_head().status == 200 and stream.read_chunk() is not None
        wait_until(lambda: window.open_streams == 0)
        other = State(StateFile(path))  # `ask`'s own server on the same file (its own owner lock)
        try:
            started = other.start_chat(  # 4016 before: the file said the window's chat still ran
                bot_id=DEMO_BOT_ID, conversation_id=conversation, additional=[], meta_data=None, save=True
            )
            other.end_stream(started.handle)  # its client left too: the window reads the file again next
        finally:
            other.close()
        _conversation, answer = say(window, "And now?", conversation)  # 4016 before: its own left chat came back
        assert answer
