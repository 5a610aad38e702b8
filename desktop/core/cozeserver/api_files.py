"""`POST /v1/files/upload` (multipart, one part named `file`) and `GET /v1/files/retrieve?file_id=`.

Limits as Coze documents them (docs "上传文件"): 512 MB per file, the listed formats only, and the
content must match the extension (a mismatch is error 4000). File error codes 4300–4304 are the
local server's reading of Coze's table (see `desktop.core.attachments.text`).
"""

from __future__ import annotations

from desktop.core import media
from desktop.core.cozeserver import multipart
from desktop.core.cozeserver.context import ServerContext
from desktop.core.cozeserver.http_types import JsonResponse, Request, Response
from desktop.core.cozeserver.wire import ApiError, invalid_parameter, ok

Params = dict[str, str]

# Coze's list of supported formats, plus plain text, Markdown and JSON, which Coze also reads.
SUPPORTED_EXTENSIONS = frozenset(
    [
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "pdf",
        "numbers",
        "csv",
        "cpp",
        "py",
        "java",
        "c",
        "txt",
        "md",
        "json",
        "jpg",
        "jpeg",
        "jpg2",
        "png",
        "gif",
        "webp",
        "heic",
        "heif",
        "bmp",
        "pcd",
        "tif",
        "tiff",
        "wav",
        "mp3",
        "flac",
        "m4a",
        "aac",
        "ogg",
        "wma",
        "mid",
        "midi",
        "mp4",
        "avi",
        "mov",
        "3gp",
        "3gpp",
        "flv",
        "webm",
        "wmv",
        "rmvb",
        "m4v",
        "mkv",
        "rar",
        "zip",
        "7z",
        "gz",
        "gzip",
        "bz2",
    ]
)

FILE_TOO_LARGE, FILE_TYPE_UNSUPPORTED, FILE_EMPTY, FILE_NOT_FOUND, FILE_STORE_FAILED = 4300, 4301, 4302, 4303, 4304
MESSAGES = {
    FILE_TOO_LARGE: "The file size exceeds the limit of 512 MB.",
    FILE_TYPE_UNSUPPORTED: "The file type is not supported.",
    FILE_EMPTY: "The file is empty.",
    FILE_NOT_FOUND: "The file does not exist or has expired.",
    FILE_STORE_FAILED: "Failed to store the file. Please try again later.",
}


def file_error(code: int) -> ApiError:
    return ApiError(code, MESSAGES[code])


def upload(ctx: ServerContext, req: Request, _: Params) -> Response:
    scenario = ctx.next_upload_scenario()
    if scenario is not None:
        code = int(scenario.params["code"])
        msg = scenario.params["msg"]
        raise ApiError(code, msg if msg is not None else MESSAGES.get(code), status=int(scenario.params["status"]))
    if req.form_truncated:
        raise ApiError(FILE_TOO_LARGE, MESSAGES[FILE_TOO_LARGE].replace("512 MB", media.human_size(ctx.max_upload)))
    content_type = req.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise invalid_parameter("the request must be multipart/form-data with a file field")
    try:
        parts = multipart.parse(req.form, content_type)
    except ValueError as exc:
        raise invalid_parameter(f"malformed multipart body: {exc}") from None
    part = next((p for p in parts if p.name == "file" and p.filename is not None), None)
    if part is None:
        raise invalid_parameter("file is required")
    name = part.filename or "file"
    if not part.data:
        raise file_error(FILE_EMPTY)
    kind = media.sniff(part.data[: media.SNIFF_BYTES])
    if not media.matches_extension(name, kind):
        raise invalid_parameter(
            f"the file content ({kind.label}) does not match its extension .{media.extension(name)}"
        )
    if media.extension(name) not in SUPPORTED_EXTENSIONS:
        raise file_error(FILE_TYPE_UNSUPPORTED)
    return JsonResponse(ok(ctx.files.add(name, part.data).to_wire()))


def retrieve(ctx: ServerContext, req: Request, _: Params) -> Response:
    file_id = req.query.get("file_id", "")
    if not file_id:
        raise invalid_parameter("file_id is required")
    stored = ctx.files.get(file_id)
    if stored is None:
        raise file_error(FILE_NOT_FOUND)
    return JsonResponse(ok(stored.to_wire()))
