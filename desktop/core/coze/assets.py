"""Downloading a bot's avatar: a plain GET with no credentials (icons live on Coze's CDN, not the API),
https only (http for this machine), bounded in size and time, and only image types."""

from __future__ import annotations

from urllib.parse import urlsplit

import requests

from desktop.core.coze.client import LOCAL_HOSTS, user_agent
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.coze.responses import connection_error

MAX_ICON_BYTES = 1_000_000
ICON_TIMEOUT = (5.0, 10.0)
_IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"RIFF")


def download_icon(url: str) -> bytes:
    """The image at `url`; raises CozeError when it is not a small image over a safe scheme."""
    parts = urlsplit(url)
    local = parts.hostname in LOCAL_HOSTS or (parts.hostname or "").startswith("127.")
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise CozeError(f"not downloading an icon over {parts.scheme or 'no scheme'}", kind=ErrorKind.INSECURE_URL)
    try:
        with requests.get(
            url, stream=True, timeout=ICON_TIMEOUT, allow_redirects=True, headers={"User-Agent": user_agent()}
        ) as response:
            if response.status_code != 200:
                raise CozeError(f"icon: HTTP {response.status_code}", status=response.status_code)
            data = b""
            for chunk in response.iter_content(65536):
                data += chunk
                if len(data) > MAX_ICON_BYTES:
                    raise CozeError("icon larger than 1 MB", kind=ErrorKind.PROTOCOL)
    except requests.RequestException as exc:
        raise connection_error(exc) from exc
    if not data.startswith(_IMAGE_SIGNATURES):
        raise CozeError("icon: not a PNG, JPEG, GIF or WebP image", kind=ErrorKind.PROTOCOL)
    return data
