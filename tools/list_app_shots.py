"""Screenshots of lists in an answer, in the real app: the demo bot streams a list-heavy answer (nested
lists, numbers 98 to 101 and from 1000, a numbered list in a quote) over loopback as it streams any answer.

    xvfb-run -s "-screen 0 1280x900x24" sh -c 'openbox & sleep 1; python tools/list_app_shots.py OUT_DIR \
        --theme dark --language en'

Saves OUT_DIR/app-lists-<theme>-<language>-streaming.png (the answer being written, its numbers past 99),
-top.png and -end.png (the finished answer's start and end), and, under X, -screen.png (the whole screen,
window manager's frame and all, by ImageMagick's `import`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.core.cozeserver import Scenario
from tools.rework_shots import demo_app, pump, wait

ENGLISH = """Here is the plan:

- Measure first
  - the hit rate
  - the memory it takes
- Then pick a policy

Then the checklist, continued from the last page:

98. Read the logs
99. Check the alarms
100. Write the report
101. Send it to the team

1000. A list that starts at a thousand
1001. and goes on

> A quoted list:
>
> 100. quoted hundred
> 101. and one more

That is all.
"""

CHINESE = """计划如下：

- 先测量
  - 命中率
  - 占用的内存
- 再选择策略

接着上一页的清单：

98. 阅读日志
99. 检查告警
100. 写报告
101. 发给团队

1000. 从一千开始的列表
1001. 继续

> 引用中的列表：
>
> 100. 第一百项
> 101. 第一百零一项

就这些。
"""


def main() -> int:
    args, app, store = demo_app(1000, 760)
    zh = args.language.startswith("zh")
    tag = f"app-lists-{args.theme}-{args.language}"
    assert app.demo is not None
    answer = CHINESE if zh else ENGLISH
    app.demo.server.queue(Scenario("slow", pace=0.05, text=answer))
    app.window.send("列一些清单" if zh else "some lists, please")
    view = app.window.chat.view
    for _ in range(400):  # until the answer written so far (flushed to the history) reaches "1001."
        pump(0.05)
        conversation = app.window.presenter.current
        messages = store.messages.page(conversation) if conversation is not None else []
        if messages and "1001" in messages[-1].content:
            break
    app.window.grab().save(str(args.out / f"{tag}-streaming.png"))
    wait(app)
    conversation = app.window.presenter.current
    assert conversation is not None
    question = store.messages.page(conversation)[0]
    view.scroll_to_message(question.id)
    pump(0.5)
    app.window.grab().save(str(args.out / f"{tag}-top.png"))
    view.scroll_to_message(question.id + 1)
    view.list_view.verticalScrollBar().setValue(view.list_view.verticalScrollBar().maximum())
    pump(0.5)
    app.window.grab().save(str(args.out / f"{tag}-end.png"))
    if os.environ.get("QT_QPA_PLATFORM") == "xcb" and shutil.which("import"):
        app.window.raise_()
        pump(0.5)
        subprocess.run(["import", "-window", "root", str(args.out / f"{tag}-screen.png")], check=True)
    app.shutdown()
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
