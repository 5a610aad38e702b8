"""Screenshots of the #18 gaps: the note when Regenerate must wait for a streaming answer, the note when
Coze's memory cannot follow a regenerated older turn, the answer when it can, and a PDF page with an answer's earlier versions.

QT_QPA_PLATFORM=offscreen python tools/rework_gap_shots.py OUT_DIR [--theme light|dark] [--language en|zh_CN]
"""

from __future__ import annotations

import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from desktop.core.chat import forget
from desktop.core.cozeserver import Scenario
from desktop.core.store.transfer import walk
from desktop.ui.chat.actions import Act, RowAction
from desktop.ui.pdf_export import PdfChatWriter, print_style
from tools.rework_shots import demo_app, pump, wait


def main() -> int:
    args, app, store = demo_app(1000, 700)
    zh = args.language.startswith("zh")
    tag = f"{args.theme}-{args.language}"
    app.window.send("我叫小明" if zh else "my name is Ming")
    wait(app)
    conversation = app.window.presenter.current
    assert conversation is not None
    first = store.messages.page(conversation)[1]
    view = app.window.chat.view

    # 1. Regenerate while the next answer streams: the note over the messages.
    assert app.demo is not None
    app.demo.server.queue(
        Scenario("slow", pace=0.25, text="一 二 三 四 五 六 七 八 九 十 " * 4 if zh else "one two three " * 12)
    )
    app.window.send("慢慢数到十" if zh else "count slowly")
    pump(1.2)
    view.row_actions.handle(first.id, RowAction(Act.REGENERATE))  # what a click on its Regenerate does
    pump(0.3)
    app.window.grab().save(str(args.out / f"busy-hint-{tag}.png"))
    wait(app)

    # 2. Too many later messages to reorder on Coze (the limit lowered to show it): what the bot remembers.
    forget.MAX_MOVED = 1
    app.window.presenter.regenerate(first.id)
    pump(0.4)
    app.window.grab().save(str(args.out / f"memory-notice-{tag}.png"))
    wait(app)
    forget.MAX_MOVED = 20

    # 3. The same regenerate within the limit: Coze keeps the screen's order, the bot answers the first
    # turn as the first (the demo bot says what it remembers before it).
    view.rework.toast.hide()
    app.window.presenter.regenerate(first.id)
    wait(app)
    view.scroll_to_message(first.id - 1)
    pump(0.4)
    app.window.grab().save(str(args.out / f"memory-in-order-{tag}.png"))

    # 4. The PDF of the chat: the answer, then its earlier version under a caption.
    pdf = args.out / f"pdf-versions-{args.language}.pdf"
    writer = PdfChatWriter(pdf, print_style(), args.language)
    try:
        walk(store, conversation, writer)
    finally:
        writer.close()
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(pdf.with_suffix(""))],
        check=True,
    )
    pdf.unlink()
    app.window.close()
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
