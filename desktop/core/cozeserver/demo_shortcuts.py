"""The demo bot's shortcut commands, and what it answers when a chat runs one.

Bot info lists them as Coze does (coze-js `ShortcutCommandInfo`: id, name, command, description,
query_template, icon_url, tool {name, type}, components [{name, description, type text|select|file,
tool_parameter, default_value, is_hide, options}]); `/v3/chat` runs one with `shortcut_command:
{command_id, parameters}` (coze-js `ShortcutCommand`: each parameter a string, an object_string item
already serialised to JSON). `/look` has a file component: its value is such an item
(`{"type": "image", "file_id": …}`, a file uploaded with /v1/files/upload) and the bot describes the file. A command with a tool answers the way Coze does around a tool: a
`function_call` message (coze docs' shape: name, arguments, plugin_id, api_id, plugin_type, thought),
a `tool_response` message (the tool's raw output), then the answer. `/docs` recalls from a knowledge
base first: a `verbose` message with `msg_type` "knowledge_recall" (the verbose envelope is the SDKs';
the shape of its `data`, `{"chunks": [{"slice", "score", "meta": {"document": {"name"}}}]}`, is not in
either SDK and is this server's own).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from desktop.core.cozeserver import demo_files, object_string
from desktop.core.cozeserver.files import UploadedFiles
from desktop.core.cozeserver.object_string import Attachment
from desktop.core.cozeserver.wire import ApiError, JsonDict, dumps, invalid_parameter

WEATHER_ID, TRANSLATE_ID, SUMMARY_ID, DOCS_ID, LOOK_ID = (
    "7452000000000000001",
    "7452000000000000002",
    "7452000000000000003",
    "7452000000000000004",
    "7452000000000000005",
)
FILE_ITEM_TYPES = ("file", "image", "audio")  # what a file component's value may be (coze-js ObjectStringItem)
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")

_TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "weather": "天气",
        "weather_about": "查一个城市今天的天气（天气插件）",
        "city": "城市",
        "unit": "温度单位",
        "celsius": "摄氏度",
        "fahrenheit": "华氏度",
        "weather_query": "{{city}}今天的天气怎么样？用{{unit}}。",
        "translate": "翻译",
        "translate_about": "把一段文字翻译成另一种语言",
        "text": "要翻译的文字",
        "language": "目标语言",
        "languages": "英语|日语|法语",
        "translate_query": "把这段话翻译成{{language}}：{{text}}",
        "summary": "总结",
        "summary_about": "总结我们到目前为止聊了什么",
        "summary_query": "请总结一下我们到目前为止的对话。",
        "docs": "查文档",
        "docs_about": "在扣子桌面版的说明文档里找答案（知识库）",
        "question": "问题",
        "docs_query": "在文档里查一下：{{question}}",
        "thought": "用户想知道{city}的天气，需要调用 weather 插件查询。",
        "weather_answer": "## {city}今天的天气\n\n- 天气：{sky}\n- 气温：{low} ~ {high} {symbol}\n- 湿度：{humidity}%\n\n"
        "_数据来自天气插件（本地演示数据）。_",
        "sky": "多云转晴",
        "translate_answer": "## 翻译（{language}）\n\n> {text}\n\n{result}",
        "summary_answer": "## 对话总结\n\n到目前为止你一共问了 {count} 个问题：\n\n{items}",
        "summary_empty": "## 对话总结\n\n我们还没有聊过什么，问我点什么吧。",
        "docs_answer": "## 文档里是这样说的\n\n{slice}\n\n_出处：《{document}》_",
        "docs_slice": "扣子桌面版把令牌保存在系统钥匙串里，从不写入磁盘；历史记录保存在本机的 SQLite 数据库中，"
        "可以导出为 Markdown、JSON 或 PDF。",
        "docs_document": "扣子桌面版使用说明.md",
        "look": "看文件",
        "look_about": "看一张图片或一个文件，说说它是什么",
        "file": "图片或文件",
        "look_query": "请看看这个文件，说说它是什么。",
        "look_nothing": "这次没有收到文件：请在表单里选一个图片或文件。",
    },
    "en": {
        "weather": "Weather",
        "weather_about": "Today's weather in a city (weather plugin)",
        "city": "City",
        "unit": "Temperature unit",
        "celsius": "Celsius",
        "fahrenheit": "Fahrenheit",
        "weather_query": "What is the weather in {{city}} today? In {{unit}}.",
        "translate": "Translate",
        "translate_about": "Translate a piece of text into another language",
        "text": "Text to translate",
        "language": "Target language",
        "languages": "Chinese|Japanese|French",
        "translate_query": "Translate this into {{language}}: {{text}}",
        "summary": "Summarize",
        "summary_about": "Sum up what we have talked about so far",
        "summary_query": "Please sum up our conversation so far.",
        "docs": "Docs",
        "docs_about": "Look the answer up in the Coze Desktop manual (knowledge base)",
        "question": "Question",
        "docs_query": "Look this up in the docs: {{question}}",
        "thought": "The user wants the weather in {city}: call the weather plugin.",
        "weather_answer": "## The weather in {city} today\n\n- Sky: {sky}\n- Temperature: {low} to {high} {symbol}\n"
        "- Humidity: {humidity}%\n\n_From the weather plugin (local demo data)._",
        "sky": "cloudy, then sunny",
        "translate_answer": "## Translation ({language})\n\n> {text}\n\n{result}",
        "summary_answer": "## Summary\n\nSo far you asked {count} question(s):\n\n{items}",
        "summary_empty": "## Summary\n\nWe have not talked about anything yet: ask me something.",
        "docs_answer": "## What the manual says\n\n{slice}\n\n_Source: {document}_",
        "docs_slice": "Coze Desktop keeps the token in the system keyring and never writes it to disk; the history "
        "is a SQLite database on this computer and can be exported as Markdown, JSON or PDF.",
        "docs_document": "Coze Desktop manual.md",
        "look": "Look",
        "look_about": "Look at a picture or a file and say what it is",
        "file": "Picture or file",
        "look_query": "Please look at this file and tell me what it is.",
        "look_nothing": "No file came with this: choose a picture or a file in the form.",
    },
}


def _component(
    name: str, description: str, kind: str, default: str = "", *, options: Sequence[str] = (), hidden: bool = False
) -> JsonDict:
    component: JsonDict = {
        "name": name,
        "description": description,
        "type": kind,
        "tool_parameter": name,
        "default_value": default,
        "is_hide": hidden,
    }
    if options:
        component["options"] = list(options)
    return component


def _command(
    command_id: str,
    name: str,
    command: str,
    about: str,
    query: str,
    *,
    tool: tuple[str, str],
    components: list[JsonDict],
) -> JsonDict:
    return {
        "id": command_id,
        "name": name,
        "command": command,
        "description": about,
        "query_template": query,
        "icon_url": "",
        "tool": {"name": tool[0], "type": tool[1]},
        "components": components,
    }


def demo_commands(language: str) -> list[JsonDict]:
    """The demo bot's shortcut commands, in the server's language."""
    t = _TEXTS[language]
    units = (t["celsius"], t["fahrenheit"])
    languages = t["languages"].split("|")
    return [
        _command(
            WEATHER_ID,
            t["weather"],
            "/weather",
            t["weather_about"],
            t["weather_query"],
            tool=("weather", "plugin"),
            components=[
                _component("city", t["city"], "text", "北京" if language == "zh" else "Beijing"),
                _component("unit", t["unit"], "select", units[0], options=units),
            ],
        ),
        _command(
            TRANSLATE_ID,
            t["translate"],
            "/translate",
            t["translate_about"],
            t["translate_query"],
            tool=("translate", "workflow"),
            components=[
                _component("text", t["text"], "text"),
                _component("language", t["language"], "select", languages[0], options=languages),
            ],
        ),
        _command(
            SUMMARY_ID, t["summary"], "/summary", t["summary_about"], t["summary_query"], tool=("", ""), components=[]
        ),
        _command(
            DOCS_ID,
            t["docs"],
            "/docs",
            t["docs_about"],
            t["docs_query"],
            tool=("", ""),
            components=[
                _component("question", t["question"], "text"),
                _component("source", "knowledge base", "text", "manual", hidden=True),  # set by the bot, not asked
            ],
        ),
        _command(
            LOOK_ID,
            t["look"],
            "/look",
            t["look_about"],
            t["look_query"],
            tool=("", ""),
            components=[_component("file", t["file"], "file")],
        ),
    ]


def file_values(command: JsonDict, values: Mapping[str, str], files: UploadedFiles) -> list[Attachment]:
    """The files a command's file components name. coze-js (`ShortcutCommand.parameters`,
    `handleParameters` in resources/chat/chat.ts) sends such a value as an object_string item serialised
    to JSON (`{"type": "image", "file_id": …}`); anything else, or a file_id this server never gave, is
    refused as a chat's object_string would be."""
    found: list[Attachment] = []
    for component in command.get("components") or ():
        value = values.get(str(component["name"]), "")
        if component.get("type") != "file" or not value:
            continue
        try:
            item = json.loads(value)
        except ValueError:
            item = None
        if not isinstance(item, dict) or item.get("type") not in FILE_ITEM_TYPES:
            raise invalid_parameter(
                f"shortcut_command.parameters: {component['name']} must be a JSON object_string item of a file"
            )
        found.append(object_string.attachment(item, files))
    return found


