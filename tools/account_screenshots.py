"""Screenshots of the account features against the local server: the sign-in dialog with its code,
the Account page signed in, and the bot picker.

    QT_QPA_PLATFORM=offscreen python tools/account_screenshots.py OUT_DIR [--theme light|dark] [--language en|zh_CN]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from keyring.backend import KeyringBackend
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.cozeserver import CozeServer
from desktop.core.secrets import TokenStore
from desktop.core.settings import Overrides, Settings
from desktop.services.account import AccountService
from desktop.services.tasks import TaskRunner
from desktop.ui.i18n import install_translators
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.theme import apply_theme

CLIENT_ID = "11112222333344445555.app.coze"


class _Memory(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def pump(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def wait_for(condition: object, seconds: float = 10) -> None:
    for _ in range(int(seconds * 20)):
        if callable(condition) and condition():
            return
        pump(0.05)
    raise SystemExit("timed out")


def stock(server: CozeServer, language: str) -> None:
    zh = language.startswith("zh")
    server.workspaces.add("7440000000000000200", "产品团队" if zh else "Product team")
    bots = [
        ("翻译助手", "中英互译，保留术语和语气")
        if zh
        else ("Translator", "Chinese ↔ English, keeps the terms and tone"),
        ("周报生成器", "把要点整理成一份周报") if zh else ("Weekly report", "Turns bullet points into a weekly report"),
        ("客服小助手", "回答订单、退款和物流问题")
        if zh
        else ("Support desk", "Answers questions on orders, refunds, shipping"),
        ("代码审查", "指出风险并给出修改建议") if zh else ("Code review", "Points out risks and suggests fixes"),
    ]
    for n, (name, description) in enumerate(bots):
        server.add_bot(
            f"745000000000000{n:04d}", name=name, description=description, workspace_id="7440000000000000200"
        )


def shoot_header(server: CozeServer, out: Path, suffix: str) -> None:
    """The main window on a new chat, with the bot chooser in the header open."""
    import tempfile

    from desktop.core.store import BotRecord, Store
    from desktop.services.bots import BotService
    from desktop.services.chat_controller import ChatController
    from desktop.services.connection import Connection
    from desktop.services.history import HistoryService
    from desktop.ui.main_window import MainWindow

    ids = ["7450000000000000000", "7450000000000000001", "7450000000000000002"]
    with Store.open(Path(tempfile.mkdtemp()) / "h.sqlite3") as store:
        history = HistoryService(store)
        tasks = TaskRunner()
        bots = BotService(store.bots, tasks)
        chats = ChatController(store, lambda bot_id: Connection(server.base_url, "unused", bot_id, "u"))
        for bot_id in ids:
            info = server_bot(server, bot_id)
            store.bots.upsert(BotRecord(bot_id, name=info[0], description=info[1], prologue=info[1]))
        window = MainWindow(
            history,
            chats,
            bots,
            language="en",
            bot_for_new_chat=lambda: ids[0],
            is_demo=lambda: False,
            bot_choices=lambda: ids,
        )
        window.resize(1000, 640)
        window.show()
        window.new_chat()
        pump(0.3)
        combo = window.chat.header.bot_chooser
        combo.showPopup()
        pump(0.3)
        image = window.grab()
        from PySide6.QtGui import QPainter

        painter = QPainter(image)
        # Offscreen there is no window manager to place the popup: draw its list where it opens, under the combo.
        below = combo.mapTo(window, combo.rect().bottomLeft())
        painter.drawPixmap(below.x(), below.y() + 2, combo.view().grab())
        painter.end()
        image.save(str(out / f"bot-chooser-{suffix}.png"))
        print(out / f"bot-chooser-{suffix}.png")
        combo.hidePopup()
        chats.shutdown(1000)
        tasks.shutdown(1000)
        window.detach()
        window.close()


def server_bot(server: CozeServer, bot_id: str) -> tuple[str, str]:
    import requests

    data = requests.get(
        f"{server.base_url}/v1/bots/{bot_id}", headers={"Authorization": "Bearer pat_demo_local_only"}, timeout=5
    ).json()["data"]
    return str(data["name"]), str(data["description"])


def shoot(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--theme", default="light")
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = f"{args.language}-{args.theme}"
    keyring.set_keyring(_Memory())
    app = QApplication(sys.argv)
    install_translators(app, args.language)
    apply_theme(app, args.theme)
    with CozeServer(language="zh" if args.language.startswith("zh") else "en") as server:
        server.oauth.interval = 1
        tasks = TaskRunner()
        service = AccountService(tasks, TokenStore())
        dialog = SettingsDialog(
            Settings(api_base=server.base_url),
            None,
            None,
            Overrides(None, None, None),
            lambda *_: None,
            {},
            None,
            account=service,
        )
        dialog.open_url = lambda _url: None  # type: ignore[assignment]
        dialog.resize(640, 600)
        dialog.show()
        dialog.tabs.setCurrentWidget(dialog.account)
        dialog.account.client_id.setText(CLIENT_ID)
        pump(0.2)
        shoot(dialog, args.out / f"account-page-{suffix}.png")
        dialog.account.sign_in.click()
        sign_in = dialog.account.sign_in_dialog
        assert sign_in is not None
        wait_for(sign_in.copy_button.isEnabled)
        pump(1.3)  # one poll: the status line shows the interval
        shoot(sign_in, args.out / f"sign-in-code-{suffix}.png")
        server.oauth.decide(sign_in.code.text().replace(" ", ""), approve=True)
        wait_for(lambda: dialog.account.sign_in_dialog is None)
        wait_for(lambda: "@" in dialog.account.state.text() or "Local" in dialog.account.state.text())
        pump(0.2)
        shoot(dialog, args.out / f"account-signed-in-{suffix}.png")
        stock(server, args.language)
        dialog.tabs.setCurrentWidget(dialog.bots)
        dialog.bots.browse.click()
        picker = dialog.bot_picker
        assert picker is not None
        wait_for(lambda: picker.list.count() >= 5)
        pump(1.0)  # avatars
        picker.list.item(2).setCheckState(Qt.CheckState.Checked)
        picker.list.item(3).setCheckState(Qt.CheckState.Checked)
        shoot(picker, args.out / f"bot-picker-{suffix}.png")
        picker.reject()
        dialog.close()
        shoot_header(server, args.out, suffix)
        service.cancel()
        tasks.shutdown(3000)
    return 0


if __name__ == "__main__":
    sys.exit(main())
