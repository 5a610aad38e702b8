"""Coze's copy of the conversations: pulling it into the local history (Qt-free)."""

from desktop.core.sync.pull import Puller, SyncProgress, SyncReport, SyncStopped

__all__ = ["Puller", "SyncProgress", "SyncReport", "SyncStopped"]
