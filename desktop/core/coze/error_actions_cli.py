"""What to do next, said for the command line: the verbs, flags and environment variables instead of the
window's Settings pages and buttons. Keyed by the same ErrorKind as `error_sentences.TEXT`, whose
sentence (what happened) both share; a kind missing here has an action that fits both as it is.
"""

from __future__ import annotations

from desktop.core.coze.error_sentences import PAT_PAGES
from desktop.core.coze.errors import ErrorKind

_API_BASE = "--api-base or COZE_API_BASE"
_API_BASE_ZH = "--api-base 或 COZE_API_BASE"

COMMAND_LINE_ACTIONS: dict[ErrorKind, dict[str, str]] = {
    ErrorKind.INVALID_TOKEN: {
        "en": "Sign in again with `coze-desktop login`, or set COZE_API_TOKEN to a new personal access token: tokens expire "
        f"after at most 30 days ({PAT_PAGES}). Tokens only work in "
        f"their own region ({_API_BASE}).",
        "zh": "请用 `coze-desktop login` 重新登录，或把 COZE_API_TOKEN 设为新的个人访问令牌：令牌最长 30 天就会过期"
        f"（{PAT_PAGES}）。令牌只能用于它所属的区域（{_API_BASE_ZH}）。",
    },
    ErrorKind.BOT_NOT_PUBLISHED: {
        "en": "In Coze, open the bot, click Publish, tick “API” (Agent as API) in the channel list and publish, "
        f"then ask again. If it is published, check the region ({_API_BASE}: coze.cn or coze.com).",
        "zh": "请在扣子中打开该智能体，点击“发布”，在发布渠道中勾选“API”（Agent as API）并发布后重试；如已发布，"
        f"请确认区域（{_API_BASE_ZH}：coze.cn 还是 coze.com）。",
    },
    ErrorKind.BOT_NOT_FOUND: {
        "en": "Check the bot ID given with --bot-id or COZE_BOT_ID (the digits after /bot/ in the bot's address; "
        f"`coze-desktop bots` lists yours) and the region ({_API_BASE}).",
        "zh": "请检查 --bot-id 或 COZE_BOT_ID 给出的智能体 ID（智能体编辑页网址中 /bot/ 后面的数字；"
        f"`coze-desktop bots` 会列出你的智能体）以及区域（{_API_BASE_ZH}）。",
    },
    ErrorKind.CONVERSATION_BUSY: {
        "en": "Wait for the current answer to finish, then ask again, or ask with --new in a new conversation.",
        "zh": "请等待当前回答完成后再提问，或加上 --new 在新会话中提问。",
    },
    ErrorKind.CHATFLOW_NOT_FOUND: {
        "en": "Publish the chatflow (or its app, as an API service) in Coze, and check --workflow-id and "
        "--app-id (or --bot-id).",
        "zh": "请在扣子中发布该对话流（应用需发布为 API 服务），并检查 --workflow-id 和 --app-id（或 --bot-id）。",
    },
    ErrorKind.MISSING_PARAMETERS: {
        "en": "Give each one with --param KEY=VALUE, then ask again.",
        "zh": "请用 --param KEY=VALUE 逐个给出，然后重新提问。",
    },
    ErrorKind.CONVERSATION_NOT_FOUND: {
        "en": "Ask again with --new to continue in a new Coze conversation: the history on this computer stays "
        "as it is.",
        "zh": "请加上 --new 重新提问，在新的扣子会话中继续，这台电脑上的聊天记录保持不变。",
    },
    ErrorKind.PROMPT_TOO_LONG: {
        "en": "Ask with --new to start a new conversation (your history stays here), or shorten the message.",
        "zh": "请加上 --new 开始新会话（本地记录会保留），或缩短消息。",
    },
    ErrorKind.CONTENT_REJECTED: {
        "en": "Rephrase the message and ask again.",
        "zh": "请修改措辞后重新提问。",
    },
    ErrorKind.BAD_REQUEST: {
        "en": "Check the bot ID (--bot-id or COZE_BOT_ID) and the other flags; the Coze message says why.",
        "zh": "请检查智能体 ID（--bot-id 或 COZE_BOT_ID）和其他参数，扣子的返回信息中有具体原因。",
    },
    ErrorKind.NETWORK: {
        "en": f"Check your internet connection and the API base ({_API_BASE}).",
        "zh": f"请检查网络连接以及 API 地址（{_API_BASE_ZH}）。",
    },
    ErrorKind.TLS: {
        "en": f"Check the API base ({_API_BASE}) and your system's date, proxy and certificates.",
        "zh": f"请检查 API 地址（{_API_BASE_ZH}），以及系统时间、代理和证书。",
    },
    ErrorKind.PROTOCOL: {
        "en": f"Check the API base ({_API_BASE}): a proxy or login page may be in the way.",
        "zh": f"请检查 API 地址（{_API_BASE_ZH}），可能被代理或登录页面拦截。",
    },
    ErrorKind.SIGNED_OUT: {
        "en": "Sign in again with `coze-desktop login`, or set COZE_API_TOKEN to a personal access token.",
        "zh": "请用 `coze-desktop login` 重新登录，或把 COZE_API_TOKEN 设为个人访问令牌。",
    },
    ErrorKind.TOKEN_ENDED_PARTWAY: {
        "en": f"Set COZE_API_TOKEN to a new personal access token ({PAT_PAGES}), or sign in with `coze-desktop login`, then ask again.",
        "zh": f"请把 COZE_API_TOKEN 设为新的个人访问令牌（{PAT_PAGES}），"
        "或用 `coze-desktop login` 登录，然后重新提问。",
    },
    ErrorKind.SIGNED_OUT_PARTWAY: {
        "en": "Sign in again with `coze-desktop login`, then ask again.",
        "zh": "请用 `coze-desktop login` 重新登录，然后重新提问。",
    },
    ErrorKind.FILE_GONE: {
        "en": "Ask the question again with its file given by --file; the question's text is kept in the history.",
        "zh": "请用 --file 重新附上该文件再提问；问题的文字已保存在聊天记录中。",
    },
    ErrorKind.UNKNOWN: {
        "en": "Retry; the Coze message before this sentence says what Coze answered.",
        "zh": "请重试，这句话前面的扣子返回信息说明了具体情况。",
    },
}
