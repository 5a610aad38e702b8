"""The message box's unsent text and attached files, one draft per chat, kept in <profile>/drafts.json:
written a second after typing (or attaching) stops, when the shown chat changes and at quit, read back at
start. Switching chats puts away the draft of the chat left and brings back the one of the chat shown (a
new chat has its own, empty at first); closing the window, a crash or a kill -9 loses none of them.
Sending empties the chat's draft.

An attached file is kept as its copy in the profile (attachments/<sha256>) and its Coze file_id if it went
already: after a restart it is back while that copy exists with its size (core/attachments/held.py); its
content is hashed after, off the window's thread (about 1 s per 512 MB: hashed at start, a few big files
held the window's start for seconds), and a file whose copy no longer has the content it was attached with
is then taken out of its draft, and off the box if its chat is shown; until the check reports, a Send with
such a file waits for it. A file not brought back (its copy gone, unreadable or changed) is said under the box
in its chat, at once if shown, else when it is shown. A file still being
read when the chat changes goes to the draft of the chat it was attached in. drafts.json holds a chat's
text alone as a string (as earlier versions wrote it), text and files as {"text": …, "files": […]}.

drafts.json keeps at most MAX_MESSAGE_CHARS of a draft's text (core/message_size.py: a longer paste goes in
as a file, and a longer draft an earlier version kept is cut there when read), so it stays small; while the
app runs a draft typed past that stays whole. A draft that
cannot be written (a full or read-only disk) stays in the box; the log says why, never what the text is.
The single draft of earlier versions (<profile>/draft.txt) goes to the first chat shown after
the update, then the file is removed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Collection
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, SignalInstance

from desktop.core.attachments.held import HeldFile, gone, held_from_json, held_to_json, unchanged
from desktop.core.attachments.local import LocalFile
from desktop.core.files import atomic_write
from desktop.core.message_size import MAX_MESSAGE_CHARS
from desktop.core.profile import Profile

log = logging.getLogger(__name__)

SAVE_AFTER_MS = 1000  # after the last keystroke: a pause in typing, not every key
NEW_CHAT = "new"  # the key of a chat not created yet (its first message creates it)


class HeldFiles(Protocol):
    """The box's attached files (the Composer's AttachmentChips): one chat's, `owner`'s."""

    changed: SignalInstance
    readAway: SignalInstance  # (owner, LocalFile): read after the box moved on to another chat
    owner: str

    def held(self) -> list[HeldFile]: ...

    def hold(self, owner: str, files: list[HeldFile]) -> None: ...

    def forget(self, owner: str) -> None: ...

    def withdraw(self, files: Collection[LocalFile]) -> None: ...

    def check(self, files: Collection[LocalFile]) -> None: ...

    def checked(self, changed: Collection[LocalFile]) -> None: ...

    def dropped(self, owner: str, names: list[str], *, changed: bool) -> None: ...


class DraftBox(Protocol):
    """The message box as the keeper sees it (the window's Composer)."""

    text_changed: SignalInstance

    @property
    def chips(self) -> HeldFiles: ...

    def text(self) -> str: ...

    def set_text(self, text: str) -> None: ...


class ShownChat(Protocol):
    """Which chat the box belongs to (the window's ConversationPresenter)."""

    currentChanged: SignalInstance  # (conversation id or None for a new chat)
    conversationCreated: SignalInstance  # (conversation id): the new chat's first message created it


class Deletions(Protocol):
    """Where chats are deleted (the HistoryService): a deleted chat's draft goes too."""

    conversationDeleted: SignalInstance  # (conversation id)


class Background(Protocol):
    """Where a draft's files are hashed (the app's TaskRunner): `on_done` is called on the GUI thread."""

    def submit(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[Exception], None] | None = None
    ) -> int: ...


