"""The sentences behind `error_text`: per error kind, what happened and what to do, in Chinese and English.

Coze's own wording for its codes (coze-js `packages/chat-sdk/src/libs/i18n/resource/simple/zh.ts`)
is the starting point; each sentence adds the next step a person can take.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.coze.errors import ErrorKind


@dataclass(frozen=True, slots=True)
class ErrorText:
    sentence: str  # what happened, one sentence
    action: str  # what to do next


PAT_PAGE_CN = "https://www.coze.cn/open/oauth/pats"
PAT_PAGE_COM = "https://www.coze.com/open/oauth/pats"
PAT_PAGES = "{pat_pages}"  # where to make a token: `error_text` fills it in for the API address in use
# Coze's own token pages, for coze.cn and coze.com (and when the address is not known) ...
PAT_PAGES_COZE = {
    "en": f"make one at {PAT_PAGE_CN}, or {PAT_PAGE_COM} for coze.com",
    "zh": f"在 {PAT_PAGE_CN} 创建，coze.com 用 {PAT_PAGE_COM}",
}
# ... and for a custom API address, whose site Coze's links are not
PAT_PAGES_CUSTOM = {
    "en": "make one on the personal access token page of your Coze site",
    "zh": "在你所用扣子站点的个人访问令牌页面创建",
}

TEXT: dict[ErrorKind, dict[str, ErrorText]] = {
    ErrorKind.INVALID_TOKEN: {
        "en": ErrorText(
            "Coze did not accept your sign-in or access token.",
            "Sign in again in Settings → Account, or paste a new personal access token in Settings → Connection: "
            f"tokens expire after at most 30 days ({PAT_PAGES}). Tokens only work in their own region.",
        ),
        "zh": ErrorText(
            "扣子没有接受你的登录状态或访问令牌。",
            "请在“设置 → 账号”中重新登录，或在“设置 → 连接”中粘贴新的个人访问令牌：令牌最长 30 天就会过期"
            f"（{PAT_PAGES}）。令牌只能用于它所属的区域。",
        ),
    },
    ErrorKind.PERMISSION: {
        "en": ErrorText(
            "Your access token is not allowed to do this.",
            "Create a token with the permission this needs (Bot and Chat for chatting; listWorkspace and listBot "
            "for the bot list) for this workspace. On coze.com this can also mean the token belongs to the other "
            "region.",
        ),
        "zh": ErrorText(
            "你的访问令牌没有这项权限。",
            "请为该工作空间创建一个具有所需权限的令牌（对话需要智能体和对话权限；智能体列表需要 listWorkspace 和 "
            "listBot 权限）。在 coze.com 上，这也可能表示令牌属于另一个区域。",
        ),
    },
    ErrorKind.BOT_NOT_PUBLISHED: {
        "en": ErrorText(
            "This bot is not published to the API channel.",
            "In Coze, open the bot, click Publish, tick “API” (Agent as API) in the channel list and publish, "
            "then try again. If it is published, check the region in Settings → Connection (coze.cn or coze.com).",
        ),
        "zh": ErrorText(
            "这个智能体还没有发布到 API 渠道。",
            "请在扣子中打开该智能体，点击“发布”，在发布渠道中勾选“API”（Agent as API）并发布后重试；如已发布，"
            "请在“设置 → 连接”中确认区域（coze.cn 还是 coze.com）。",
        ),
    },
    ErrorKind.BOT_NOT_FOUND: {
        "en": ErrorText(
            "Coze cannot find this bot.",
            "Check the bot ID in Settings → Bots (the digits after /bot/ in the bot's address) and the region.",
        ),
        "zh": ErrorText(
            "扣子找不到这个智能体。",
            "请在“设置 → 智能体”中检查智能体 ID（智能体编辑页网址中 /bot/ 后面的数字）以及区域是否正确。",
        ),
    },
    ErrorKind.CONVERSATION_BUSY: {
        "en": ErrorText(
            "A chat is already running in this conversation.",
            "Wait for the current answer to finish, or stop it, then send again.",
        ),
        "zh": ErrorText("当前会话中已有运行中的对话。", "请等待对话完成或先停止它，然后再发送。"),
    },
    ErrorKind.CHATFLOW_NOT_FOUND: {
        "en": ErrorText(
            "Coze cannot find this chatflow, or it has not been published.",
            "Publish the chatflow (or its app, as an API service) in Coze, and check its IDs in Settings → Bots.",
        ),
        "zh": ErrorText(
            "扣子找不到这个对话流，或它还没有发布。",
            "请在扣子中发布该对话流（应用需发布为 API 服务），并在“设置 → 智能体”中检查它的 ID。",
        ),
    },
    ErrorKind.MISSING_PARAMETERS: {
        "en": ErrorText(
            "The chatflow needs input parameters that were not given.",
            "Set them in Settings → Bots → Parameters…, then send again.",
        ),
        "zh": ErrorText("这个对话流需要的输入参数没有填写。", "请在“设置 → 智能体 → 参数…”中填写，然后重新发送。"),
    },
    ErrorKind.CONVERSATION_NOT_FOUND: {
        "en": ErrorText(
            "Coze no longer has this conversation.",
            "Continue in a new Coze conversation: the chat history on this computer stays as it is.",
        ),
        "zh": ErrorText("扣子上已经没有这个会话了。", "可以在新的扣子会话中继续，这台电脑上的聊天记录保持不变。"),
    },
    ErrorKind.RATE_LIMITED: {
        "en": ErrorText(
            "Coze is limiting how many requests you send per minute.",
            "The app retries a few times on its own; if it still fails, wait a minute and send again.",
        ),
        "zh": ErrorText("请求太频繁，扣子暂时限制了调用速度。", "应用已自动重试几次；如仍失败，请等一分钟后再发送。"),
    },
    ErrorKind.BUSY: {
        "en": ErrorText(
            "Too many people are using Coze right now.",
            "The app retries a few times on its own; if it still fails, send again in a little while.",
        ),
        "zh": ErrorText("当前使用人数过多。", "应用已自动重试几次；如仍失败，请稍后再发送。"),
    },
    ErrorKind.MODEL_LIMIT: {
        "en": ErrorText(
            "The bot's model is at its rate or concurrency limit.",
            "The app retries a few times on its own; if it keeps happening, send less often, upgrade your Coze plan "
            "or ask Coze for more capacity.",
        ),
        "zh": ErrorText(
            "模型的并发已超限。",
            "应用已自动重试几次；如果经常出现，请降低发送频率，或升级扣子套餐、联系扣子扩容。",
        ),
    },
    ErrorKind.BUSY_PARTWAY: {
        "en": ErrorText(
            "Coze stopped this answer partway because it is busy or limiting requests; what arrived is kept.",
            "Ask again in a little while for the whole answer (the app does not resend a half-shown answer).",
        ),
        "zh": ErrorText(
            "扣子当前繁忙或限制了请求频率，这条回答中途停止了；已收到的内容会保留。",
            "请稍后重新提问以获得完整回答（已显示一半的回答，应用不会自动重发）。",
        ),
    },
    ErrorKind.TOKEN_ENDED_PARTWAY: {
        "en": ErrorText(
            "Coze stopped accepting your access token partway through this answer: it expired or was revoked. "
            "What arrived is kept.",
            f"Paste a new personal access token in Settings → Connection ({PAT_PAGES}), then ask again for the "
            "whole answer.",
        ),
        "zh": ErrorText(
            "这条回答中途，扣子不再接受你的访问令牌：令牌已过期或被撤销。已收到的内容会保留。",
            f"请在“设置 → 连接”中粘贴新的个人访问令牌（{PAT_PAGES}），然后重新提问以获得完整回答。",
        ),
    },
    ErrorKind.SIGN_IN_EXPIRED_PARTWAY: {
        "en": ErrorText(
            "Your Coze sign-in expired partway through this answer; what arrived is kept.",
            "Ask again for the whole answer: the app renews your sign-in on its own.",
        ),
        "zh": ErrorText(
            "这条回答中途，你的扣子登录已过期；已收到的内容会保留。",
            "请重新提问以获得完整回答：应用会自动续期登录。",
        ),
    },
    ErrorKind.SIGNED_OUT_PARTWAY: {
        "en": ErrorText(
            "Your Coze sign-in expired partway through this answer and could not be renewed; what arrived is kept.",
            "Sign in again in Settings → Account, then ask again for the whole answer.",
        ),
        "zh": ErrorText(
            "这条回答中途，你的扣子登录已过期且无法续期；已收到的内容会保留。",
            "请在“设置 → 账号”中重新登录，然后重新提问以获得完整回答。",
        ),
    },
    ErrorKind.QUOTA: {
        "en": ErrorText(
            "This bot has reached its daily usage limit.",
            "Try again tomorrow, or raise the limit in your Coze plan.",
        ),
        "zh": ErrorText("当日智能体使用次数已超过限制。", "请明天再试，或升级扣子套餐以提高上限。"),
    },
    ErrorKind.PROMPT_TOO_LONG: {
        "en": ErrorText(
            "This conversation is longer than the bot's model can read.",
            "Start a new chat (your history stays here), or shorten the message.",
        ),
        "zh": ErrorText("本次请求的提示词 token 数超过了模型上限。", "请新建对话（本地记录会保留），或缩短消息。"),
    },
    ErrorKind.FILE_REFUSED: {
        "en": ErrorText(
            "Coze did not accept the file.",
            "Check that it is a type Coze reads and under 512 MB, then send it again; your message was kept.",
        ),
        "zh": ErrorText(
            "扣子没有接受这个文件。", "请确认它是扣子能读取的类型且小于 512 MB，然后重新发送；你的消息已保留。"
        ),
    },
    ErrorKind.FILE_GONE: {
        "en": ErrorText(
            "Coze no longer has a file of this question, and this computer has no copy of it.",
            "Attach the file again and send the question anew; the question's text is kept here.",
        ),
        "zh": ErrorText(
            "扣子上已没有这个问题的某个文件，这台电脑上也没有它的副本。",
            "请重新添加该文件后再发送这个问题；问题的文字已保留在这里。",
        ),
    },
    ErrorKind.BALANCE: {
        "en": ErrorText(
            "Your Coze balance or resource points are used up.",
            "Top up your Coze account, wait for the free quota to refresh, or upgrade to a paid plan.",
        ),
        "zh": ErrorText("扣子账户的余额或资源点不足。", "请为扣子账户充值，等待额度刷新，或升级到专业版。"),
    },
    ErrorKind.OVERDUE: {
        "en": ErrorText(
            "Your Coze paid plan has an overdue payment.",
            "Pay the outstanding amount in your Coze account (billing), then send again.",
        ),
        "zh": ErrorText("扣子专业版账号已欠费。", "请在扣子账户的费用中心充值补缴后再发送。"),
    },
    ErrorKind.INVALID_MODEL: {
        "en": ErrorText(
            "The bot's model is not valid any more.",
            "In Coze, open the bot, choose another model, publish it to the API channel again, then retry.",
        ),
        "zh": ErrorText("该智能体使用的模型无效。", "请在扣子中打开该智能体，换一个模型并重新发布到 API 渠道后重试。"),
    },
    ErrorKind.CANNOT_ANSWER: {
        "en": ErrorText(
            "The bot cannot answer this question.", "Ask it differently, or check the bot's setup in Coze."
        ),
        "zh": ErrorText("智能体无法回答这个问题。", "请换个问法，或在扣子中检查该智能体的配置。"),
    },
    ErrorKind.CONTENT_REJECTED: {
        "en": ErrorText(
            "Coze's content safety check rejected this message (risk control).",
            "Rephrase the message and send again; your text is kept in the box.",
        ),
        "zh": ErrorText("内容未通过扣子的安全审核（风控拦截）。", "请修改措辞后重新发送，你的消息仍保留在输入框中。"),
    },
    ErrorKind.CHAT_NOT_RUNNING: {
        "en": ErrorText("The answer had already ended.", "Nothing to do."),
        "zh": ErrorText("回答已经结束了。", "无需处理。"),
    },
    ErrorKind.BAD_REQUEST: {
        "en": ErrorText("Coze rejected the request.", "Check the bot ID and settings; the details say why."),
        "zh": ErrorText("扣子拒绝了这次请求。", "请检查智能体 ID 和设置，详情中有具体原因。"),
    },
    ErrorKind.SERVER: {
        "en": ErrorText("Coze had a problem on its side.", "Retry in a moment."),
        "zh": ErrorText("扣子服务端出现了问题。", "请稍后重试。"),
    },
    ErrorKind.NETWORK: {
        "en": ErrorText(
            "Coze could not be reached.", "Check your internet connection and the API address in Settings → Connection."
        ),
        "zh": ErrorText("无法连接到扣子。", "请检查网络连接以及“设置 → 连接”中的 API 地址。"),
    },
    ErrorKind.TLS: {
        "en": ErrorText(
            "The secure connection to Coze failed.",
            "Check the API address in Settings → Connection and your system's date, proxy and certificates.",
        ),
        "zh": ErrorText("与扣子的安全连接失败。", "请检查“设置 → 连接”中的 API 地址，以及系统时间、代理和证书。"),
    },
    ErrorKind.TIMEOUT: {
        "en": ErrorText("Coze stopped responding.", "Retry; what arrived so far is kept."),
        "zh": ErrorText("扣子没有响应。", "请重试，已收到的内容会保留。"),
    },
    ErrorKind.INTERRUPTED: {
        "en": ErrorText("The answer was cut off.", "Retry; what arrived so far is kept."),
        "zh": ErrorText("回答中途中断了。", "请重试，已收到的内容会保留。"),
    },
    ErrorKind.QUIT: {
        "en": ErrorText("The answer was cut off when the app quit.", "Retry; what arrived so far is kept."),
        "zh": ErrorText("退出应用时，这条回答被中断了。", "请重试，已收到的内容会保留。"),
    },
    ErrorKind.DISK_FULL: {
        "en": ErrorText(
            "This answer is not saved yet: the disk is full.",
            "Free some disk space: it is saved as soon as there is room. Keep the app open until then.",
        ),
        "zh": ErrorText(
            "这条回答还没有保存：磁盘已满。", "请释放一些磁盘空间，有空间后会自动保存。在此之前请不要关闭应用。"
        ),
    },
    ErrorKind.NO_ROOM_TO_ASK: {
        "en": ErrorText(
            "The disk is full, so the answer was not asked again.",
            "Free some disk space and try again; nothing changed in Coze.",
        ),
        "zh": ErrorText("磁盘已满，未能重新生成回答。", "请释放一些磁盘空间后重试；扣子上的内容没有改变。"),
    },
    ErrorKind.CHAT_FAILED: {
        "en": ErrorText("The bot could not finish its answer.", "Retry; if it keeps failing, check the bot in Coze."),
        "zh": ErrorText("智能体未能完成回答。", "请重试；如果一直失败，请在扣子中检查该智能体。"),
    },
    ErrorKind.PROTOCOL: {
        "en": ErrorText(
            "The API address did not answer like Coze.",
            "Check the API address in Settings → Connection (a proxy or login page may be in the way).",
        ),
        "zh": ErrorText(
            "API 地址返回的不是扣子的响应。", "请检查“设置 → 连接”中的 API 地址（可能被代理或登录页面拦截）。"
        ),
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
            "In Coze, replace the bot's local function with a cloud plugin or workflow, then ask again.",
        ),
        "zh": ErrorText(
            "智能体请求本应用执行一个工具（端侧函数），扣子桌面无法执行。",
            "请在扣子中把该智能体的端侧函数换成云端插件或工作流，然后重新提问。",
        ),
    },
    ErrorKind.UNKNOWN: {
        "en": ErrorText("Something went wrong talking to Coze.", "Retry; the details below say what Coze answered."),
        "zh": ErrorText("与扣子通信时出错了。", "请重试，下方详情中有扣子的返回信息。"),
    },
    ErrorKind.SIGN_IN_DENIED: {
        "en": ErrorText("The sign-in was denied in the browser.", "Start again and choose Authorize on the Coze page."),
        "zh": ErrorText("浏览器中拒绝了这次登录授权。", "请重新开始，并在扣子页面上点击“授权”。"),
    },
    ErrorKind.SIGN_IN_EXPIRED: {
        "en": ErrorText(
            "The sign-in code expired before it was confirmed.",
            "Start the sign-in again and confirm the new code in the browser within a few minutes.",
        ),
        "zh": ErrorText("登录码在确认之前已过期。", "请重新登录，并在几分钟内于浏览器中确认新的登录码。"),
    },
    ErrorKind.SIGN_IN_FAILED: {
        "en": ErrorText(
            "Coze refused to start the sign-in.",
            "Check the OAuth app's client ID and that its client type is “TV/device/command-line app”, and the region.",
        ),
        "zh": ErrorText(
            "扣子拒绝了这次登录。",
            "请检查 OAuth 应用的客户端 ID、客户端类型是否为“TV端/设备应用/类命令行程序”，以及区域是否正确。",
        ),
    },
    ErrorKind.SIGNED_OUT: {
        "en": ErrorText(
            "Your Coze sign-in has ended.",
            "Sign in again in Settings → Account (or run `coze-desktop login`).",
        ),
        "zh": ErrorText("你的扣子登录已失效。", "请在“设置 → 账号”中重新登录（或运行 `coze-desktop login`）。"),
    },
    ErrorKind.NO_TOKEN: {
        "en": ErrorText(
            "No access token yet — add one in Settings.",
            f"Paste a personal access token in Settings → Connection ({PAT_PAGES}) or sign in on the Account tab, "
            "then send again.",
        ),
        "zh": ErrorText(
            "还没有访问令牌——请在“设置”中添加。",
            f"在“设置 → 连接”中粘贴个人访问令牌（{PAT_PAGES}），或在“账号”页登录，然后重新发送。",
        ),
    },
    ErrorKind.TOKEN_GONE: {
        "en": ErrorText(
            "The token you kept for the last session only is gone: the app was restarted.",
            "Paste it again in Settings → Connection. Without a system keyring (GNOME Keyring, KWallet) it cannot be kept "
            "across restarts.",
        ),
        "zh": ErrorText(
            "上次仅在本次会话中保留的令牌已随重启失效。",
            "请在“设置 → 连接”中重新粘贴。没有系统密钥环（GNOME Keyring、KWallet）时，令牌无法跨重启保存。",
        ),
    },
}
