"""The settings dialog: prefilled fields, URL validation, the token field, Test, and what it returns."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.core.coze import COZE_CN, COZE_COM, BotInfo, CozeError, ErrorKind, error_text
from desktop.core.settings import Overrides, Settings
from desktop.ui.settings_dialog import SettingsDialog

TOKEN = "pat_S3cretTokenValue0123456789"
NO_OVERRIDES = Overrides(token=None, api_base=None, bot_id=None)
KEYRING_PROBLEM = "no system keyring is available (install and unlock GNOME Keyring, KWallet or similar)"

OnDone = Callable[[BotInfo], None]
OnError = Callable[[Exception], None]


class FakeTestBot:
    """Records each call; answers at once (`answer`) or keeps the callbacks for later (`answer=None`)."""

    def __init__(self, answer: BotInfo | Exception | None = None) -> None:
        self.answer = answer
        self.calls: list[tuple[str, str, str]] = []
        self.pending: list[tuple[OnDone, OnError]] = []

    def __call__(self, api_base: str, token: str, bot_id: str, on_done: OnDone, on_error: OnError) -> None:
        self.calls.append((api_base, token, bot_id))
        if isinstance(self.answer, BotInfo):
            on_done(self.answer)
        elif isinstance(self.answer, Exception):
            on_error(self.answer)
        else:
            self.pending.append((on_done, on_error))


def make_dialog(
    qtbot: QtBot,
    settings: Settings | None = None,
    *,
    token: str | None = TOKEN,
    problem: str | None = None,
    overrides: Overrides = NO_OVERRIDES,
    test_bot: FakeTestBot | None = None,
    bot_names: dict[str, str] | None = None,
) -> SettingsDialog:
    dialog = SettingsDialog(
        settings or Settings(),
        token,
        problem,
        overrides,
        test_bot or FakeTestBot(),
        bot_names or {},
    )
    qtbot.addWidget(dialog)
    dialog.opened_urls = []  # type: ignore[attr-defined]
    dialog.open_url = dialog.opened_urls.append  # type: ignore[attr-defined]
    return dialog


def list_texts(dialog: SettingsDialog) -> list[str]:
    return [dialog.bots.list.item(row).text() for row in range(dialog.bots.list.count())]


def test_fields_are_prefilled_from_the_settings(qtbot: QtBot) -> None:
    settings = Settings(
        api_base=COZE_COM,
        bot_ids=["111", "222"],
        default_bot_id="222",
        theme="dark",
        language="zh_CN",
        font_size=14,
    )
    dialog = make_dialog(qtbot, settings, bot_names={"111": "Helper"})
    assert dialog.connection.region.currentData() == COZE_COM
    assert dialog.connection.token.text() == TOKEN
    assert list_texts(dialog)[0] == "Helper  ·  111"
    assert "222" in list_texts(dialog)[1] and "default" in list_texts(dialog)[1]
    assert dialog.appearance.theme_value() == "dark"
    assert dialog.appearance.language_value() == "zh_CN"
    assert dialog.appearance.font_size_value() == 14
    assert dialog.ok_button.isEnabled()
    assert dialog.result_settings() == settings  # nothing touched: the same values come back
    assert dialog.result_settings() is not settings


def test_a_custom_address_shows_the_url_field(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, Settings(api_base="http://127.0.0.1:8000/"))
    dialog.show()
    assert dialog.connection.region.currentText() == "Custom…"
    assert dialog.connection.url.isVisible()
    assert dialog.connection.url.text() == "http://127.0.0.1:8000"
    assert dialog.ok_button.isEnabled()
    dialog.connection.region.setCurrentIndex(0)
    assert not dialog.connection.url.isVisible()
    assert dialog.result_settings().api_base == COZE_CN


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://example.com", "Plain http is only allowed for this computer"),
        ("ftp://api.coze.cn", "This is not a web address"),
        ("", "Enter the API address"),
        ("http://[::1", "This is not a web address"),  # urllib's ValueError escaped per keystroke
        ("https://api.coze.cn:99999", "This is not a web address"),
        ("http://127.evil.example", "Plain http is only allowed for this computer"),  # a name, not an address
    ],
)
def test_an_invalid_address_disables_ok_with_a_message(qtbot: QtBot, url: str, problem: str) -> None:
    dialog = make_dialog(qtbot)
    dialog.show()
    dialog.connection.region.setCurrentIndex(dialog.connection.region.findText("Custom…"))
    dialog.connection.url.setText(url)
    assert not dialog.ok_button.isEnabled()
    assert dialog.connection.url_status.isVisible()
    assert problem in dialog.connection.url_status.text()
    dialog.done(QDialog.DialogCode.Accepted)  # Enter cannot get past it either
    assert dialog.isVisible()

    dialog.connection.url.setText("http://127.0.0.1:8000")
    assert dialog.ok_button.isEnabled()
    assert not dialog.connection.url_status.isVisible()
    assert dialog.result_settings().api_base == "http://127.0.0.1:8000"


def test_typing_an_ipv6_address_key_by_key_validates_every_prefix(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    dialog.show()
    dialog.connection.region.setCurrentIndex(dialog.connection.region.findText("Custom…"))
    dialog.connection.url.clear()
    QTest.keyClicks(dialog.connection.url, "http://[::1")
    assert not dialog.ok_button.isEnabled()
    assert "This is not a web address" in dialog.connection.url_status.text()
    QTest.keyClicks(dialog.connection.url, "]:8000")
    assert dialog.ok_button.isEnabled()
    assert dialog.result_settings().api_base == "http://[::1]:8000"


def test_the_eye_shows_and_hides_the_token(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    token = dialog.connection.token
    assert token.echoMode() == QLineEdit.EchoMode.Password
    dialog.connection.reveal.trigger()
    assert token.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.connection.reveal.toolTip() == "Hide the token"
    dialog.connection.reveal.trigger()
    assert token.echoMode() == QLineEdit.EchoMode.Password


def test_paste_takes_the_token_from_the_clipboard(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, token=None)
    QGuiApplication.clipboard().setText("  pat_from_clipboard \n")
    QTest.mouseClick(dialog.connection.paste, Qt.MouseButton.LeftButton)
    assert dialog.result_token() == "pat_from_clipboard"


def test_the_create_token_link_opens_the_regions_page(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    link = dialog.connection.create_link

    def activate() -> None:
        href = re.search(r'href="([^"]+)"', link.text())
        assert href is not None
        link.linkActivated.emit(href.group(1))

    activate()
    dialog.connection.region.setCurrentIndex(dialog.connection.region.findData(COZE_COM))
    activate()
    assert dialog.opened_urls == [  # type: ignore[attr-defined]
        QUrl("https://www.coze.cn/open/oauth/pats"),
        QUrl("https://www.coze.com/open/oauth/pats"),
    ]


def test_a_successful_test_adds_the_bot_with_its_name(qtbot: QtBot) -> None:
    fake = FakeTestBot()
    dialog = make_dialog(qtbot, Settings(api_base=COZE_COM), test_bot=fake)
    dialog.bots.bot_id.setText(" 7350001 ")
    QTest.mouseClick(dialog.bots.test, Qt.MouseButton.LeftButton)

    assert fake.calls == [(COZE_COM, TOKEN, "7350001")]
    assert not dialog.bots.test.isEnabled()  # busy until Coze answers
    assert dialog.bots.status.kind == "busy"
    on_done, _ = fake.pending.pop()
    on_done(BotInfo(bot_id="7350001", name="Writing helper", description="Helps you write."))

    assert dialog.bots.test.isEnabled() or not dialog.bots.bot_id.text()
    assert dialog.bots.status.kind == "success"
    assert "Writing helper" in dialog.bots.status.text() and "Helps you write." in dialog.bots.status.text()
    assert dialog.bots.bot_ids() == ["7350001"]
    assert list_texts(dialog) == ["Writing helper  ·  7350001  —  default"]
    assert dialog.result_bot_names() == {"7350001": "Writing helper"}
    assert dialog.result_settings().default_bot_id == "7350001"


def test_a_failed_test_shows_the_coze_sentence(qtbot: QtBot) -> None:
    error = CozeError("bot not found", code=4200, logid="20241125ABC")
    dialog = make_dialog(qtbot, test_bot=FakeTestBot(error))
    dialog.bots.bot_id.setText("404")
    dialog.bots.test.click()
    expected = error_text(ErrorKind.BOT_NOT_FOUND, "en")
    assert dialog.bots.status.kind == "error"
    assert dialog.bots.status.text() == f"{expected.sentence} {expected.action}"
    assert "20241125ABC" in dialog.bots.status.label.toolTip()  # the logid, for a bug report
    assert dialog.bots.bot_ids() == []
    assert dialog.result_bot_names() == {}
    assert dialog.bots.test.isEnabled()


def test_an_unexpected_failure_is_still_one_sentence(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, test_bot=FakeTestBot(ValueError("boom")))
    dialog.bots.bot_id.setText("1")
    dialog.bots.test.click()
    assert dialog.bots.status.text() == "The bot could not be tested (ValueError)."


def test_test_needs_a_token_but_takes_the_environments(qtbot: QtBot) -> None:
    fake = FakeTestBot(BotInfo(bot_id="1", name="One"))
    dialog = make_dialog(qtbot, token=None, test_bot=fake)
    dialog.bots.bot_id.setText("1")
    dialog.bots.test.click()
    assert fake.calls == []
    assert "access token" in dialog.bots.status.text()

    env = Overrides(token="pat_env", api_base=None, bot_id=None)
    dialog = make_dialog(qtbot, token=None, test_bot=fake, overrides=env)
    dialog.bots.bot_id.setText("1")
    dialog.bots.test.click()
    assert fake.calls == [(COZE_CN, "pat_env", "1")]


def test_enter_in_the_bot_field_tests_instead_of_closing(qtbot: QtBot) -> None:
    fake = FakeTestBot(BotInfo(bot_id="5", name="Five"))
    dialog = make_dialog(qtbot, test_bot=fake)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.bots)
    dialog.bots.bot_id.setText("5")
    dialog.bots.bot_id.setFocus()
    QTest.keyClick(dialog.bots.bot_id, Qt.Key.Key_Return)
    assert fake.calls == [(COZE_CN, TOKEN, "5")]
    assert dialog.isVisible()


def test_an_answer_after_the_dialog_closed_changes_nothing(qtbot: QtBot) -> None:
    fake = FakeTestBot()
    dialog = make_dialog(qtbot, test_bot=fake)
    dialog.bots.bot_id.setText("9")
    dialog.bots.test.click()
    dialog.reject()
    on_done, _ = fake.pending.pop()
    on_done(BotInfo(bot_id="9", name="Late"))
    assert dialog.result_bot_names() == {}
    assert dialog.bots.bot_ids() == []


def test_bot_ids_can_be_added_removed_and_made_default(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, Settings(bot_ids=["a1", "b2"], default_bot_id="a1"))
    bots = dialog.bots
    bots.bot_id.setText("has space")
    assert not bots.test.isEnabled() and not bots.add.isEnabled()
    assert bots.status.text() == "A bot ID has no spaces."
    bots.bot_id.setText("c3")
    assert bots.status.text() == ""
    bots.add.click()
    assert bots.bot_ids() == ["a1", "b2", "c3"]
    bots.bot_id.setText("c3")
    assert not bots.add.isEnabled()  # already there

    bots.list.setCurrentRow(1)
    bots.set_default.click()
    assert dialog.result_settings().default_bot_id == "b2"
    bots.remove.click()
    assert dialog.result_settings().bot_ids == ["a1", "c3"]
    assert dialog.result_settings().default_bot_id == "a1"  # the first one left takes over

    dialog.show()
    dialog.tabs.setCurrentWidget(bots)
    bots.list.setCurrentRow(1)
    bots.list.setFocus()
    QTest.keyClick(bots.list, Qt.Key.Key_Delete)
    assert bots.bot_ids() == ["a1"]


def test_the_result_never_holds_the_token(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings(bot_ids=["1"], default_bot_id="1", user_id="u-1")
    dialog = make_dialog(qtbot, settings, token=None)
    dialog.connection.token.setText(f"  {TOKEN}  ")
    dialog.bots.bot_id.setText("2")
    dialog.bots.add.click()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted

    assert dialog.result_token() == TOKEN
    result = dialog.result_settings()
    for field in dataclasses.fields(result):
        assert TOKEN not in str(getattr(result, field.name)), field.name
    path = tmp_path / "settings.ini"
    result.save(path)
    saved = path.read_text(encoding="utf-8")
    assert TOKEN not in saved and "pat_" not in saved
    assert result.bot_ids == ["1", "2"] and result.user_id == "u-1"


def test_a_keyring_problem_is_a_warning_with_a_session_only_choice(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, problem=KEYRING_PROBLEM)
    dialog.show()
    note = dialog.connection.keyring_note
    assert note.isVisible()
    text = note.label.text()  # type: ignore[attr-defined]
    assert text.startswith("No system keyring is available: ")
    assert text.endswith("The token cannot be saved.")
    assert dialog.connection.session_only.isVisible()
    assert dialog.result_session_only() is True
    dialog.connection.session_only.setChecked(False)
    assert dialog.result_session_only() is False
    assert dialog.result_settings().session_token_only is False


def test_a_working_keyring_is_a_quiet_note(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot, Settings(session_token_only=True))
    dialog.show()
    assert "system keyring" in dialog.connection.keyring_note.text()  # type: ignore[attr-defined]
    assert not dialog.connection.session_only.isVisible()
    assert dialog.result_session_only() is False
    assert dialog.result_settings().session_token_only is False


def test_environment_overrides_are_explained(qtbot: QtBot) -> None:
    env = Overrides(token="pat_env", api_base="http://127.0.0.1:9000", bot_id="42")
    dialog = make_dialog(qtbot, overrides=env)
    dialog.show()
    note = dialog.connection.overrides_note
    assert note.isVisible()
    assert "COZE_API_TOKEN is set in the environment and is used for this run (not saved)" in note.label.text()
    assert "COZE_API_BASE is set in the environment (http://127.0.0.1:9000)" in note.label.text()
    assert "pat_env" not in note.label.text()
    dialog.tabs.setCurrentWidget(dialog.bots)
    assert any(
        "COZE_BOT_ID is set in the environment (42)" in label.text()
        for label in dialog.bots.findChildren(type(note.label))
    )


def test_appearance_values(qtbot: QtBot) -> None:
    assert make_dialog(qtbot, Settings(font_size=3)).appearance.font_size_value() == 9  # clamped to 9–24
    assert make_dialog(qtbot, Settings(font_size=40)).appearance.font_size_value() == 24
    dialog = make_dialog(qtbot, Settings(font_size=0))
    page = dialog.appearance
    assert page.font_size_value() == 0
    assert page.font_size.text() == "System default"
    page.font_size.setValue(16)
    page.theme.setCurrentIndex(page.theme.findData("light"))
    page.language.setCurrentIndex(page.language.findData("en"))
    result = dialog.result_settings()
    assert (result.font_size, result.theme, result.language) == (16, "light", "en")
    page.font_size.setValue(page.font_size.minimum())
    assert dialog.result_settings().font_size == 0


def test_test_goes_where_chats_go(qtbot: QtBot) -> None:
    """COZE_API_BASE and COZE_API_TOKEN win over the fields for Test, as they do for every chat."""
    fake = FakeTestBot(BotInfo(bot_id="1", name="One"))
    env = Overrides(token="pat_env", api_base="http://127.0.0.1:9000/", bot_id=None)
    dialog = make_dialog(qtbot, Settings(api_base=COZE_COM), test_bot=fake, overrides=env)
    dialog.bots.bot_id.setText("1")
    dialog.bots.test.click()
    assert fake.calls == [("http://127.0.0.1:9000", "pat_env", "1")]

    # A COZE_API_BASE that is not an address is skipped: Test asks the address in the field.
    env = Overrides(token=None, api_base="ftp://nowhere", bot_id=None)
    fake = FakeTestBot(BotInfo(bot_id="1", name="One"))
    dialog = make_dialog(qtbot, Settings(api_base=COZE_COM), test_bot=fake, overrides=env)
    dialog.bots.bot_id.setText("1")
    dialog.bots.test.click()
    assert fake.calls == [(COZE_COM, TOKEN, "1")]
