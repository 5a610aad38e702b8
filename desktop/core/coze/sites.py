"""Whether an API address is Coze's own (coze.cn, coze.com) or a custom one: a Coze-compatible server whose
site is not Coze's, so Coze's pages are not its pages and its ids are its own."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_coze_site(api_base: str) -> bool:
    """Whether `api_base` is Coze's own (coze.cn or coze.com, or a host of theirs), not a custom address."""
    host = urlsplit(api_base.strip()).hostname or ""
    return host in ("coze.cn", "coze.com") or host.endswith((".coze.cn", ".coze.com"))
