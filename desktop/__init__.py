"""Coze Desktop: a native desktop chat app for bots built on Coze (扣子)."""

from importlib import metadata

try:
    __version__ = metadata.version("coze-desktop")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
