"""Tiny pictures, one per format Coze serves, for the packaged app's self-check (`--smoke`): the binary
must carry the image-format plugins to decode each (PNG and BMP are built into Qt; JPEG, GIF and WebP
are plugins)."""

from __future__ import annotations

import base64

from desktop.services.images import ImageRefused, decode

SAMPLES: dict[str, bytes] = {
    "png": base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAACXBIWXMAAA9hAAAPYQGoP6dpAAAAFElEQVQImWP0DX7BAANMDEgAhQMAOKkBjgwCrc0AAAAASUVORK5CYII="
    ),
    "jpeg": base64.b64decode(
        "/9j/4AAQSkZJRgABAQEAZABkAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAADAAQDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDBooor9EOI/9k="
    ),
    "gif": base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="),
    "webp": base64.b64decode("UklGRjYAAABXRUJQVlA4ICoAAACQAQCdASoEAAMAAgA0JaACdLoAA5gA/u0HL/1wH/zgP/nAfzLeCepakAA="),
}


def decodable_formats() -> list[str]:
    """The picture formats this build decodes, of those Coze serves (the smoke test wants all four)."""
    decoded = []
    for name, data in SAMPLES.items():
        try:
            decode(data)
        except ImageRefused:
            continue
        decoded.append(name)
    return decoded
