"""The composition root: builds the services and the window and wires them. Everything long-lived is
created here and handed down; nothing else creates services, save what the process needs around it
before and after (one instance per profile, crash reports, quitting on a signal: desktop/launch.py,
which runs the event loop)."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtWidgets import QApplication

from desktop.core.attachments.copies import LocalCopies
from desktop.core.chat.targets import key_of, saved_parameters
from desktop.core.images.cache import ImageCache
from desktop.core.logs import RedactingFilter
from desktop.core.profile import Profile
from desktop.core.secrets import TokenStore, TokenStoreError
from desktop.core.settings import Overrides, Settings
from desktop.core.store import Store
from desktop.services.account import AccountService
from desktop.services.bots import BotService
from desktop.services.chat_controller import ChatController
from desktop.services.demo import DemoBackend
from desktop.services.destinations import Destinations
from desktop.services.draft import DraftKeeper
from desktop.services.gui_collector import GuiThreadCollector
from desktop.services.history import HistoryService
from desktop.services.idle_trim import IdleTrim
from desktop.services.images import ImageLoader
from desktop.services.keyring_loader import KeyringLoader
from desktop.services.local_pictures import LocalPictures
from desktop.services.quit_losses import QuitLosses
from desktop.services.search_indexer import SearchIndexer
from desktop.services.store_writes import QUIT_BUSY_TIMEOUT_MS, WINDOW_BUSY_TIMEOUT_MS
from desktop.services.sync import SyncService
from desktop.services.tasks import TaskRunner
from desktop.services.unfinished_moves import UnfinishedMoves
from desktop.services.uploads import Uploads
from desktop.ui.chat.images import InlineImages
from desktop.ui.chat.media_actions import ChatMedia
from desktop.ui.chat.thumbnails import Thumbnails
from desktop.ui.draft_upload import DraftUpload
from desktop.ui.drop_target import WindowDropTarget
from desktop.ui.i18n import install_translators
from desktop.ui.icons import app_icon
from desktop.ui.language_switch import LanguageSwitch
from desktop.ui.main_window import MainWindow
from desktop.ui.quit_question import CloseGuard, QuitChoice, ask_before_quit
from desktop.ui.session_notices import SessionNotices
from desktop.ui.sync_actions import SyncActions
from desktop.ui.theme import apply_theme
from desktop.ui.unsaved_answers import offer_to_save
from desktop.ui.window_front import bring_to_front
from desktop.ui.write_problems import WriteProblemNotice

log = logging.getLogger(__name__)

QUIT_BUDGET_MS = 2000


class DesktopApp:
    """The running app: settings, token, demo backend, services and the window."""

    def __init__(self, qapp: QApplication, profile: Profile, store: Store, redactor: RedactingFilter) -> None:
        self.collector = GuiThreadCollector()  # cycles are freed on this thread, never a worker's: first, before any
        self.collector.start()  # thread starts
        self.qapp = qapp
        self.profile = profile
        self.store = store
        self.settings = Settings.load(profile.settings_path)
        if self.settings.ensure_user_id():
            self.save_settings()
        self.language = install_translators(qapp, self.settings.language)
        apply_theme(qapp, self.settings.theme)
        self.tasks = TaskRunner()
        self.demo = DemoBackend(self.language, state_path=profile.demo_state_path)
        tokens = TokenStore()
        self.destinations = Destinations(
            lambda: self.settings, Overrides.from_environment(), tokens, redactor, self.demo
        )
        self.account = AccountService(self.tasks, tokens)
        self.keyring = KeyringLoader(tokens, self.tasks)  # loaded off the GUI thread when Settings first needs it
        self.history = HistoryService(store)
        self.bots = BotService(store.bots, self.tasks, profile.path / "bot-icons")
        self.chats = ChatController(
            store, self.destinations.connection_for, missing_credential=self.destinations.missing_credential
        )
        self.history.outside.ignore_writer(self.chats.ends.writer.data_version)  # its saves are not another process's
        self.window = MainWindow(
            self.history,
            self.chats,
            self.bots,
            language=self.language,
            bot_for_new_chat=self.destinations.bot_for_new_chat,
            bot_choices=lambda: self.demo.choices() if self.destinations.demo_mode else list(self.settings.bot_ids),
            is_demo=lambda: self.destinations.demo_mode,
            is_demo_target=self.destinations.serves_demo,
            log_dir=profile.logs_dir,
            api_base=lambda: self.destinations.api_base,
        )
        self.window.setWindowIcon(app_icon())
        self.notices = SessionNotices(self.window)
        self.language_switch = LanguageSwitch(qapp, self.window)
        self.write_problems = WriteProblemNotice(self.window)  # read-only, busy, disk full: said, never raised
        self.history.writes.problem.connect(self.write_problems.show)
        self.chats.writes.problem.connect(self.write_problems.show)
        store.set_busy_timeout(WINDOW_BUSY_TIMEOUT_MS)  # a write held up by another process retries, never freezes
        self._wire_sync(profile)
        self.window.settingsRequested.connect(self.open_settings)
        self.window.demoRequested.connect(self.start_demo)
        self.window.presenter.botChosen.connect(self.remember_bot)
        self.window.presenter.currentChanged.connect(self.remember_current)
        self.window.closing.connect(self.save_window_state)
        CloseGuard(self.window, self.may_quit)  # answers not saved: asked while the window is still there
        self._losses_decided = False
        self.window.set_font_size(self.settings.font_size)  # (0: the base size)
        self.idle_trim = IdleTrim(self.chats, (self.window.presenter.currentChanged, self.history.transfers.finished))
        self.images = ImageLoader(ImageCache(profile.image_cache_dir))
        self.pictures = InlineImages(self.images, self.window)
        self.pictures.enabled = self.settings.load_images
        self.chats.copies = LocalCopies(profile.attachments_dir)
        self.moves = UnfinishedMoves(profile.path, store, self.chats, self.tasks)  # a cut-short regenerate
        self.indexer = SearchIndexer(store, self.chats, self.tasks)  # finished answers indexed on a worker (#21)
        self.local_pictures = LocalPictures(self.chats.copies)  # questions' pictures, from their local copies
        thumbnails = Thumbnails(self.local_pictures, self.window)
        self.window.chat.view.set_media(ChatMedia(self.pictures, self.tasks, self.window, thumbnails=thumbnails))
        self.chats.parameters_for = lambda key: saved_parameters(self.settings.chatflow_parameters).get(key, {})
        self.window.chat.composer.copies = self.chats.copies
        self.draft = DraftKeeper(
            profile, self.window.chat.composer, self.window.presenter, self.history, tasks=self.tasks
        )  # one draft per chat; its files' contents are hashed on self.tasks
        self.history.copies = self.chats.copies
        self.history.held = self.draft.held_hashes  # a chat deleted takes no copy a draft's file still needs
        self.history.after_reads = self.window.chat.composer.after_reads  # nor one still being read in
        self.uploads = Uploads(self.window)
        self.window.presenter.upload = DraftUpload(self.window.chat.composer, self.uploads, self.language, self.window)
        WindowDropTarget(self.window, self.window.chat.composer)  # files dropped anywhere on the window

    def _wire_sync(self, profile: Profile) -> None:
        """Coze's copy of the chats: pulled on a worker (Coze menu, at start, on open); renames and deletes pushed."""
        bots = lambda: [self.demo.bot_id] if self.destinations.demo_mode else list(self.settings.bot_ids)  # noqa: E731
        self.sync = SyncService(
            profile.database_path, self.destinations.connection_for, bots, self.tasks, auto=self.settings.auto_sync
        )
        self.sync_ui = SyncActions(self.window, self.sync, self.history, self.chats, self.language)
        self.sync_ui.autoChanged.connect(self._save_auto_sync)

    def _save_auto_sync(self, on: bool) -> None:
        self.settings.auto_sync = on
        self.save_settings()

    def remember_bot(self, bot_id: str) -> None:
        """A bot chosen in the header: new chats start with it from now on; fetch its info if stale."""
        self.settings.last_bot_id = bot_id
        self.save_settings()
        self._refresh_bot(bot_id)

    # -- start-up ---------------------------------------------------------------------------------

    def start(self, demo: bool) -> None:
        self.window.restore_state(
            self.settings.window_geometry, self.settings.splitter_state, self.settings.sidebar_hidden
        )
        self.window.show()
        last = self.history.conversations.get(self.settings.current_conversation or 0)
        configured = not demo and self.destinations.configured()  # --demo needs no keyring (#21)
        left_in_demo = last is not None and self.demo.owns(key_of(last))
        if demo:
            self.start_demo(last.id if last is not None and left_in_demo else None)  # its chat left open, or a new one
        elif last is not None and left_in_demo and not configured:
            self.start_demo(last.id)  # where the user left off: the demo chat too
        elif configured:
            if last is not None:
                self.window.open_conversation(last.id)
            else:
                self.window.new_chat()
            self._refresh_bot()
            self.notices.pat_expiry(self.destinations.pat_days_left())
        else:
            self.window.show_welcome(True)
            self.notices.token_gone(self.language, self.destinations.token_gone())
        # The demo chats without a token: an ignored variable is nothing to it (Settings → Connection still says it).
        self.notices.env_token_ignored(self.destinations.overrides.token_set_empty and not self.destinations.demo_mode)
        if self.store.recovered_from is not None:
            self.notices.history_recovered(self.store.recovered_from, self.store.salvaged)
        if (configured or demo) and not self.store.read_only:
            self.sync.sync_if_due()

    def _welcome_unless_configured(self) -> None:
        """Settings closed and still nothing to chat with: back to the welcome page, never a dead end. A demo
        chat left open (opened from the list, outside demo mode) still has its bot: it stays."""
        if self.destinations.demo_mode or self.destinations.configured():
            return
        current = self.history.conversations.get(self.window.current_conversation or 0)
        if current is None or not self.demo.owns(key_of(current)):
            self.window.show_welcome(True)

    def start_demo(self, conversation_id: int | None = None) -> None:
        self.destinations.demo_mode = True
        if conversation_id is None:
            self.window.new_chat()
        else:
            self.window.open_conversation(conversation_id)
        for key in self.demo.choices():
            self.bots.refresh(self.demo.connection(self.settings.user_id, key), force=True)

    def _refresh_bot(self, bot_id: str | None = None) -> None:
        bot_id = bot_id or self.destinations.bot_for_new_chat()  # by default the bot a new chat starts with
        if connection := self.destinations.connection_for(bot_id) if bot_id else None:
            self.bots.refresh(connection)

    # -- settings ---------------------------------------------------------------------------------

    def open_settings(self) -> None:
        if not self.keyring.ready():  # a click while the keyring loads, or the app quit meanwhile
            return
        from desktop.ui.settings_dialog import SettingsDialog  # its five pages: not imported at start (#21)

        token = self.destinations.saved_pat(self.settings.api_base)
        dialog = SettingsDialog(
            self.settings,
            token,
            self.destinations.tokens.problem,
            self.destinations.overrides,
            self.bots.test,
            self.bots.names(),
            self.window,
            account=self.account,
        )
        if not dialog.exec():
            self._welcome_unless_configured()
            return
        new, token_value = dialog.result_settings(), dialog.result_token().strip()
        self.bots.remember_names(dialog.result_bot_names())  # the header's chooser names them at once
        self.apply_settings(new, token_value, previous_token=token, session_only=dialog.result_session_only())

    def apply_settings(
        self, new: Settings, token_value: str, *, previous_token: str | None, session_only: bool = False
    ) -> None:
        """Save what the Settings dialog returned: the token to the keyring only, the rest to the profile."""
        try:
            self.destinations.save_token(new.api_base, token_value, previous=previous_token, session_only=session_only)
        except TokenStoreError as exc:
            self.notices.token_not_saved(str(exc))
        language_changed = new.language != self.settings.language
        self.settings = replace(
            new,
            user_id=self.settings.user_id,
            window_geometry=self.settings.window_geometry,
            splitter_state=self.settings.splitter_state,
            sidebar_hidden=self.settings.sidebar_hidden,
            current_conversation=self.settings.current_conversation,
        )
        self.save_settings()
        apply_theme(self.qapp, self.settings.theme)
        self.window.set_font_size(self.settings.font_size)
        if self.pictures.enabled != self.settings.load_images:
            self.pictures.enabled = self.settings.load_images
            self.window.chat.view.set_media(self.window.chat.view.media)
        if language_changed:
            self.language = self.language_switch.switch(self.settings.language)  # at once, no restart
            self.demo.set_language(self.language)
            if self.demo.running:  # the demo bot's name and prologue in the new language
                for key in self.demo.choices():
                    self.bots.refresh(self.demo.connection(self.settings.user_id, key), force=True)
        self.notices.pat_expiry(self.destinations.pat_days_left())
        if self.destinations.configured():
            self.destinations.demo_mode = False
            self.window.show_welcome(False)
            self.window.refresh()
            self._refresh_bot()
        else:
            self._welcome_unless_configured()

    def bring_to_front(self, token: str = "") -> None:
        """Another start with this profile asked for the window: in front, its size and state kept."""
        bring_to_front(self.window, token)

    def send_handed_over(self, texts: list[str]) -> bool:
        """Another start with this profile was given texts to send (`--send`): each in a new chat of its own, as
        that start would have done, not through the message box (the new chat's unsent draft, its words and
        files, stays as it is); False (not all sent) when the history is read-only or there is no bot. A blank text
        (`--send ""`) is nothing to send, as in the message box: no chat is made for it."""
        texts = [text for text in texts if text.strip()]
        if not texts:
            return True
        bot_id = self.window.presenter.bot_for_new_chat()
        if self.store.read_only or bot_id is None:
            log.warning("a hand-over of %d text(s) refused: read-only or no bot", len(texts))
            return False
        for text in texts:
            conversation = self.history.new_conversation(bot_id)
            if conversation is None or not self.chats.send(conversation.id, text):
                return False
            self.window.open_conversation(conversation.id)
        return True

    # -- quitting ---------------------------------------------------------------------------------

    def save_settings(self) -> None:
        """Save the settings; a profile that cannot be written (read-only) keeps them for this run."""
        try:
            self.settings.save(self.profile.settings_path)
        except OSError as exc:
            log.warning("settings not saved: %s", exc)

    def remember_current(self, conversation_id: int | None) -> None:
        """Where the user is, on disk at once: a crash or kill -9 must not land the next start on the welcome page."""
        if conversation_id and conversation_id != self.settings.current_conversation:
            self.settings.current_conversation = conversation_id
            self.save_settings()

    def save_window_state(self) -> None:
        geometry, splitter, sidebar_hidden = self.window.save_state()
        self.settings.window_geometry, self.settings.splitter_state = geometry, splitter
        self.settings.sidebar_hidden = sidebar_hidden
        self.settings.current_conversation = self.window.current_conversation or 0
        self.save_settings()

    def may_quit(self) -> bool:
        """Before the window closes: answers the history refused are asked about (stay, retry, save, let go)."""
        losses = QuitLosses(self.chats, QUIT_BUDGET_MS)
        if self._losses_decided or not losses.answers():
            return True
        choice = ask_before_quit(self.window, losses)
        self._losses_decided = choice is QuitChoice.DECIDED
        return choice is not QuitChoice.STAY

    def shutdown(self) -> bool:
        """Stop streams (recording what arrived), wait for threads within the quit budget, close all."""
        self.store.set_busy_timeout(QUIT_BUSY_TIMEOUT_MS)  # the last writes may wait a little for the lock
        threads_done = self.chats.shutdown(QUIT_BUDGET_MS) and self.sync.shutdown(500)
        unsaved = self.chats.unsaved.answers()  # refused as the streams stopped (and never asked about): a file?
        if unsaved and not self._losses_decided:
            offer_to_save(None, unsaved)
        self.account.cancel()  # a sign-in waiting for the browser stops polling
        self.images.shutdown()
        self.local_pictures.shutdown()
        waits = [self.tasks.shutdown(500), self.uploads.shutdown(500), self.window.chat.composer.shutdown(500)]
        tasks_done = self.history.shutdown(2000) and all(waits)  # history: an export or import still running
        self.draft.flush()
        self.window.detach()
        self.history.writes.flush()  # a change still waiting for a busy history: one last try
        self.store.close()
        self.demo.stop()
        self.collector.stop()
        return threads_done and tasks_done
