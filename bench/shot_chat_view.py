"""Screenshots of the chat view with a realistic conversation, light and dark (offscreen).

    QT_QPA_PLATFORM=offscreen python bench/shot_chat_view.py [OUT_DIR]   (default /tmp/shots/chat)

Not a test: a way to look at the view. Writes chat-light.png, chat-dark.png, chat-top-*.png,
chat-streaming.png, chat-narrow.png and intro-*.png.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem

NOW = time.time()

ANSWER = """好的！下面是一个用 Python 实现 **LRU 缓存** 的例子，时间复杂度为 `O(1)`：

```python
from collections import OrderedDict


class LRUCache:
    \"\"\"最近最少使用缓存 (Least Recently Used).\"\"\"

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._data: OrderedDict[str, int] = OrderedDict()

    def get(self, key: str) -> int | None:
        if key not in self._data:
            return None
        self._data.move_to_end(key)  # 标记为最近使用
        return self._data[key]
```

### 复杂度对比

| 操作 | OrderedDict | 普通 dict + list |
|------|:-----------:|-----------------:|
| get  | O(1)        | O(n)             |
| put  | O(1)        | O(n)             |

要点：

1. `move_to_end` 把访问过的键移到末尾；
2. 超出容量时用 `popitem(last=False)` 删除最旧的键。
   - 嵌套列表 nested item
   - 另一个 another one

> 提示：Python 3.9+ 也可以直接用 `functools.lru_cache` 装饰器。
> Mixed 中英文 quote with a [link](https://docs.python.org/3/library/functools.html).

Raw HTML stays text: <b>not bold</b> <img src=file:///etc/passwd>, and ~~strikethrough~~ works.
"""

REASONING = (
    "用户想要一个 LRU 缓存的实现。OrderedDict 提供 move_to_end 和 popitem，可以做到 O(1)。"
    "I should also compare it with a naive approach in a small table."
)


def conversation() -> list[MessageItem]:
    return [
        MessageItem(
            1, "user", "你好！能帮我写一个 LRU cache 吗？Please explain the complexity too.", created_at=NOW - 600
        ),
        MessageItem(
            2,
            "assistant",
            ANSWER,
            reasoning=REASONING,
            input_tokens=1234,
            output_tokens=567,
            created_at=NOW - 590,
            duration=8.4,
            sender_name="代码助手 Coder",
        ),
        MessageItem(3, "user", "再用 Go 写一遍\nand add tests, please.", created_at=NOW - 300),
        MessageItem(
            4,
            "assistant",
            "当然，下面是 Go 版本的开头部分：\n\n```go\npackage lru\n\ntype Cache struct {\n    capacity int\n",
            status="interrupted",
            error_sentence="连接在回答完成前中断了。",
            error_action="请检查网络后点击“重试”。",
            error_details="Coze code 4100: stream closed (logid 20261125093011ABCDEF)",
            created_at=NOW - 295,
            sender_name="代码助手 Coder",
        ),
    ]


def dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#1C1D21",
        QPalette.ColorRole.WindowText: "#E7E8EC",
        QPalette.ColorRole.Base: "#141519",
        QPalette.ColorRole.AlternateBase: "#202227",
        QPalette.ColorRole.Text: "#E7E8EC",
        QPalette.ColorRole.Button: "#2A2C32",
        QPalette.ColorRole.ButtonText: "#E7E8EC",
        QPalette.ColorRole.Mid: "#3B3E46",
        QPalette.ColorRole.Highlight: "#5B61EE",
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.Link: "#9EA3FF",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    return palette


def settle(app: QApplication, view: ChatView) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if view.is_idle():
            break
    loop = QEventLoop()
    QTimer.singleShot(100, loop.quit)
    loop.exec()


def shoot(app: QApplication, out: Path, name: str) -> None:
    view = ChatView()
    view.resize(900, 900)
    view.show()
    view.set_messages(conversation())
    view.set_follow_ups(["用 Rust 实现呢？", "How do I make it thread-safe?", "解释一下 move_to_end 的原理"])
    settle(app, view)
    view.grab().save(str(out / f"chat-{name}.png"))
    view.list_view.verticalScrollBar().setValue(0)
    settle(app, view)
    view.grab().save(str(out / f"chat-top-{name}.png"))
    lv = view.list_view
    lv.rows.set_thinking(2, True)  # as if the user opened Thinking and the error's Details
    lv.rows.toggle_details(4)
    lv.scroll_to_bottom()
    settle(app, view)
    view.grab().save(str(out / f"chat-open-{name}.png"))
    lv.verticalScrollBar().setValue(0)
    settle(app, view)
    view.grab().save(str(out / f"chat-open-top-{name}.png"))
    view.close()

    intro = ChatView()
    intro.resize(900, 700)
    intro.show()
    intro.set_intro(
        "代码助手 Coder",
        "你好，我是**代码助手**。I can write, explain and review code in many languages.",
        ["用 Python 写一个快速排序", "Explain async/await in JavaScript", "什么是 LRU 缓存？"],
    )
    settle(app, intro)
    intro.grab().save(str(out / f"intro-{name}.png"))
    intro.close()


def shoot_streaming(app: QApplication, out: Path) -> None:
    view = ChatView()
    view.resize(900, 700)
    view.show()
    view.set_messages(conversation()[:3])
    view.append_message(MessageItem(9, "assistant", "", status="streaming", sender_name="代码助手 Coder"))
    view.append_delta(9, reasoning="先想一想用户需要什么……")
    for piece in ANSWER[:700].split(" "):
        view.append_delta(9, piece + " ")
    settle(app, view)
    view.grab().save(str(out / "chat-streaming.png"))
    view.close()


def shoot_narrow(app: QApplication, out: Path) -> None:
    view = ChatView()
    view.resize(420, 800)
    view.show()
    view.set_messages(conversation())
    view.set_follow_ups(["用 Rust 实现呢？", "How do I make it thread-safe? A longer question that will not fit."])
    settle(app, view)
    view.grab().save(str(out / "chat-narrow.png"))
    view.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots/chat")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    style = QStyleFactory.create("Fusion")
    if style is not None:
        app.setStyle(style)
    shoot(app, out, "light")
    shoot_streaming(app, out)
    shoot_narrow(app, out)
    app.setPalette(dark_palette())
    shoot(app, out, "dark")
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