def resolve(commands: Sequence[JsonDict], shortcut: object) -> tuple[JsonDict, dict[str, str]]:
    """The command a chat's `shortcut_command` names and its parameters (defaults filled in); a request
    naming no command of the bot, or parameters it does not have, is refused as Coze refuses bad input."""
    if not isinstance(shortcut, dict):
        raise invalid_parameter("shortcut_command must be an object")
    command_id = str(shortcut.get("command_id") or "")
    command = next((c for c in commands if c["id"] == command_id), None)
    if command is None:
        raise ApiError(4000, f"invalid shortcut command: command_id {command_id or '(none)'} is not the bot's")
    given = shortcut.get("parameters") or {}
    if not isinstance(given, dict) or not all(isinstance(v, str) for v in given.values()):
        raise invalid_parameter("shortcut_command.parameters must be an object of strings")
    components = [c for c in command.get("components") or () if isinstance(c, dict) and c.get("name")]
    names = {str(c["name"]) for c in components}
    unknown = sorted(set(given) - names)
    if unknown:
        raise invalid_parameter(f"shortcut_command.parameters: the command has no component {unknown[0]}")
    values = {str(c["name"]): str(c.get("default_value") or "") for c in components}
    values.update({k: v for k, v in given.items() if v.strip()})
    for component in components:
        options = component.get("options")
        if options and values[component["name"]] not in options:
            raise invalid_parameter(f"shortcut_command.parameters: {component['name']} must be one of {options}")
    return command, values