class DraftKeeper(QObject):
    """Keeps each chat's unsent text as the box shows chats; `flush()` at quit, `forget(id)` for a deleted chat."""

    def __init__(
        self,
        profile: Profile,
        box: DraftBox,
        chat: ShownChat,
        history: Deletions | None = None,
        parent: QObject | None = None,
        *,
        tasks: Background | None = None,
    ) -> None:
        super().__init__(parent)
        if tasks is None:
            from desktop.services.tasks import TaskRunner  # (the app passes its own)

            tasks = TaskRunner(self, max_threads=1)
        self._path = profile.drafts_path
        self._legacy = profile.draft_path
        self._box = box
        self._drafts: dict[str, str] = {}
        self._files: dict[str, list[HeldFile]] = {}
        self._gone: dict[str, list[str]] = {}  # the names of the files not brought back, by chat (said there)
        cut = self._load()
        for key, names in self._gone.items():
            box.chips.dropped(key, names, changed=False)
        cut = cut or bool(self._gone)  # (rewritten now: not said again at the next start)
        self._saved = {} if cut else self._state()  # what the file holds (a draft cut when read: rewritten now)
        self._key: str | None = None  # the chat the box's text belongs to; None until one is shown
        self._created: str | None = None  # the new chat just created: its draft moves, the box keeps it
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.save)
        box.text_changed.connect(self.changed)
        box.chips.changed.connect(self.changed)
        box.chips.readAway.connect(self._read_away)
        chat.currentChanged.connect(self.shown)
        chat.conversationCreated.connect(self._created_by_sending)
        if history is not None:
            history.conversationDeleted.connect(self.forget)
        if cut:
            self.save()
        loaded = [file for files in self._files.values() for file, _ in files]
        if loaded:  # until it reports, a Send with one of them waits for it (Composer.send_after_check)
            box.chips.check(loaded)
            tasks.submit(lambda: _changed(loaded), self._drop_changed, lambda exc: self._check_failed(loaded, exc))

    def draft(self, conversation_id: int | None) -> str:
        key = _key(conversation_id)
        return self._box.text() if key == self._key else self._drafts.get(key, "")

    def shown(self, conversation_id: int | None) -> None:
        """The box now belongs to this chat: keep the text of the one left, show this one's."""
        key, created = _key(conversation_id), self._created
        self._created = None
        if key == self._key:
            return
        if self._key is None:  # the first chat shown since start: it gets the draft of an earlier version
            self._key = key
            legacy = self._read_legacy()
            if legacy:
                self._drafts[key] = legacy
            self._box.set_text(self._drafts.get(key, ""))
            self._box.chips.hold(key, self._files.get(key, []))
            if legacy and self.save():
                self._remove_legacy()
            return
        if key == created:  # sending created it: the text is its question, the box empties once it is sent
            self._drafts.pop(self._key, None)
            self._files.pop(self._key, None)
            self._key = self._box.chips.owner = key
            self.changed()
            return
        self._keep(self._key, self._box.text(), self._box.chips.held())
        self._key = key
        self._box.set_text(self._drafts.get(key, ""))
        self._box.chips.hold(key, self._files.get(key, []))
        self._timer.stop()
        self.save()

    def _created_by_sending(self, conversation_id: int) -> None:
        self._created = str(conversation_id)

    def _read_away(self, owner: str, file: LocalFile) -> None:
        """A file attached in a chat the box has left is read now: it waits in that chat's draft."""
        files = self._files.setdefault(owner, [])
        if all((held.sha256, held.name) != (file.sha256, file.name) for held, _ in files):
            files.append((file, ""))
            self.changed()

    def _drop_changed(self, report: tuple[list[LocalFile], list[LocalFile]]) -> None:
        """The files brought back at start whose copies no longer have their content (changed, or gone since):
        they cannot be sent; each is said in its chat (now in the one shown, else when it is shown), a copy gone
        as gone. The others can be sent now."""
        chips = self._box.chips
        changed, lost = report
        if changed:
            log.warning(
                "%d file(s) of the unsent drafts changed or gone since they were attached: taken out", len(changed)
            )
            drafts = {**self._files, self._key: chips.held()} if self._key is not None else self._files
            for key, files in drafts.items():
                for was_changed in (True, False):
                    names = [file.name for file, _ in files if file in changed and (file not in lost) == was_changed]
                    if names:
                        chips.dropped(key, names, changed=was_changed)
            for key in list(self._files):
                self._files[key] = [held for held in self._files[key] if held[0] not in changed]
                if not self._files[key]:
                    del self._files[key]
        chips.checked(changed)
        if changed:
            self.save()

    def _check_failed(self, loaded: list[LocalFile], exc: Exception) -> None:
        """A bug in the check: none of them is known to be unchanged, so none can be sent (a Send must not wait on)."""
        log.error("the check of the unsent drafts' files failed", exc_info=exc)
        self._drop_changed((loaded, loaded))  # (said as "cannot be read")

    def held_hashes(self) -> set[str]:
        """The copies the drafts' files need (deleting a chat must leave them: HistoryService.delete)."""
        shown = self._box.chips.held() if self._key is not None else []
        return {file.sha256 for files in [*self._files.values(), shown] for file, _ in files}

    def forget(self, conversation_id: int) -> None:
        """The chat was deleted: its draft goes with it, and a file still being read for it goes nowhere."""
        key = _key(conversation_id)
        self._box.chips.forget(key)
        text, files = self._drafts.pop(key, None), self._files.pop(key, None)  # both: a draft has text and files
        if text is not None or files is not None:
            self.save()

    def changed(self) -> None:
        self._timer.start()

    def flush(self) -> None:
        """Write what is waiting now (at quit)."""
        if self._timer.isActive():
            self._timer.stop()
            self.save()

    def save(self) -> bool:
        if self._key is not None:
            self._keep(self._key, self._box.text(), self._box.chips.held())
        state = self._state()
        if state == self._saved:
            return True
        try:
            if state:
                with atomic_write(self._path) as out:
                    out.write(json.dumps(state, ensure_ascii=False))
            else:
                self._path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("the unsent drafts could not be kept: %s", exc.strerror or exc)
            return False
        self._saved = state
        return True

    def _keep(self, key: str, text: str, files: list[HeldFile]) -> None:
        if text:  # whole while the app runs (typed past a paste's limit: nothing lost); cut when written
            self._drafts[key] = text
        else:
            self._drafts.pop(key, None)
        if files:
            self._files[key] = files
        else:
            self._files.pop(key, None)

    def _state(self) -> dict[str, object]:
        """drafts.json as it would be written: a chat's text alone as a string, with files as an object."""
        state: dict[str, object] = {key: text[:MAX_MESSAGE_CHARS] for key, text in self._drafts.items()}
        for key, files in self._files.items():
            text = self._drafts.get(key, "")[:MAX_MESSAGE_CHARS]
            state[key] = {"text": text, "files": [held_to_json(held) for held in files]}
        return state

    def _load(self) -> bool:
        """Read drafts.json; True when a draft longer than a message was cut."""
        try:
            value = json.loads(self._path.read_bytes().decode("utf-8", errors="replace"))
        except FileNotFoundError:
            return False
        except (OSError, ValueError) as exc:
            log.warning("the unsent drafts could not be read: %s", getattr(exc, "strerror", None) or exc)
            return False
        if not isinstance(value, dict):
            return False
        cut = False
        for key, draft in value.items():
            text = draft.get("text") if isinstance(draft, dict) else draft
            if isinstance(text, str) and text:
                self._drafts[str(key)] = text[:MAX_MESSAGE_CHARS]
                cut = cut or len(text) > MAX_MESSAGE_CHARS
            entries = draft.get("files") if isinstance(draft, dict) else None
            files: list[HeldFile] = []
            for entry in entries if isinstance(entries, list) else []:
                held = held_from_json(entry)
                if held is not None:
                    files.append(held)
                elif isinstance(entry, dict) and isinstance(entry.get("name"), str):  # its copy is gone or unreadable
                    self._gone.setdefault(str(key), []).append(entry["name"])
            if files:  # (a file whose copy is gone cannot be sent: it is not brought back)
                self._files[str(key)] = files
        return cut

    def _read_legacy(self) -> str:
        try:
            return self._legacy.read_bytes().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return ""
        except OSError as exc:
            log.warning("the unsent draft could not be read: %s", exc.strerror or exc)
            return ""

    def _remove_legacy(self) -> None:
        try:
            self._legacy.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("the old draft file could not be removed: %s", exc.strerror or exc)


def _changed(files: list[LocalFile]) -> tuple[list[LocalFile], list[LocalFile]]:
    """Those of `files` whose copies no longer have the content they were attached with, and of them those whose
    copies are gone or unreadable (on a worker thread)."""
    changed = [file for file in files if not unchanged(file)]
    return changed, [file for file in changed if gone(file)]


def _key(conversation_id: int | None) -> str:
    return NEW_CHAT if conversation_id is None else str(conversation_id)
