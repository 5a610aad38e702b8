<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>AccountPage</name>
        <message>
            <source>e.g. 12345678901234567890.app.coze</source>
            <translation>例如 12345678901234567890.app.coze</translation>
        </message>
        <message>
            <source>&amp;Sign in with Coze…</source>
            <translation>使用扣子账号登录(&amp;S)…</translation>
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation>退出登录(&amp;O)</translation>
        </message>
        <message>
            <source>To sign in you need an OAuth app of your own on Coze: open the OAuth apps page, create an app of type “普通” (normal) with the client type “TV端/设备应用/类命令行程序” (TV / device / command-line app), tick the permissions for chatting with bots and reading their info, plus listWorkspace and listBot for the bot list, save, and paste its client ID here. It is remembered for this address.</source>
            <translation>登录需要你在扣子上创建自己的 OAuth 应用：打开 OAuth 应用页面，新建应用类型为“普通”、客户端类型为“TV端/设备应用/类命令行程序”的应用，勾选与智能体对话和读取智能体信息的权限，以及用于智能体列表的 listWorkspace 和 listBot 权限，保存后把客户端 ID 粘贴到这里。该 ID 会按地址记住。</translation>
        </message>
        <message>
            <source>Open Coze's OAuth apps page</source>
            <translation>打开扣子的 OAuth 应用页面</translation>
        </message>
        <message>
            <source>My Coze &amp;account (signed in above)</source>
            <translation>我的扣子账号（上方登录的账号）(&amp;A)</translation>
        </message>
        <message>
            <source>The &amp;personal access token on the Connection tab</source>
            <translation>“连接”页中的个人访问令牌(&amp;P)</translation>
        </message>
        <message>
            <source>My personal access token &amp;expires on</source>
            <translation>我的个人访问令牌到期日期(&amp;E)</translation>
        </message>
        <message>
            <source>Coze personal access tokens expire after at most 30 days. Record the date and the app warns you 3 days before.</source>
            <translation>扣子的个人访问令牌最长 30 天就会过期。记下到期日期，应用会提前 3 天提醒你。</translation>
        </message>
        <message>
            <source>Signing in is not available in this window.</source>
            <translation>此窗口中无法登录。</translation>
        </message>
        <message>
            <source>OAuth app &amp;client ID:</source>
            <translation>OAuth 应用客户端 ID(&amp;C)：</translation>
        </message>
        <message>
            <source>Chats with this address use:</source>
            <translation>此地址的对话使用：</translation>
        </message>
        <message>
            <source>this address</source>
            <translation>此地址</translation>
        </message>
        <message>
            <source>Signed in to {host} as {name}</source>
            <translation>已以 {name} 的身份登录 {host}</translation>
        </message>
        <message>
            <source>Signed in to {host}.</source>
            <translation>已登录 {host}。</translation>
        </message>
        <message>
            <source>Not signed in to {host}.</source>
            <translation>尚未登录 {host}。</translation>
        </message>
        <message>
            <source>&amp;Sign in again…</source>
            <translation>重新登录(&amp;S)…</translation>
        </message>
        <message>
            <source>Paste your OAuth app's client ID first (see below).</source>
            <translation>请先粘贴你的 OAuth 应用的客户端 ID（见下方说明）。</translation>
        </message>
        <message>
            <source>Signed in. Chats with this address now use your account.</source>
            <translation>已登录。此地址的对话现在使用你的账号。</translation>
        </message>
        <message>
            <source>Signed out. The sign-in was removed from the keyring.</source>
            <translation>已退出登录，登录信息已从系统钥匙串中删除。</translation>
        </message>
    </context>
    <context>
        <name>AppearancePage</name>
        <message>
            <source>Follow the system</source>
            <translation>跟随系统</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <source>The whole app switches to the new language when you press OK.</source>
            <translation>按“确定”后，整个应用立即切换到新语言。</translation>
        </message>
        <message>
            <source>System default</source>
            <translation>系统默认</translation>
        </message>
        <message>
            <source> pt</source>
            <translation> 磅</translation>
        </message>
        <message>
            <source>The size of the messages' text; View ▸ Zoom in and Zoom out change it too. Menus, the chat list and the message box keep the system's size.</source>
            <translation>消息文字的大小；“视图 ▸ 放大/缩小”也能调整它。菜单、对话列表和输入框保持系统字号。</translation>
        </message>
        <message>
            <source>Load pictures in answers</source>
            <translation>加载回答中的图片</translation>
        </message>
        <message>
            <source>When off, pictures show as links and nothing is downloaded until you open one.</source>
            <translation>关闭后，图片显示为链接，在你打开之前不会下载任何内容。</translation>
        </message>
        <message>
            <source>&amp;Theme:</source>
            <translation>主题(&amp;T)：</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>语言(&amp;L)：</translation>
        </message>
        <message>
            <source>&amp;Font size:</source>
            <translation>字号(&amp;F)：</translation>
        </message>
        <message>
            <source>Pictures:</source>
            <translation>图片：</translation>
        </message>
    </context>
    <context>
        <name>AttachmentChips</name>
        <message>
            <source>{name} changed since it was attached, so it was taken out of this unsent message. Attach it again to send it as it is now.</source>
            <translation>{name} 在附加之后已被更改，因此已从这条未发送的消息中移除。如要发送它现在的内容，请重新附加。</translation>
        </message>
        <message>
            <source>{name} was taken out of this unsent message: the app's copy of it is gone or cannot be read. Attach it again to send it.</source>
            <translation>{name} 已从这条未发送的消息中移除：应用保存的副本已不存在或无法读取。请重新附加后再发送。</translation>
        </message>
    </context>
    <context>
        <name>BotPicker</name>
        <message>
            <source>Add bots from your workspaces</source>
            <translation>从工作空间添加智能体</translation>
        </message>
        <message>
            <source>Search by name or description</source>
            <translation>按名称或描述搜索</translation>
        </message>
        <message>
            <source>All workspaces</source>
            <translation>全部工作空间</translation>
        </message>
        <message>
            <source>&amp;Reload</source>
            <translation>重新加载(&amp;R)</translation>
        </message>
        <message>
            <source>The built-in demo bot: works offline, no account needed.</source>
            <translation>内置的演示智能体：离线可用，无需账号。</translation>
        </message>
        <message>
            <source>Loading the bots of your workspaces…</source>
            <translation>正在加载工作空间中的智能体…</translation>
        </message>
        <message>
            <source>{0} bot(s) and {1} chatflow(s) published to the API.</source>
            <translation>共有 {0} 个智能体和 {1} 个对话流已发布为 API。</translation>
        </message>
        <message>
            <source>{0} chatflow(s) published to the API.</source>
            <translation>共有 {0} 个对话流已发布为 API。</translation>
        </message>
        <message>
            <source>{0} bot(s) published to the API channel.</source>
            <translation>共有 {0} 个智能体已发布到 API 渠道。</translation>
        </message>
        <message>
            <source>No bot in your workspaces is published to the API channel yet. In Coze, publish a bot and tick “API”, then Reload.</source>
            <translation>你的工作空间中还没有发布到 API 渠道的智能体。请在扣子中发布智能体并勾选“API”，然后重新加载。</translation>
        </message>
        <message>
            <source>Chatflow in the app “{0}”</source>
            <translation>应用“{0}”中的对话流</translation>
        </message>
        <message>
            <source>added</source>
            <translation>已添加</translation>
        </message>
        <message>
            <source>Add {0} bot(s)</source>
            <translation>添加 {0} 个智能体</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>添加</translation>
        </message>
    </context>
    <context>
        <name>BotTest</name>
        <message>
            <source>The bot could not be tested ({0}).</source>
            <translation>无法测试该智能体（{0}）。</translation>
        </message>
    </context>
    <context>
        <name>BotsPage</name>
        <message>
            <source>No bots yet. Add one below by its ID.</source>
            <translation>还没有智能体。请在下方输入智能体 ID 添加。</translation>
        </message>
        <message>
            <source>Set as &amp;default</source>
            <translation>设为默认(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>移除(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Parameters…</source>
            <translation>参数(&amp;P)…</translation>
        </message>
        <message>
            <source>The chatflow's input parameters, sent with every message</source>
            <translation>对话流的输入参数，随每条消息发送</translation>
        </message>
        <message>
            <source>Test a&amp;gain</source>
            <translation>重新测试(&amp;G)</translation>
        </message>
        <message>
            <source>Ask Coze about the selected bot again</source>
            <translation>再向扣子查询所选智能体</translation>
        </message>
        <message>
            <source>&amp;Browse your bots…</source>
            <translation>浏览我的智能体(&amp;B)…</translation>
        </message>
        <message>
            <source>Pick bots from your Coze workspaces</source>
            <translation>从你的扣子工作空间中选择智能体</translation>
        </message>
        <message>
            <source>Add a &amp;chatflow…</source>
            <translation>添加对话流(&amp;C)…</translation>
        </message>
        <message>
            <source>Bot ID, e.g. 7350000000000000000</source>
            <translation>智能体 ID，例如 7350000000000000000</translation>
        </message>
        <message>
            <source>&amp;Test</source>
            <translation>测试(&amp;T)</translation>
        </message>
        <message>
            <source>Ask Coze for this bot's name, and add it if it answers</source>
            <translation>向扣子查询该智能体的名称，查询成功后自动添加</translation>
        </message>
        <message>
            <source>&amp;Add</source>
            <translation>添加(&amp;A)</translation>
        </message>
        <message>
            <source>Add the bot without testing it</source>
            <translation>不测试，直接添加该智能体</translation>
        </message>
        <message>
            <source>Add a bot by &amp;ID:</source>
            <translation>按 ID 添加智能体(&amp;I)：</translation>
        </message>
        <message>
            <source>The bot ID is the number after /bot/ in the address of the bot's page in Coze. The bot must be published to the API channel.</source>
            <translation>智能体 ID 是扣子中智能体编辑页网址里 /bot/ 后面的数字。智能体需要已发布到 API 渠道。</translation>
        </message>
        <message>
            <source>COZE_BOT_ID is set in the environment ({0}) and is used for this run (not saved).</source>
            <translation>已设置环境变量 COZE_BOT_ID（{0}），本次运行将使用它（不会保存）。</translation>
        </message>
        <message>
            <source>chatflow</source>
            <translation>对话流</translation>
        </message>
        <message>
            <source>{0} parameter(s)</source>
            <translation>{0} 个参数</translation>
        </message>
        <message>
            <source>its test failed</source>
            <translation>测试未通过</translation>
        </message>
        <message>
            <source>default</source>
            <translation>默认</translation>
        </message>
        <message>
            <source>A bot ID has no spaces.</source>
            <translation>智能体 ID 中不能包含空格。</translation>
        </message>
        <message>
            <source>Added, but marked: its test failed. {0}</source>
            <translation>已添加，但已标记为测试未通过。{0}</translation>
        </message>
        <message>
            <source>Enter an access token on the Connection tab, or sign in on the Account tab, first.</source>
            <translation>请先在“连接”页输入访问令牌，或在“账号”页登录。</translation>
        </message>
        <message>
            <source>Testing…</source>
            <translation>测试中…</translation>
        </message>
        <message>
            <source>&amp;Your bots:</source>
            <translation>我的智能体(&amp;Y)：</translation>
        </message>
        <message>
            <source>Fix the API address on the Connection tab first.</source>
            <translation>请先在“连接”页修正 API 地址。</translation>
        </message>
        <message>
            <source>Asking Coze about bot {0}…</source>
            <translation>正在向扣子查询智能体 {0}…</translation>
        </message>
        <message>
            <source>Found “{0}”.</source>
            <translation>已找到“{0}”。</translation>
        </message>
    </context>
    <context>
        <name>CardForm</name>
        <message>
            <source>Fill in</source>
            <translation>填写</translation>
        </message>
        <message>
            <source>{name} (optional)</source>
            <translation>{name}（选填）</translation>
        </message>
        <message>
            <source>Enter {name}…</source>
            <translation>请输入 {name}…</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>Fill in {names} before sending: the flow needs them.</source>
            <translation>请先填写 {names} 再发送：流程需要这些内容。</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>发送</translation>
        </message>
    </context>
    <context>
        <name>ChatHeader</name>
        <message>
            <source>Show or hide the chat list (Ctrl+B)</source>
            <translation>显示或隐藏对话列表（Ctrl+B）</translation>
        </message>
        <message>
            <source>Chat list</source>
            <translation>对话列表</translation>
        </message>
        <message>
            <source>The bot this new chat talks to</source>
            <translation>这个新对话使用的智能体</translation>
        </message>
        <message>
            <source>Bot for this chat</source>
            <translation>本对话的智能体</translation>
        </message>
        <message>
            <source>demo mode, local</source>
            <translation>演示模式，本地运行</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>新建对话</translation>
        </message>
        <message>
            <source>Chatflow</source>
            <translation>对话流</translation>
        </message>
        <message>
            <source>Bot</source>
            <translation>智能体</translation>
        </message>
    </context>
    <context>
        <name>ChatMedia</name>
        <message>
            <source>Copy picture</source>
            <translation>复制图片</translation>
        </message>
        <message>
            <source>Save picture as…</source>
            <translation>图片另存为…</translation>
        </message>
        <message>
            <source>Open picture in browser</source>
            <translation>在浏览器中打开图片</translation>
        </message>
        <message>
            <source>Downloading {name}…</source>
            <translation>正在下载 {name}…</translation>
        </message>
        <message>
            <source>Saved {name}</source>
            <translation>已保存 {name}</translation>
        </message>
        <message>
            <source>{name} is saved in {folder}, but nothing on this computer opens it. Open it from there.</source>
            <translation>{name} 已保存到 {folder}，但这台电脑上没有能打开它的程序。请从那个文件夹打开它。</translation>
        </message>
        <message>
            <source>{name} could not be downloaded. Check the connection and try again.</source>
            <translation>无法下载 {name}。请检查网络连接后重试。</translation>
        </message>
        <message>
            <source>Save as</source>
            <translation>另存为</translation>
        </message>
        <message>
            <source>Open a program?</source>
            <translation>要打开程序吗？</translation>
        </message>
        <message>
            <source>{name} is a program or a script that a bot sent. Open it only if you trust it.</source>
            <translation>{name} 是智能体发来的程序或脚本。只有在你信任它时才打开。</translation>
        </message>
    </context>
    <context>
        <name>ChatView</name>
        <message>
            <source>Messages</source>
            <extracomment>How links are opened (tests give their own); only http(s) URLs ever reach it.</extracomment>
            <translation>消息</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Copy as Markdown</source>
            <translation>复制为 Markdown</translation>
        </message>
        <message>
            <source>Copy message</source>
            <translation>复制消息</translation>
        </message>
        <message>
            <source>Copy code</source>
            <translation>复制代码</translation>
        </message>
        <message>
            <source>Open link</source>
            <translation>打开链接</translation>
        </message>
        <message>
            <source>Copy link address</source>
            <translation>复制链接地址</translation>
        </message>
        <message>
            <source>Save file as…</source>
            <translation>文件另存为…</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>重试</translation>
        </message>
        <message>
            <source>Regenerate</source>
            <translation>重新生成</translation>
        </message>
        <message>
            <source>Edit question…</source>
            <translation>编辑问题…</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <source>[{kind}: this kind of content is not shown here]</source>
            <translation>[{kind}：此类内容无法在这里显示]</translation>
        </message>
        <message>
            <source>[A card that Coze Desktop cannot show]</source>
            <translation>[扣子桌面无法显示的卡片]</translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>已复制</translation>
        </message>
        <message>
            <source>The rest of this table is not shown. Copy the message to get all of it.</source>
            <translation>表格的其余部分未显示。复制这条消息即可获取完整内容。</translation>
        </message>
        <message>
            <source>Deeply nested content is shown flattened.</source>
            <translation>嵌套过深的内容已展平显示。</translation>
        </message>
        <message>
            <source>Only the first 200 rows of this table are shown.</source>
            <translation>仅显示表格的前 200 行。</translation>
        </message>
        <message>
            <source>[image: {alt}]</source>
            <translation>[图片：{alt}]</translation>
        </message>
        <message>
            <source>[image]</source>
            <translation>[图片]</translation>
        </message>
        <message>
            <source>{seconds} s</source>
            <translation>{seconds} 秒</translation>
        </message>
        <message>
            <source>{minutes} min {seconds} s</source>
            <translation>{minutes} 分 {seconds} 秒</translation>
        </message>
        <message>
            <source>You stopped this answer.</source>
            <translation>你已停止这条回答。</translation>
        </message>
        <message>
            <source>This answer failed.</source>
            <translation>这条回答失败了。</translation>
        </message>
        <message>
            <source>This answer was interrupted.</source>
            <translation>这条回答中断了。</translation>
        </message>
        <message>
            <source>Open Settings</source>
            <translation>打开设置</translation>
        </message>
        <message>
            <source>Continue in a new Coze conversation</source>
            <translation>在新的扣子会话中继续</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>Copy details</source>
            <translation>复制详情</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <source>Assistant</source>
            <translation>助手</translation>
        </message>
        <message>
            <source>Thinking…</source>
            <translation>思考中…</translation>
        </message>
        <message>
            <source>Thinking</source>
            <translation>思考过程</translation>
        </message>
        <message>
            <source>{input} in · {output} out tokens</source>
            <translation>输入 {input} · 输出 {output} Token</translation>
        </message>
        <message>
            <source>Run details</source>
            <translation>运行详情</translation>
        </message>
        <message>
            <source>Liked</source>
            <translation>已赞</translation>
        </message>
        <message>
            <source>Like</source>
            <translation>赞</translation>
        </message>
        <message>
            <source>Disliked</source>
            <translation>已踩</translation>
        </message>
        <message>
            <source>Dislike</source>
            <translation>踩</translation>
        </message>
        <message>
            <source>New topic · the bot no longer sees the messages above</source>
            <translation>新话题 · 智能体不再看到以上消息</translation>
        </message>
        <message>
            <source>⚠ This picture could not be shown</source>
            <translation>⚠ 无法显示这张图片</translation>
        </message>
        <message>
            <source>Loading picture…</source>
            <translation>正在加载图片…</translation>
        </message>
        <message>
            <source>Option {number} of {count}: {name}</source>
            <translation>第 {number} 个选项，共 {count} 个：{name}</translation>
        </message>
        <message>
            <source>{title} Enter chooses it, the arrow keys move, Esc goes back to the message box.</source>
            <translation>{title} 按 Enter 选择，方向键切换选项，Esc 回到输入框。</translation>
        </message>
        <message>
            <source>Fill in and send…</source>
            <translation>填写并发送…</translation>
        </message>
        <message>
            <source>{title} Enter opens the form, Esc goes back to the message box.</source>
            <translation>{title} 按 Enter 打开表单，Esc 回到输入框。</translation>
        </message>
        <message>
            <source>Used a tool</source>
            <translation>调用了一个工具</translation>
        </message>
        <message>
            <source>Used tool {name}</source>
            <translation>调用了工具 {name}</translation>
        </message>
        <message>
            <source>Searched the knowledge base</source>
            <translation>检索了知识库</translation>
        </message>
        <message>
            <source>Step: {name}</source>
            <translation>步骤：{name}</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Arguments</source>
            <translation>参数</translation>
        </message>
        <message>
            <source>Found</source>
            <translation>找到的内容</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>No output from the tool yet.</source>
            <translation>工具还没有返回结果。</translation>
        </message>
        <message>
            <source>Wait for the answer to finish (or stop it), then edit the question.</source>
            <translation>请等回答结束（或停止回答）后再编辑问题。</translation>
        </message>
        <message>
            <source>Wait for the answer to finish (or stop it), then regenerate.</source>
            <translation>请等回答结束（或停止回答）后再重新生成。</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件</translation>
        </message>
        <message>
            <source>A button of {who}'s message. Enter presses it, Tab goes to the next one.</source>
            <translation>{who}的消息上的按钮。按 Enter 按下它，Tab 转到下一个。</translation>
        </message>
        <message>
            <source>{who}: {text}</source>
            <translation>{who}：{text}</translation>
        </message>
        <message>
            <source>Message {number} of {count}. Enter copies it, the Menu key opens its menu, Tab goes to its buttons, Esc goes back to the message box.</source>
            <translation>第 {number} 条消息，共 {count} 条。按 Enter 复制，菜单键打开它的菜单，Tab 转到它的按钮，Esc 回到输入框。</translation>
        </message>
        <message>
            <source>You</source>
            <translation>你</translation>
        </message>
        <message>
            <source>The bot</source>
            <translation>智能体</translation>
        </message>
        <message>
            <source>Previous version</source>
            <translation>上一个版本</translation>
        </message>
        <message>
            <source>Next version</source>
            <translation>下一个版本</translation>
        </message>
        <message>
            <source>Ask: {question}</source>
            <translation>提问：{question}</translation>
        </message>
        <message>
            <source>Link: {text}</source>
            <translation>链接：{text}</translation>
        </message>
        <message>
            <source>Picture</source>
            <translation>图片</translation>
        </message>
        <message>
            <source>Not on this computer</source>
            <translation>不在这台电脑上</translation>
        </message>
        <message>
            <source>{name} (optional)</source>
            <translation>{name}（选填）</translation>
        </message>
        <message>
            <source>Show less</source>
            <translation>收起</translation>
        </message>
        <message>
            <source>Show all ({count} characters)</source>
            <translation>展开全部（共 {count} 个字符）</translation>
        </message>
    </context>
    <context>
        <name>ChatflowIdDialog</name>
        <message>
            <source>Add a chatflow</source>
            <translation>添加对话流</translation>
        </message>
        <message>
            <source>Workflow ID, e.g. 7450000000000000000</source>
            <translation>工作流 ID，例如 7450000000000000000</translation>
        </message>
        <message>
            <source>In an app</source>
            <translation>在应用中</translation>
        </message>
        <message>
            <source>In a bot</source>
            <translation>在智能体中</translation>
        </message>
        <message>
            <source>App or bot ID</source>
            <translation>应用或智能体的 ID</translation>
        </message>
        <message>
            <source>&amp;Workflow ID:</source>
            <translation>工作流 ID(&amp;W)：</translation>
        </message>
        <message>
            <source>&amp;Runs:</source>
            <translation>运行于(&amp;R)：</translation>
        </message>
        <message>
            <source>&amp;ID:</source>
            <translation>ID(&amp;I)：</translation>
        </message>
        <message>
            <source>The IDs are the numbers in the addresses of the chatflow and of its app (or bot) in Coze. The chatflow must be published (an app's, as an API service).</source>
            <translation>ID 是扣子中对话流及其应用（或智能体）网址里的数字。对话流必须已发布（应用需发布为 API 服务）。</translation>
        </message>
    </context>
    <context>
        <name>Chip</name>
        <message>
            <source>Reading…</source>
            <translation>正在读取…</translation>
        </message>
        <message>
            <source>Remove {name}</source>
            <translation>移除 {name}</translation>
        </message>
        <message>
            <source>Reading {name}…</source>
            <translation>正在读取 {name}…</translation>
        </message>
        <message>
            <source>Stop sending {name}</source>
            <translation>停止发送 {name}</translation>
        </message>
    </context>
    <context>
        <name>Commands</name>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Coze</source>
            <translation>扣子(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>In the message box</source>
            <translation>在输入框中</translation>
        </message>
        <message>
            <source>In the chat</source>
            <translation>在对话中</translation>
        </message>
        <message>
            <source>In the chat list</source>
            <translation>在对话列表中</translation>
        </message>
        <message>
            <source>While renaming a chat</source>
            <translation>重命名对话时</translation>
        </message>
        <message>
            <source>While editing a question</source>
            <translation>编辑问题时</translation>
        </message>
        <message>
            <source>In a picture preview</source>
            <translation>在图片预览中</translation>
        </message>
        <message>
            <source>In a chatflow's card</source>
            <translation>在对话流的卡片中</translation>
        </message>
        <message>
            <source>&amp;New chat</source>
            <translation>新建对话(&amp;N)</translation>
        </message>
        <message>
            <source>Chat with the &amp;demo bot</source>
            <translation>与演示智能体聊天(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Import chats…</source>
            <translation>导入对话(&amp;I)…</translation>
        </message>
        <message>
            <source>&amp;Export this chat…</source>
            <translation>导出当前对话(&amp;E)…</translation>
        </message>
        <message>
            <source>Export &amp;all chats…</source>
            <translation>导出全部对话(&amp;A)…</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation>设置(&amp;S)…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>撤销(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>重做(&amp;R)</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>剪切(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>复制(&amp;C)</translation>
        </message>
        <message>
            <source>Copy as Mar&amp;kdown</source>
            <translation>复制为 Markdown(&amp;K)</translation>
        </message>
        <message>
            <source>Copy the &amp;last answer</source>
            <translation>复制最后一条回答(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>粘贴(&amp;P)</translation>
        </message>
        <message>
            <source>Select &amp;all</source>
            <translation>全选(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Search all chats</source>
            <translation>搜索所有对话(&amp;S)</translation>
        </message>
        <message>
            <source>P&amp;in or unpin chat</source>
            <translation>置顶或取消置顶(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Delete chat</source>
            <translation>删除对话(&amp;D)</translation>
        </message>
        <message>
            <source>Focus the &amp;message box</source>
            <translation>转到消息输入框(&amp;M)</translation>
        </message>
        <message>
            <source>Show the chat &amp;list</source>
            <translation>显示对话列表(&amp;L)</translation>
        </message>
        <message>
            <source>Zoom &amp;in</source>
            <translation>放大(&amp;I)</translation>
        </message>
        <message>
            <source>Zoom &amp;out</source>
            <translation>缩小(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Actual size</source>
            <translation>实际大小(&amp;A)</translation>
        </message>
        <message>
            <source>New &amp;topic (clear context)</source>
            <translation>新话题（清除上下文）(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Sync now</source>
            <translation>立即同步(&amp;S)</translation>
        </message>
        <message>
            <source>Sync &amp;automatically</source>
            <translation>自动同步(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>键盘快捷键(&amp;K)</translation>
        </message>
        <message>
            <source>Open the &amp;log folder</source>
            <translation>打开日志文件夹(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;About Coze Desktop</source>
            <translation>关于扣子桌面(&amp;A)</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>关于 Qt(&amp;Q)</translation>
        </message>
        <message>
            <source>Send the message</source>
            <translation>发送消息</translation>
        </message>
        <message>
            <source>New line</source>
            <translation>换行</translation>
        </message>
        <message>
            <source>Stop the answer or the upload</source>
            <translation>停止回答或上传</translation>
        </message>
        <message>
            <source>Go to the chatflow's card</source>
            <translation>转到对话流的卡片</translation>
        </message>
        <message>
            <source>Extend the selection</source>
            <translation>扩展选区</translation>
        </message>
        <message>
            <source>Previous message (a long one scrolls)</source>
            <translation>上一条消息（长消息先滚动）</translation>
        </message>
        <message>
            <source>Next message (a long one scrolls)</source>
            <translation>下一条消息（长消息先滚动）</translation>
        </message>
        <message>
            <source>Go to the first message</source>
            <translation>跳到第一条消息</translation>
        </message>
        <message>
            <source>The message's buttons and suggested questions, one by one</source>
            <translation>逐个转到消息的按钮和推荐问题</translation>
        </message>
        <message>
            <source>Copy the message (on a button: press it)</source>
            <translation>复制消息（在按钮上：按下按钮）</translation>
        </message>
        <message>
            <source>Press the button</source>
            <translation>按下按钮</translation>
        </message>
        <message>
            <source>The message's menu</source>
            <translation>消息的菜单</translation>
        </message>
        <message>
            <source>Clear the selection, else back to the message box</source>
            <translation>取消选择；没有选择时回到输入框</translation>
        </message>
        <message>
            <source>Clear the search; in the empty box, back to the message box</source>
            <translation>清空搜索；搜索框已空时回到消息输入框</translation>
        </message>
        <message>
            <source>Go to the latest message</source>
            <translation>跳到最新消息</translation>
        </message>
        <message>
            <source>Re&amp;name chat</source>
            <translation>重命名对话(&amp;N)</translation>
        </message>
        <message>
            <source>St&amp;op answer</source>
            <translation>停止回答(&amp;O)</translation>
        </message>
        <message>
            <source>Coze API &amp;documentation</source>
            <translation>扣子 API 文档(&amp;D)</translation>
        </message>
        <message>
            <source>Delete the chat (Undo is offered)</source>
            <translation>删除对话（可撤销）</translation>
        </message>
        <message>
            <source>Back to the chat (narrow window)</source>
            <translation>回到对话（窄窗口）</translation>
        </message>
        <message>
            <source>Keep the new title</source>
            <translation>保留新标题</translation>
        </message>
        <message>
            <source>Cancel renaming</source>
            <translation>取消重命名</translation>
        </message>
        <message>
            <source>Send the changed question</source>
            <translation>发送修改后的问题</translation>
        </message>
        <message>
            <source>Next option</source>
            <translation>下一个选项</translation>
        </message>
        <message>
            <source>Previous option</source>
            <translation>上一个选项</translation>
        </message>
        <message>
            <source>Choose it (an input card: fill in its form)</source>
            <translation>选择它（输入卡片：填写表单）</translation>
        </message>
        <message>
            <source>Choose option 1 to 9</source>
            <translation>选择第 1 到 9 个选项</translation>
        </message>
        <message>
            <source>Back to the message box</source>
            <translation>回到输入框</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>放大</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>缩小</translation>
        </message>
        <message>
            <source>Actual size</source>
            <translation>实际大小</translation>
        </message>
        <message>
            <source>Fit to the window</source>
            <translation>适应窗口</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>Composer</name>
        <message>
            <source>Message the bot… (Enter to send, Shift+Enter for a new line)</source>
            <translation>给智能体发消息…（Enter 发送，Shift+Enter 换行）</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>发送</translation>
        </message>
        <message>
            <source>Attach files (or paste or drop them here)</source>
            <translation>添加附件（也可以粘贴或拖放到这里）</translation>
        </message>
        <message>
            <source>Attach files</source>
            <translation>添加附件</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Stop sending the attachments (Esc); the message stays here</source>
            <translation>停止发送附件（Esc）；消息会留在这里</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Stop the answer (Esc)</source>
            <translation>停止回答（Esc）</translation>
        </message>
        <message>
            <source>Send (Enter)</source>
            <translation>发送（Enter）</translation>
        </message>
        <message>
            <source>Nothing was sent: {command} did not run. Check the attached files and choose it again.</source>
            <translation>没有发送任何内容：快捷指令 {command} 没有运行。请检查附件后再次选择它。</translation>
        </message>
        <message>
            <source>Nothing was sent: the question you chose is in the message box now. Check it and send it again.</source>
            <translation>没有发送任何内容：你选择的问题已放进输入框。请检查后再次发送。</translation>
        </message>
        <message>
            <source>Nothing was sent: your message is still here. Check it and send it again.</source>
            <translation>没有发送任何内容：你的消息还在这里。请检查后再次发送。</translation>
        </message>
        <message>
            <source>The pasted text is longer than a message can be ({limit} characters), so it is attached as {name}. Remove it with × to paste a shorter part instead.</source>
            <translation>粘贴的文字超过了一条消息的上限（{limit} 个字符），所以已作为附件 {name} 添加。想改为粘贴其中较短的一段，请用 × 移除它。</translation>
        </message>
        <message>
            <source>Checking the attached files before sending…</source>
            <translation>正在检查附件，检查完后发送…</translation>
        </message>
        <message>
            <source>Sending once the attached files are read…</source>
            <translation>附件读取完成后即发送…</translation>
        </message>
        <message>
            <source>Attachments are not available here.</source>
            <translation>这里无法添加附件。</translation>
        </message>
        <message>
            <source>Message the bot…</source>
            <translation>给智能体发消息…</translation>
        </message>
        <message>
            <source>{name} cannot be read.</source>
            <translation>无法读取 {name}。</translation>
        </message>
    </context>
    <context>
        <name>ConnectionPage</name>
        <message>
            <source>coze.cn (api.coze.cn)</source>
            <translation>coze.cn 国内版（api.coze.cn）</translation>
        </message>
        <message>
            <source>coze.com (api.coze.com)</source>
            <translation>coze.com 海外版（api.coze.com）</translation>
        </message>
        <message>
            <source>Custom…</source>
            <translation>自定义…</translation>
        </message>
        <message>
            <source>Paste your personal access token (pat_…)</source>
            <translation>粘贴你的个人访问令牌（pat_…）</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>粘贴(&amp;P)</translation>
        </message>
        <message>
            <source>Paste the token from the clipboard</source>
            <translation>从剪贴板粘贴令牌</translation>
        </message>
        <message>
            <source>Tokens are per site: a token created on coze.cn only works with api.coze.cn, a coze.com token only with api.coze.com.</source>
            <translation>令牌按站点区分：在 coze.cn 创建的令牌只能用于 api.coze.cn，coze.com 的令牌只能用于 api.coze.com。</translation>
        </message>
        <message>
            <source>COZE_API_TOKEN is set but holds no token, so it is ignored: unset it or set it to a personal access token.</source>
            <translation>COZE_API_TOKEN 已设置但没有令牌，因此被忽略：请取消设置它，或把它设为个人访问令牌。</translation>
        </message>
        <message>
            <source>&amp;Region:</source>
            <translation>区域(&amp;R)：</translation>
        </message>
        <message>
            <source>API &amp;address:</source>
            <translation>API 地址(&amp;A)：</translation>
        </message>
        <message>
            <source>Access &amp;token:</source>
            <translation>访问令牌(&amp;T)：</translation>
        </message>
        <message>
            <source>Keep the token for this session only</source>
            <translation>仅在本次运行期间保留令牌</translation>
        </message>
        <message>
            <source>No system keyring is available: {0}. The token cannot be saved.</source>
            <translation>没有可用的系统密钥环：{0}。令牌无法保存。</translation>
        </message>
        <message>
            <source>The token is stored in the system keyring ({0}), never in a file.</source>
            <translation>令牌保存在系统密钥环（{0}）中，不会写入任何文件。</translation>
        </message>
        <message>
            <source>Create a token on {0}…</source>
            <translation>在 {0} 上创建令牌…</translation>
        </message>
        <message>
            <source>Enter the API address, for example https://api.coze.cn.</source>
            <translation>请输入 API 地址，例如 https://api.coze.cn。</translation>
        </message>
        <message>
            <source>Plain http is only allowed for this computer (localhost or 127.x.x.x): elsewhere your token would travel unencrypted. Use https://.</source>
            <translation>只有本机地址（localhost 或 127.x.x.x）可以使用 http，否则令牌会以明文传输。请使用 https://。</translation>
        </message>
        <message>
            <source>This is not a web address. Enter one that starts with https://.</source>
            <translation>这不是有效的网址，请输入以 https:// 开头的地址。</translation>
        </message>
        <message>
            <source>Hide the token</source>
            <translation>隐藏令牌</translation>
        </message>
        <message>
            <source>Show the token</source>
            <translation>显示令牌</translation>
        </message>
        <message>
            <source>install and unlock GNOME Keyring, KWallet or a similar keyring service</source>
            <translation>请安装并解锁 GNOME 密钥环、KWallet 或类似的密钥服务</translation>
        </message>
        <message>
            <source>the configured keyring ({0}) would store it in a plain file</source>
            <translation>当前配置的密钥环（{0}）会把令牌以明文存入文件</translation>
        </message>
        <message>
            <source>the keyring backend {0} is not usable here</source>
            <translation>密钥环后端 {0} 在此无法使用</translation>
        </message>
        <message>
            <source>COZE_API_TOKEN is set in the environment and is used for this run (not saved).</source>
            <translation>已设置环境变量 COZE_API_TOKEN，本次运行将使用它（不会保存）。</translation>
        </message>
        <message>
            <source>COZE_API_BASE is set in the environment ({0}) and is used for this run (not saved).</source>
            <translation>已设置环境变量 COZE_API_BASE（{0}），本次运行将使用它（不会保存）。</translation>
        </message>
    </context>
    <context>
        <name>ConversationActions</name>
        <message>
            <source>New chat</source>
            <translation>新建对话</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>撤销</translation>
        </message>
        <message>
            <source>Also delete on Coze</source>
            <translation>同时在扣子上删除</translation>
        </message>
        <message>
            <source>Deleted “{title}”.</source>
            <translation>已删除“{title}”。</translation>
        </message>
    </context>
    <context>
        <name>ConversationListModel</name>
        <message>
            <source>Stopped</source>
            <translation>已停止</translation>
        </message>
        <message>
            <source>Bot</source>
            <translation>智能体</translation>
        </message>
        <message>
            <source>You</source>
            <translation>你</translation>
        </message>
    </context>
    <context>
        <name>ConversationPane</name>
        <message>
            <source>Search (Ctrl+K)</source>
            <translation>搜索 (Ctrl+K)</translation>
        </message>
        <message>
            <source>Search all chats (Ctrl+K)</source>
            <translation>搜索所有对话（Ctrl+K）</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>新建对话</translation>
        </message>
        <message>
            <source>New chat (Ctrl+N)</source>
            <translation>新建对话（Ctrl+N）</translation>
        </message>
        <message>
            <source>No chats yet.
Start one with New chat (Ctrl+N).</source>
            <translation>还没有对话。
点击“新建对话”（Ctrl+N）开始。</translation>
        </message>
        <message>
            <source>Rename</source>
            <translation>重命名</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Unpin</source>
            <translation>取消置顶</translation>
        </message>
        <message>
            <source>Pin to top</source>
            <translation>置顶</translation>
        </message>
    </context>
    <context>
        <name>ConversationPresenter</name>
        <message>
            <source>Another window or coze-desktop ask is still getting an answer in this chat. Send again when it has arrived; your message is still here.</source>
            <translation>另一个窗口或 coze-desktop ask 正在这个对话里等待回答。回答到达后再发送；你的消息还在这里。</translation>
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <source>Something went wrong</source>
            <translation>出了点问题</translation>
        </message>
        <message>
            <source>Coze Desktop ran into an unexpected problem. Your chats are saved, and the app keeps running; if something looks wrong, restart it.</source>
            <translation>扣子桌面遇到了一个意外问题。你的对话已保存，应用会继续运行；如果有地方看起来不对，请重启应用。</translation>
        </message>
        <message>
            <source>The details are in the log: {path}</source>
            <translation>详细信息已写入日志：{path}</translation>
        </message>
        <message>
            <source>Copy details</source>
            <translation>复制详情</translation>
        </message>
        <message>
            <source>Open log folder</source>
            <translation>打开日志文件夹</translation>
        </message>
    </context>
    <context>
        <name>DislikeDialog</name>
        <message>
            <source>What was wrong with this answer?</source>
            <translation>这个回答哪里不好？</translation>
        </message>
        <message>
            <source>Optional: tell Coze why, so the bot's author can improve it.</source>
            <translation>可选：告诉扣子原因，帮助智能体作者改进。</translation>
        </message>
        <message>
            <source>Inaccurate</source>
            <translation>不准确</translation>
        </message>
        <message>
            <source>Not helpful</source>
            <translation>没有帮助</translation>
        </message>
        <message>
            <source>Too long</source>
            <translation>太啰嗦</translation>
        </message>
        <message>
            <source>Off topic</source>
            <translation>答非所问</translation>
        </message>
        <message>
            <source>Harmful or offensive</source>
            <translation>有害或冒犯</translation>
        </message>
        <message>
            <source>A comment (optional)</source>
            <translation>补充说明（可选）</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>发送</translation>
        </message>
    </context>
    <context>
        <name>DraftUpload</name>
        <message>
            <source>Coze did not accept the attachments. Your message is still here: check the files and send again, or remove one with ×.</source>
            <translation>扣子没有接受这些附件。你的消息还在：请检查文件后重新发送，或用 × 移除其中一个。</translation>
        </message>
        <message>
            <source>The attachments were not sent: {what} {action}</source>
            <translation>附件没有发送：{what}{action}</translation>
        </message>
    </context>
    <context>
        <name>DropOverlay</name>
        <message>
            <source>Drop files to attach them</source>
            <translation>拖放到这里以添加附件</translation>
        </message>
        <message>
            <source>Pictures and files go with your next message</source>
            <translation>图片和文件会随下一条消息一起发送</translation>
        </message>
    </context>
    <context>
        <name>EditQuestionDialog</name>
        <message>
            <source>Edit question</source>
            <translation>编辑问题</translation>
        </message>
        <message>
            <source>The answer below it is asked again; the current answer stays as an earlier version. {send} sends, {enter} starts a new line.</source>
            <translation>将据此重新提问；当前的回答会保留为较早的版本。{send} 发送，{enter} 换行。</translation>
        </message>
        <message>
            <source>Question</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>发送</translation>
        </message>
    </context>
    <context>
        <name>FeedbackActions</name>
        <message>
            <source>This chat is only on this computer: Coze cannot take a rating for it.</source>
            <translation>这个对话只在本机：扣子无法接收对它的评价。</translation>
        </message>
        <message>
            <source>This answer can't be rated: Coze no longer has it.</source>
            <translation>这条回答无法评价：扣子上已经没有它了。</translation>
        </message>
        <message>
            <source>Coze did not take the rating: {sentence} {action}</source>
            <translation>扣子未接收此评价：{sentence}{action}</translation>
        </message>
    </context>
    <context>
        <name>HelpActions</name>
        <message>
            <source>About Coze Desktop</source>
            <translation>关于扣子桌面</translation>
        </message>
        <message>
            <source>&lt;h3&gt;Coze Desktop {version}&lt;/h3&gt;&lt;p&gt;A desktop chat app for bots built on Coze (扣子).&lt;/p&gt;&lt;p&gt;Your chats are stored on this computer; your token stays in the system keyring.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;扣子桌面 {version}&lt;/h3&gt;&lt;p&gt;为扣子（Coze）上搭建的智能体打造的桌面聊天应用。&lt;/p&gt;&lt;p&gt;你的对话保存在这台电脑上，令牌保存在系统密钥环中。&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>ImagePreview</name>
        <message>
            <source>Picture</source>
            <translation>图片</translation>
        </message>
    </context>
    <context>
        <name>IntroWidget</name>
        <message>
            <source>Start a new conversation</source>
            <translation>开始新对话</translation>
        </message>
    </context>
    <context>
        <name>JumpButton</name>
        <message>
            <source>Jump to latest</source>
            <translation>跳到最新消息</translation>
        </message>
    </context>
    <context>
        <name>LengthCount</name>
        <message>
            <source>{count} / {limit} characters: it can still be sent, but if the app closes first, its draft keeps only the first {limit}.</source>
            <translation>{count} / {limit} 个字符：仍可发送，但如果应用先关闭，草稿只保留前 {limit} 个字符。</translation>
        </message>
        <message>
            <source>{count} / {limit} characters</source>
            <translation>{count} / {limit} 个字符</translation>
        </message>
    </context>
    <context>
        <name>LinkOpening</name>
        <message>
            <source>Copy link</source>
            <translation>复制链接</translation>
        </message>
        <message>
            <source>Save file as…</source>
            <translation>文件另存为…</translation>
        </message>
        <message>
            <source>Nothing on this computer could open {name}: no web browser or file opener is set up. Copy the link, or save the file and open it from its folder.</source>
            <translation>这台电脑无法打开 {name}：没有设置网页浏览器或用来打开文件的程序。请复制链接，或者把文件保存下来，再从它所在的文件夹打开。</translation>
        </message>
        <message>
            <source>Nothing on this computer could open this link: no web browser is set up. Copy the link and open it in a browser on another device.</source>
            <translation>这台电脑无法打开这个链接：没有设置网页浏览器。请复制链接，在另一台设备的浏览器中打开。</translation>
        </message>
    </context>
    <context>
        <name>ListLabels</name>
        <message>
            <source>Pinned</source>
            <translation>已置顶</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>Yesterday</source>
            <translation>昨天</translation>
        </message>
        <message>
            <source>Previous 7 days</source>
            <translation>过去 7 天</translation>
        </message>
        <message>
            <source>Older</source>
            <translation>更早</translation>
        </message>
        <message>
            <source>Answer failed</source>
            <translation>回答失败</translation>
        </message>
        <message>
            <source>Answer cut off</source>
            <translation>回答中断</translation>
        </message>
        <message>
            <source>Answering…</source>
            <translation>正在回答…</translation>
        </message>
        <message>
            <source>Chat title</source>
            <translation>对话标题</translation>
        </message>
        <message>
            <source>only on this computer</source>
            <translation>仅在本机</translation>
        </message>
        <message>
            <source>local only</source>
            <translation>本机</translation>
        </message>
        <message>
            <source>{speaker}: {words}</source>
            <translation>{speaker}：{words}</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Coze Desktop</source>
            <translation>扣子桌面</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>新建对话</translation>
        </message>
        <message>
            <source>A new chat needs a bot: try the demo bot or connect your Coze bot.</source>
            <translation>新对话需要一个智能体：试用演示智能体，或连接你的扣子智能体。</translation>
        </message>
        <message>
            <source>{title} — Coze Desktop</source>
            <translation>{title} — 扣子桌面</translation>
        </message>
    </context>
    <context>
        <name>OutsideHold</name>
        <message>
            <source>Another window or coze-desktop ask is getting an answer in this chat. You can send when it has arrived; your message stays here.</source>
            <translation>另一个窗口或 coze-desktop ask 正在这个对话里等待回答。回答到达后就可以发送；你的消息会留在这里。</translation>
        </message>
    </context>
    <context>
        <name>ParametersDialog</name>
        <message>
            <source>Parameters of “{0}”</source>
            <translation>“{0}”的参数</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>值</translation>
        </message>
        <message>
            <source>&amp;Add parameter</source>
            <translation>添加参数(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>移除(&amp;R)</translation>
        </message>
        <message>
            <source>Sent as the chatflow's input parameters with every message to it. Values are text.</source>
            <translation>作为对话流的输入参数随每条消息发送，值均为文本。</translation>
        </message>
    </context>
    <context>
        <name>PdfExport</name>
        <message>
            <source>Untitled chat</source>
            <translation>未命名对话</translation>
        </message>
        <message>
            <source>Earlier version {0} of {1}</source>
            <translation>较早的版本 {0}/{1}</translation>
        </message>
        <message>
            <source>asked as: {0}</source>
            <translation>当时的问题：{0}</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translation>查找范围(&amp;L)：</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>文件类型(&amp;T)：</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>Cancel</source>
            <extracomment>The desktops on which Qt loads its GTK 3 theme plugin (Qt's qgenericunixthemes.cpp), and falls back to its built-in GNOME theme where that plugin is missing.</extracomment>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>QuitQuestion</name>
        <message>
            <source>{count} answer(s) could not be saved to your history because the disk is full. Free some disk space and choose Retry saving, or save them to a file (on another disk, say). If you quit anyway, they are lost.</source>
            <translation>由于磁盘已满，有 {count} 条回答未能保存到对话记录。请释放一些磁盘空间后选择“重试保存”，或将它们保存到一个文件（例如另一块磁盘上）。如果仍然退出，它们将会丢失。</translation>
        </message>
        <message>
            <source>{count} answer(s) could not be saved to your history because another Coze Desktop command kept it busy. Choose Retry saving once it is done, or save them to a file. If you quit anyway, they are lost.</source>
            <translation>由于另一个扣子桌面命令一直占用对话记录，有 {count} 条回答未能保存到对话记录。请等它结束后选择“重试保存”，或将它们保存到一个文件。如果仍然退出，它们将会丢失。</translation>
        </message>
        <message>
            <source>An answer still streaming stops when you quit.</source>
            <translation>正在生成的回答会在退出时停止。</translation>
        </message>
        <message>
            <source>Quit with answers not saved?</source>
            <translation>有回答未保存，仍要退出吗？</translation>
        </message>
        <message>
            <source>Retry saving</source>
            <translation>重试保存</translation>
        </message>
        <message>
            <source>Save to a file and quit…</source>
            <translation>保存到文件并退出…</translation>
        </message>
        <message>
            <source>Quit anyway</source>
            <translation>仍然退出</translation>
        </message>
        <message>
            <source>Still not saved: {count} answer(s) left.</source>
            <translation>仍未保存：还有 {count} 条回答。</translation>
        </message>
    </context>
    <context>
        <name>ReadOnlyProfile</name>
        <message>
            <source>History opened read-only</source>
            <translation>已以只读方式打开历史记录</translation>
        </message>
        <message>
            <source>Coze Desktop cannot write to its folder:
{path}

Your chats are open read-only: you can read, search and export them, but not chat or change settings. Make the folder writable (or choose another with --profile) and start Coze Desktop again.</source>
            <translation>扣子桌面无法写入它的文件夹：
{path}

你的对话已以只读方式打开：可以阅读、搜索和导出，但不能聊天或更改设置。请让该文件夹可写（或用 --profile 选择其他文件夹），然后重新启动扣子桌面。</translation>
        </message>
        <message>
            <source>The disk holding your chats is full:
{path}

Your chats are open read-only: you can read, search and export them, but not chat. Free some disk space and start Coze Desktop again.</source>
            <translation>保存对话记录的磁盘已满：
{path}

你的对话已以只读方式打开：可以阅读、搜索和导出，但不能聊天。请释放一些磁盘空间，然后重新启动扣子桌面。</translation>
        </message>
        <message>
            <source>Logs of this session: {path}</source>
            <translation>本次运行的日志：{path}</translation>
        </message>
    </context>
    <context>
        <name>RetryNotice</name>
        <message>
            <source>Coze is busy</source>
            <translation>扣子繁忙</translation>
        </message>
        <message>
            <source>The bot's model is at its limit</source>
            <translation>智能体的模型已达到上限</translation>
        </message>
        <message>
            <source>Coze is limiting the request rate</source>
            <translation>扣子正在限制请求频率</translation>
        </message>
        <message>
            <source>{reason} — retrying now (attempt {n})…</source>
            <translation>{reason} — 正在重试（第 {n} 次）…</translation>
        </message>
        <message>
            <source>{reason} — retrying in {s} s… (Esc stops)</source>
            <translation>{reason} — {s} 秒后重试…（按 Esc 停止）</translation>
        </message>
    </context>
    <context>
        <name>ReworkNotices</name>
        <message>
            <source>Coze could not be given back {0} later messages of this chat: the bot may not remember them.</source>
            <translation>未能把这个对话后面的 {0} 条消息交还给扣子：智能体可能不记得它们了。</translation>
        </message>
        <message>
            <source>Too many messages follow this answer to reorder them on Coze: the bot will remember the new answer as the latest message.</source>
            <translation>这个回答后面的消息太多，无法在扣子上重新排序：智能体会把新回答当作最新的一条消息记住。</translation>
        </message>
    </context>
    <context>
        <name>RowActions</name>
        <message>
            <source>Copy chat as Markdown</source>
            <translation>以 Markdown 复制对话</translation>
        </message>
    </context>
    <context>
        <name>SearchResults</name>
        <message>
            <source>No messages match “{query}”.</source>
            <translation>没有消息包含“{query}”。</translation>
        </message>
        <message>
            <source>Showing the newest {count} matches. Add words to find older ones.</source>
            <translation>只显示了最新的 {count} 条结果。再加几个词可以找到更早的消息。</translation>
        </message>
    </context>
    <context>
        <name>SessionNotices</name>
        <message>
            <source>Your personal access token has expired: make a new one, or sign in (Settings).</source>
            <translation>你的个人访问令牌已过期：请创建新令牌，或在设置中登录账号。</translation>
        </message>
        <message>
            <source>Your personal access token expires in {0} day(s): make a new one, or sign in (Settings).</source>
            <translation>你的个人访问令牌将在 {0} 天后过期：请创建新令牌，或在设置中登录账号。</translation>
        </message>
        <message>
            <source>History recovered</source>
            <translation>聊天记录已重建</translation>
        </message>
        <message>
            <source>The chat history file could not be read, so a new one was started. The old file was kept here:
{path}</source>
            <translation>无法读取聊天记录文件，已新建一个。旧文件保留在：
{path}</translation>
        </message>
        <message>
            <source>COZE_API_TOKEN is set but holds no token, so it is ignored: unset it or set it to a personal access token.</source>
            <translation>COZE_API_TOKEN 已设置但没有令牌，因此被忽略：请取消设置它，或把它设为个人访问令牌。</translation>
        </message>
        <message>
            <source>The chat history file was damaged. What could still be read ({chats} chats, {messages} messages) was copied into a new history. The old file was kept here:
{path}</source>
            <translation>聊天记录文件已损坏。仍能读取的内容（{chats} 个对话、{messages} 条消息）已复制到新的聊天记录中。旧文件保留在：
{path}</translation>
        </message>
        <message>
            <source>Token not saved</source>
            <translation>令牌未保存</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Connection</source>
            <translation>连接</translation>
        </message>
        <message>
            <source>Account</source>
            <translation>账号</translation>
        </message>
        <message>
            <source>Bots</source>
            <translation>智能体</translation>
        </message>
        <message>
            <source>Appearance</source>
            <translation>外观</translation>
        </message>
        <message>
            <source>Fix the API address on the Connection tab first.</source>
            <translation>请先在“连接”页修正 API 地址。</translation>
        </message>
        <message>
            <source>Enter an access token on the Connection tab, or sign in on the Account tab, first.</source>
            <translation>请先在“连接”页输入访问令牌，或在“账号”页登录。</translation>
        </message>
        <message>
            <source>Demo bot</source>
            <translation>演示智能体</translation>
        </message>
    </context>
    <context>
        <name>ShortcutForm</name>
        <message>
            <source>{command} · {name}</source>
            <translation>{command} · {name}</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>发送</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>No file chosen</source>
            <translation>未选择文件</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <source>Files cannot be chosen here: the bot's default is used.</source>
            <translation>这里无法选择文件：将使用智能体的默认值。</translation>
        </message>
        <message>
            <source>{name} cannot be read.</source>
            <translation>无法读取 {name}。</translation>
        </message>
        <message>
            <source>Choose a file</source>
            <translation>选择文件</translation>
        </message>
    </context>
    <context>
        <name>ShortcutMenu</name>
        <message>
            <source>No shortcut command matches “/{typed}”</source>
            <translation>没有与“/{typed}”匹配的快捷指令</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>Sign in with Coze</source>
            <translation>使用扣子账号登录</translation>
        </message>
        <message>
            <source>Open the Coze page, check that it shows this code, and choose Authorize. This window waits for you.</source>
            <translation>请打开扣子页面，确认页面上显示的是这个登录码，然后点击“授权”。本窗口会等待你完成。</translation>
        </message>
        <message>
            <source>Sign-in code</source>
            <translation>登录码</translation>
        </message>
        <message>
            <source>&amp;Copy code</source>
            <translation>复制登录码(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Open in browser</source>
            <translation>在浏览器中打开(&amp;O)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Asking Coze for a sign-in code…</source>
            <translation>正在向扣子申请登录码…</translation>
        </message>
        <message>
            <source>Waiting for you to authorize in the browser…</source>
            <translation>正在等待你在浏览器中授权…</translation>
        </message>
        <message>
            <source>Waiting for you to authorize in the browser… (checking every {0} s)</source>
            <translation>正在等待你在浏览器中授权…（每 {0} 秒检查一次）</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Code copied.</source>
            <translation>登录码已复制。</translation>
        </message>
    </context>
    <context>
        <name>StartupErrors</name>
        <message>
            <source>Coze Desktop</source>
            <translation>扣子桌面</translation>
        </message>
        <message>
            <source>This chat history was saved by a newer version of Coze Desktop, which this version cannot open.</source>
            <translation>这份聊天记录由更新版本的扣子桌面保存，当前版本无法打开。</translation>
        </message>
        <message>
            <source>Update Coze Desktop to open it. Nothing in the file was changed.</source>
            <translation>请更新扣子桌面后再打开。文件没有任何改动。</translation>
        </message>
        <message>
            <source>File: {path}
Schema version of the file: {found}; this version reads up to {known}.</source>
            <translation>文件：{path}
文件的结构版本：{found}；当前版本最高可读取：{known}。</translation>
        </message>
    </context>
    <context>
        <name>StatusLine</name>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
    </context>
    <context>
        <name>SyncActions</name>
        <message>
            <source>Pull your chats from Coze when the app starts and when you open a chat</source>
            <translation>启动应用和打开对话时，从扣子拉取你的对话</translation>
        </message>
        <message>
            <source>The bot forgets this chat so far; the messages above stay here</source>
            <translation>智能体会忘记此前的对话内容；上面的消息仍保留在这里</translation>
        </message>
        <message>
            <source>&amp;Coze</source>
            <translation>扣子(&amp;C)</translation>
        </message>
        <message>
            <source>Nothing to clear yet: the bot has not seen this chat.</source>
            <translation>暂无可清除的内容：智能体还没有看到这个对话。</translation>
        </message>
        <message>
            <source>Wait for the answer to finish (or stop it), then start a new topic.</source>
            <translation>请等回答结束（或停止回答）后再开始新话题。</translation>
        </message>
        <message>
            <source>Coze did not clear the context: {sentence} {action}</source>
            <translation>扣子未能清除上下文：{sentence}{action}</translation>
        </message>
        <message>
            <source>Nothing to sync: add a bot in Settings first.</source>
            <translation>没有可同步的内容：请先在设置中添加智能体。</translation>
        </message>
        <message>
            <source>Coze asks us to slow down: syncing again in {seconds} s…</source>
            <translation>扣子要求放慢请求：{seconds} 秒后继续同步…</translation>
        </message>
        <message>
            <source>Synced with Coze. New chats: {chats}; new messages: {messages}.</source>
            <translation>已与扣子同步。新增对话：{chats}；新增消息：{messages}。</translation>
        </message>
        <message>
            <source>Synced with Coze: everything was already here.</source>
            <translation>已与扣子同步：本机已有全部内容。</translation>
        </message>
        <message>
            <source>Sync with Coze</source>
            <translation>与扣子同步</translation>
        </message>
        <message>
            <source>The sync stopped: {sentence} {action} What was read is kept.</source>
            <translation>同步已中断：{sentence}{action}已读取的内容会保留。</translation>
        </message>
        <message>
            <source>The sync stopped: the chat history could not be written. What was read is kept.</source>
            <translation>同步已中断：无法写入聊天记录。已读取的内容会保留。</translation>
        </message>
        <message>
            <source>Coze did not take the change: {sentence}</source>
            <translation>扣子未接受此更改：{sentence}</translation>
        </message>
    </context>
    <context>
        <name>SyncProgressBar</name>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Syncing with Coze… chat {done} of {total}; new messages: {messages}</source>
            <translation>正在与扣子同步… 第 {done}/{total} 个对话；新增消息：{messages}</translation>
        </message>
        <message>
            <source>Syncing with Coze… listing chats</source>
            <translation>正在与扣子同步… 正在列出对话</translation>
        </message>
    </context>
    <context>
        <name>TransferActions</name>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>Open a chat first.</source>
            <translation>请先打开一个对话。</translation>
        </message>
        <message>
            <source>Could not write the file; the log has the details.</source>
            <translation>无法写入文件，详情见日志。</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>导出失败</translation>
        </message>
        <message>
            <source>Could not write the file: {error}</source>
            <translation>无法写入文件：{error}</translation>
        </message>
        <message>
            <source>Exported to {path}</source>
            <translation>已导出到 {path}</translation>
        </message>
        <message>
            <source>Import chats</source>
            <translation>导入对话</translation>
        </message>
        <message>
            <source>Coze chats {date}</source>
            <translation>扣子对话 {date}</translation>
        </message>
        <message>
            <source>New chat</source>
            <translation>新建对话</translation>
        </message>
        <message>
            <source>Export all chats</source>
            <translation>导出全部对话</translation>
        </message>
        <message>
            <source>Export this chat</source>
            <translation>导出此对话</translation>
        </message>
        <message>
            <source>Markdown (*.md);;JSON, for import (*.json);;PDF (*.pdf)</source>
            <translation>Markdown (*.md);;JSON，可再次导入 (*.json);;PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Coze Desktop export (*.json)</source>
            <translation>扣子桌面导出文件 (*.json)</translation>
        </message>
        <message>
            <source>An export or import is still running. Wait for it to finish, or cancel it.</source>
            <translation>还有一个导出或导入正在进行。请等它完成，或先取消它。</translation>
        </message>
        <message>
            <source>Import done. New chats: {c}; new messages: {m}; already here: {d}.</source>
            <translation>导入完成。新增对话：{c}；新增消息：{m}；已存在：{d}。</translation>
        </message>
        <message>
            <source>Nothing was imported: the file is not a JSON export of Coze Desktop, or it is damaged. Choose a file made with File ▸ Export all chats… (JSON).</source>
            <translation>没有导入任何内容：这个文件不是扣子桌面导出的 JSON 文件，或者已经损坏。请选择用“文件 ▸ 导出全部对话…”（JSON 格式）导出的文件。</translation>
        </message>
        <message>
            <source>Nothing was imported: something went wrong; the log has the details.</source>
            <translation>没有导入任何内容：出了点问题，详情见日志。</translation>
        </message>
        <message>
            <source>Import failed</source>
            <translation>导入失败</translation>
        </message>
        <message>
            <source>Could not write the PDF: {error}</source>
            <translation>无法写入 PDF：{error}</translation>
        </message>
        <message>
            <source>The PDF export stopped unexpectedly. Export again; if it stops again, the log has the details.</source>
            <translation>PDF 导出意外中止。请重新导出；如果再次中止，详情见日志。</translation>
        </message>
        <message>
            <source>Could not write the file: the folder {folder} does not exist. Choose another folder.</source>
            <translation>无法写入文件：文件夹 {folder} 不存在。请选择别的文件夹。</translation>
        </message>
        <message>
            <source>Could not write the file: {folder} cannot be written to. Choose another folder.</source>
            <translation>无法写入文件：{folder} 不可写入。请选择别的文件夹。</translation>
        </message>
        <message>
            <source>Could not write the file: the disk is full. Free some space, or choose a folder on another disk.</source>
            <translation>无法写入文件：磁盘已满。请清理一些空间，或选择其他磁盘上的文件夹。</translation>
        </message>
        <message>
            <source>Import cancelled; nothing was imported.</source>
            <translation>已取消导入，没有导入任何内容。</translation>
        </message>
        <message>
            <source>Export cancelled; no file was written.</source>
            <translation>已取消导出，没有写入任何文件。</translation>
        </message>
        <message>
            <source>Nothing was imported: {error}</source>
            <translation>没有导入任何内容：{error}</translation>
        </message>
        <message>
            <source>Import finished</source>
            <translation>导入完成</translation>
        </message>
    </context>
    <context>
        <name>TransferProgress</name>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>正在开始…</translation>
        </message>
        <message>
            <source>Writing message {done} of {total}…</source>
            <translation>正在写入第 {done} 条消息，共 {total} 条…</translation>
        </message>
        <message>
            <source>Reading the file… {percent}%</source>
            <translation>正在读取文件… {percent}%</translation>
        </message>
        <message>
            <source>Importing chat {done} of {total}…</source>
            <translation>正在导入第 {done} 个对话，共 {total} 个…</translation>
        </message>
    </context>
    <context>
        <name>UnsavedAnswers</name>
        <message>
            <source>Answers Coze Desktop could not save</source>
            <translation>扣子桌面未能保存的回答</translation>
        </message>
        <message>
            <source>Chat {number}, {when}</source>
            <translation>对话 {number}，{when}</translation>
        </message>
        <message>
            <source>Save the unsaved answers</source>
            <translation>保存未保存的回答</translation>
        </message>
        <message>
            <source>Markdown (*.md)</source>
            <translation>Markdown (*.md)</translation>
        </message>
        <message>
            <source>{count} answer(s) could not be saved to your history because another Coze Desktop command kept it busy. Save them to a file before quitting, or they are lost.</source>
            <translation>由于另一个扣子桌面命令一直占用对话记录，有 {count} 条回答未能保存到对话记录。请在退出前将它们保存到一个文件，否则它们将会丢失。</translation>
        </message>
        <message>
            <source>Answers not saved</source>
            <translation>回答未保存</translation>
        </message>
        <message>
            <source>{count} answer(s) could not be saved to your history because the disk is full. Save them to a file (on another disk, say) before quitting, or they are lost.</source>
            <translation>由于磁盘已满，有 {count} 条回答未能保存到对话记录。请在退出前将它们保存到一个文件（例如另一块磁盘上），否则它们将会丢失。</translation>
        </message>
        <message>
            <source>Save to a file…</source>
            <translation>保存到文件…</translation>
        </message>
        <message>
            <source>Quit without saving</source>
            <translation>不保存并退出</translation>
        </message>
        <message>
            <source>They could not be written to {path}: {reason}. Choose another place.</source>
            <translation>无法写入 {path}：{reason}。请选择其他位置。</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>Welcome to Coze Desktop</source>
            <translation>欢迎使用扣子桌面</translation>
        </message>
        <message>
            <source>Chat with the bots you build on Coze (扣子) in a real desktop app: many conversations, streaming answers, and a history that stays on this computer.</source>
            <translation>在真正的桌面应用里，与你在扣子（Coze）上搭建的智能体聊天：多个会话、实时流式回答，聊天记录保存在这台电脑上。</translation>
        </message>
        <message>
            <source>Try the demo bot</source>
            <translation>试用演示智能体</translation>
        </message>
        <message>
            <source>A local demo bot: no account, no token, no internet needed</source>
            <translation>本地演示智能体：无需账号、令牌，也不用联网</translation>
        </message>
        <message>
            <source>Connect your Coze bot…</source>
            <translation>连接你的扣子智能体…</translation>
        </message>
        <message>
            <source>To connect, you need a personal access token and the ID of a bot published to the API channel.</source>
            <translation>连接需要一个个人访问令牌，以及一个已发布到 API 渠道的智能体的 ID。</translation>
        </message>
    </context>
    <context>
        <name>WriteProblemNotice</name>
        <message>
            <source>Your chats are open read-only (Coze Desktop cannot write to its folder): nothing can be changed or added.</source>
            <translation>对话记录以只读方式打开（扣子桌面无法写入它的文件夹）：不能修改或添加任何内容。</translation>
        </message>
        <message>
            <source>The chat history is busy (another Coze Desktop command is writing to it): trying again in a moment…</source>
            <translation>对话记录正忙（另一个扣子桌面命令正在写入）：稍后自动重试…</translation>
        </message>
        <message>
            <source>The chat history is busy (another Coze Desktop command is writing to it), so this was not done. Try again in a moment.</source>
            <translation>对话记录正忙（另一个扣子桌面命令正在写入），这次操作没有完成。请稍后再试。</translation>
        </message>
        <message>
            <source>The chat history stayed busy, so your change was not saved. Try again in a moment.</source>
            <translation>对话记录一直处于忙碌状态，你的修改没有保存。请稍后再试。</translation>
        </message>
        <message>
            <source>The disk is full, so your change was not saved. Free some disk space and try again.</source>
            <translation>磁盘已满，你的修改没有保存。请释放一些磁盘空间后再试。</translation>
        </message>
    </context>
</TS>