def fill(template: str, values: Mapping[str, str]) -> str:
    """A query template with its `{{name}}` placeholders replaced by the values."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), template)


def steps_and_answer(
    command: JsonDict,
    values: Mapping[str, str],
    earlier: Sequence[str],
    language: str,
    files: Sequence[Attachment] = (),
) -> tuple[list[tuple[str, str]], str]:
    """The messages before the answer ((type, content) pairs) and the answer's Markdown (`files`: those
    the command's file components named)."""
    t = _TEXTS[language]
    if command["id"] == LOOK_ID:
        return [], demo_files.describe(files, language) if files else t["look_nothing"]
    if command["id"] == WEATHER_ID:
        city = values.get("city") or "?"
        fahrenheit = values.get("unit") == t["fahrenheit"]
        low, high = (59, 75) if fahrenheit else (15, 24)
        call = {
            "name": "weather-getWeather",
            "arguments": {"city": city, "unit": "F" if fahrenheit else "C"},
            "plugin_id": 7452100000000000001,
            "api_id": 7452100000000000002,
            "plugin_type": 1,
            "thought": t["thought"].format(city=city),
        }
        output = {"code": 0, "msg": "success", "data": {"city": city, "low": low, "high": high, "humidity": 62}}
        answer = t["weather_answer"].format(
            city=city, sky=t["sky"], low=low, high=high, symbol="°F" if fahrenheit else "°C", humidity=62
        )
        return [("function_call", dumps(call)), ("tool_response", dumps(output))], answer
    if command["id"] == TRANSLATE_ID:
        text, target = values.get("text", ""), values.get("language", "")
        call = {"name": "translate", "arguments": {"text": text, "language": target}, "plugin_type": 2}
        result = f"[{target}] {text}"
        output = {"output": result}
        answer = t["translate_answer"].format(language=target, text=text, result=result)
        return [("function_call", dumps(call)), ("tool_response", dumps(output))], answer
    if command["id"] == DOCS_ID:
        chunk = {"slice": t["docs_slice"], "score": 0.87, "meta": {"document": {"name": t["docs_document"]}}}
        data = dumps({"chunks": [chunk]})
        recall = dumps({"msg_type": "knowledge_recall", "data": data, "from_module": None, "from_unit": None})
        return [("verbose", recall)], t["docs_answer"].format(slice=t["docs_slice"], document=t["docs_document"])
    if not earlier:
        return [], t["summary_empty"]
    items = "\n".join(f"{i}. {' '.join(q.split())[:60]}" for i, q in enumerate(earlier, 1))
    return [], t["summary_answer"].format(count=len(earlier), items=items)
