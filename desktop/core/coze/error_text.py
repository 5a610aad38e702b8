"""What each kind of Coze error means to a person, in Chinese and English.

The core has no Qt, so these sentences cannot go through `tr()`; they live here once, for the CLI and
the window alike, and the window picks the language it shows (`zh` or `en`).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.coze.errors import CozeError, ErrorKind


@dataclass(frozen=True, slots=True)
class ErrorText:
    sentence: str  # what happened, one sentence
    action: str  # what to do next


_TEXT: dict[ErrorKind, dict[str, ErrorText]] = {
    ErrorKind.INVALID_TOKEN: {
        "en": ErrorText(
            "Coze did not accept your access token.",
            "Open Settings and paste a valid personal access token. Tokens are per region: a coze.cn "
            "token only works with api.coze.cn, a coze.com token only with api.coze.com.",
        ),
        "zh": ErrorText(
            "扣子没有接受你的访问令牌。",
            "请打开设置，粘贴有效的个人访问令牌。令牌分区域：coze.cn 的令牌只能用于 api.coze.cn，"
            "coze.com 的令牌只能用于 api.coze.com。",
        ),
    },
    ErrorKind.PERMISSION: {
        "en": ErrorText(
            "Your access token is not allowed to do this.",
            "Create a token with the Bot and Chat permissions for this workspace, then paste it in Settings.",
        ),
        "zh": ErrorText(
            "你的访问令牌没有这项权限。",
            "请为该工作空间创建一个勾选了 Bot 和对话权限的令牌，然后在设置中更新。",
        ),
    },
    ErrorKind.BOT_NOT_PUBLISHED: {
        "en": ErrorText(
            "This bot is not published to the API channel.",
            "In Coze, open the bot, click Publish and tick “API” (Agent as API), then try again. "
            "If it is published, check the region in Settings (coze.cn or coze.com).",
        ),
        "zh": ErrorText(
            "这个 Bot 还没有发布到 API 渠道。",
            "请在扣子中打开该 Bot，点击“发布”并勾选“API”渠道后重试；如已发布，请在设置中确认区域"
            "（coze.cn 还是 coze.com）。",
        ),
    },
    ErrorKind.BOT_NOT_FOUND: {
        "en": ErrorText(
            "Coze cannot find this bot.",
            "Check the bot ID in Settings (the digits after /bot/ in the bot's address) and the region.",
        ),
        "zh": ErrorText(
            "扣子找不到这个 Bot。",
            "请在设置中检查 Bot ID（Bot 编辑页网址中 /bot/ 后面的数字）以及区域是否正确。",
        ),
    },
    ErrorKind.CONVERSATION_BUSY: {
        "en": ErrorText(
            "The bot is still answering in this conversation.",
            "Wait for the current answer to finish, or stop it, then send again.",
        ),
        "zh": ErrorText("该会话中的 Bot 仍在回答。", "请等待当前回答结束或先停止它，然后再发送。"),
    },
    ErrorKind.CONVERSATION_NOT_FOUND: {
        "en": ErrorText(
            "Coze no longer knows this conversation.",
            "Start a new chat; your local history stays here.",
        ),
        "zh": ErrorText("扣子上已找不到这个会话。", "请新建对话，本地的聊天记录不会丢失。"),
    },
    ErrorKind.RATE_LIMITED: {
        "en": ErrorText("Coze is limiting how fast you can send.", "Wait a moment and retry."),
        "zh": ErrorText("请求太频繁，扣子暂时限制了发送。", "请稍等片刻后重试。"),
    },
    ErrorKind.QUOTA: {
        "en": ErrorText(
            "Your Coze quota for today is used up.",
            "Try again tomorrow, or raise the quota in your Coze account.",
        ),
        "zh": ErrorText("今天的扣子调用额度已用完。", "请明天再试，或在扣子账号中提升额度。"),
    },
    ErrorKind.BALANCE: {
        "en": ErrorText(
            "Your Coze account balance is not enough for this bot.",
            "Top up your Coze account or choose a cheaper model for the bot, then retry.",
        ),
        "zh": ErrorText("扣子账户余额不足。", "请为扣子账户充值，或为 Bot 换用更便宜的模型后重试。"),
    },
    ErrorKind.BAD_REQUEST: {
        "en": ErrorText("Coze rejected the request.", "Check the bot ID and settings; the details say why."),
        "zh": ErrorText("扣子拒绝了这次请求。", "请检查 Bot ID 和设置，详情中有具体原因。"),
    },
    ErrorKind.SERVER: {
        "en": ErrorText("Coze had a problem on its side.", "Retry in a moment."),
        "zh": ErrorText("扣子服务端出现了问题。", "请稍后重试。"),
    },
    ErrorKind.NETWORK: {
        "en": ErrorText(
            "Coze could not be reached.", "Check your internet connection and the API address in Settings."
        ),
        "zh": ErrorText("无法连接到扣子。", "请检查网络连接以及设置中的 API 地址。"),
    },
    ErrorKind.TLS: {
        "en": ErrorText(
            "The secure connection to Coze failed.",
            "Check the API address in Settings and your system's date, proxy and certificates.",
        ),
        "zh": ErrorText("与扣子的安全连接失败。", "请检查设置中的 API 地址，以及系统时间、代理和证书。"),
    },
    ErrorKind.TIMEOUT: {
        "en": ErrorText("Coze stopped responding.", "Retry; what arrived so far is kept."),
        "zh": ErrorText("扣子没有响应。", "请重试，已收到的内容会保留。"),
    },
    ErrorKind.INTERRUPTED: {
        "en": ErrorText("The answer was cut off.", "Retry; what arrived so far is kept."),
        "zh": ErrorText("回答中途中断了。", "请重试，已收到的内容会保留。"),
    },
    ErrorKind.CHAT_FAILED: {
        "en": ErrorText("The bot could not finish its answer.", "Retry; if it keeps failing, check the bot in Coze."),
        "zh": ErrorText("Bot 未能完成回答。", "请重试；如果一直失败，请在扣子中检查该 Bot。"),
    },
    ErrorKind.PROTOCOL: {
        "en": ErrorText(
            "The API address did not answer like Coze.",
            "Check the API address in Settings (a proxy or login page may be in the way).",
        ),
        "zh": ErrorText("API 地址返回的不是扣子的响应。", "请检查设置中的 API 地址（可能被代理或登录页面拦截）。"),
    },
    ErrorKind.INSECURE_URL: {
        "en": ErrorText(
            "Plain http would send your token unencrypted.",
            "Use an https:// API address (plain http is only allowed for this computer).",
        ),
        "zh": ErrorText("使用 http 会以明文发送你的令牌。", "请使用 https:// 开头的 API 地址（仅本机地址允许 http）。"),
    },
    ErrorKind.REQUIRES_ACTION: {
        "en": ErrorText(
            "The bot asked this app to run a tool (a client-side function), which Coze Desktop cannot do.",
            "In Coze, replace the bot's local function with a cloud plugin or workflow; the chat was cancelled.",
        ),
        "zh": ErrorText(
            "Bot 请求本应用执行一个工具（端侧函数），扣子桌面无法执行。",
            "请在扣子中把该 Bot 的端侧函数换成云端插件或工作流；本次对话已取消。",
        ),
    },
    ErrorKind.UNKNOWN: {
        "en": ErrorText("Something went wrong talking to Coze.", "Retry; the details below say what Coze answered."),
        "zh": ErrorText("与扣子通信时出错了。", "请重试，下方详情中有扣子的返回信息。"),
    },
}


def error_text(kind: ErrorKind, language: str = "en") -> ErrorText:
    """The sentence and next step for `kind`; `language` is "zh…" for Chinese, anything else English."""
    lang = "zh" if language.lower().startswith("zh") else "en"
    return _TEXT[kind][lang]


def describe(error: CozeError, language: str = "en") -> str:
    text = error_text(error.kind, language)
    return f"{text.sentence} {text.action}"
