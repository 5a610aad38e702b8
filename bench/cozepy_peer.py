"""The peer `bench/ask_vs_cozepy.py` races `coze-desktop ask` against: the official SDK streaming one chat.

    python bench/cozepy_peer.py API_BASE TOKEN BOT_ID MESSAGE

What a person would write with cozepy to print a bot's answer: `Coze.chat.stream` and every answer
delta's content written to stdout as it arrives, flushed at the end. Needs the dev extra (`cozepy`).
"""

from __future__ import annotations

import sys
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # authlib's deprecation notice on import
    from cozepy import ChatEventType, Coze, Message, TokenAuth


def main(api_base: str, token: str, bot_id: str, message: str) -> int:
    coze = Coze(auth=TokenAuth(token), base_url=api_base)
    stream = coze.chat.stream(
        bot_id=bot_id, user_id="bench-user", additional_messages=[Message.build_user_question_text(message)]
    )
    write = sys.stdout.write
    for event in stream:
        if event.event == ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message is not None:
            write(event.message.content)
    write("\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
