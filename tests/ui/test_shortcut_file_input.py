"""#19 gap: a shortcut command's file input (coze-js `ShortcutCommandComponent` type "file"): the form picks a
file, checks and keeps it as an attachment, it is uploaded before the chat, and the command names it as
coze-js sends it (`parameters: {name: JSON of {"type":"image","file_id":…}}`, `handleParameters`). The
demo bot's /look describes the file it got. Window, worker, local Coze server."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.attachments.copies import LocalCopies
from desktop.core.coze.shortcuts import parse_commands
from desktop.core.cozeserver.demo_shortcuts import LOOK_ID
from desktop.core.shortcut_use import ShortcutUse
from desktop.core.store.transfer import export_json
from tests.coze_fixtures import BOT
from tests.images import image_bytes
from tests.ui.test_shortcut_commands import answered, chat_requests, with_commands
from tests.ui.window_harness import Harness


def open_look_form(harness: Harness, tmp_path: Path) -> object:
    with_commands(harness)
    harness.window.chat.composer.copies = LocalCopies(tmp_path / "attachments")
    commands = parse_commands(harness.store.bots.get(BOT).shortcut_commands)  # type: ignore[union-attr]
    harness.window.chat.composer.shortcuts.choose(next(c for c in commands if c.id == LOOK_ID))
    form = harness.window.chat.composer.shortcuts.form
    assert form is not None
    return form


def test_a_file_input_uploads_the_chosen_picture_and_sends_it_as_coze_js_does(
    qtbot: QtBot, harness: Harness, tmp_path: Path
) -> None:
    form = open_look_form(harness, tmp_path)
    picture = tmp_path / "kitten.png"
    picture.write_bytes(image_bytes("PNG", 120, 90, "#c04080"))
    assert form.choose_file("file", picture)  # type: ignore[attr-defined]
    assert "kitten.png" in form.file_labels["file"].text()  # type: ignore[attr-defined]
    uploads = len([r for r in harness.server.requests if r.path == "/v1/files/upload"])
    form.send_button.click()  # type: ignore[attr-defined]
    conversation = answered(qtbot, harness)

    assert len([r for r in harness.server.requests if r.path == "/v1/files/upload"]) == uploads + 1
    [file_id] = harness.server.uploads.ids()
    sent = chat_requests(harness)[-1]
    assert sent["shortcut_command"] == {
        "command_id": LOOK_ID,
        "parameters": {"file": '{"type":"image","file_id":"' + file_id + '"}'},
    }
    messages = harness.store.messages.all(conversation)
    answer = next(m for m in messages if m.type == "answer")
    assert "kitten.png" in answer.content and "120 × 90" in answer.content  # the bot got the picture
    items = harness.window.chat.view._model.items()
    assert items[0].shortcut == "/look · file: kitten.png"  # shown by name, never as JSON
    stored = ShortcutUse.from_json(messages[0].shortcut)
    assert stored is not None and stored.file_components == ("file",)
    assert "parameters" not in stored.to_wire()  # asked again without the file: never its name as the value
    exported = export_json(harness.store, conversation)["conversations"][0]["messages"]
    assert exported[0]["shortcut"]["parameters"] == {"file": "kitten.png"}
    assert (tmp_path / "attachments").is_dir() and len(list((tmp_path / "attachments").iterdir())) == 1


def test_a_file_of_the_wrong_type_is_refused_in_the_form(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    form = open_look_form(harness, tmp_path)
    fake = tmp_path / "photo.png"
    fake.write_bytes(b"%PDF-1.4 not a picture")
    assert not form.choose_file("file", fake)  # type: ignore[attr-defined]
    assert form.problem.isVisibleTo(form) and "photo.png" in form.problem.text()  # type: ignore[attr-defined]
    assert form.files == {}  # type: ignore[attr-defined]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert not form.choose_file("file", empty)  # type: ignore[attr-defined]
    assert "empty.txt" in form.problem.text()  # type: ignore[attr-defined]


def test_without_a_file_the_command_runs_with_the_bot_s_default(qtbot: QtBot, harness: Harness, tmp_path: Path) -> None:
    form = open_look_form(harness, tmp_path)
    form.send_button.click()  # type: ignore[attr-defined]
    answered(qtbot, harness)
    assert chat_requests(harness)[-1]["shortcut_command"] == {"command_id": LOOK_ID}
    assert not json.dumps(chat_requests(harness)[-1]).count("file_id")


def test_typing_a_command_s_name_picks_it_before_one_whose_description_matches(qtbot: QtBot, harness: Harness) -> None:
    with_commands(harness)
    composer = harness.window.chat.composer
    qtbot.keyClicks(composer.edit, "/look")  # /docs says "Look the answer up…": it matches too
    assert [c.command for c in composer.shortcuts.menu.shown_commands()] == ["/look", "/docs"]
    assert composer.shortcuts.menu.current().command == "/look"  # type: ignore[union-attr]
