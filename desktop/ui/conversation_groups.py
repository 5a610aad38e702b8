"""The conversation list's date groups (Pinned, Today, Yesterday, Previous 7 days, Older) and the
short status a failed or cut-off last answer shows in place of its preview.

`date_group` is plain logic on local calendar days; `ListLabels` holds the translated words the
delegate paints (built again on a language switch).
"""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette

from desktop.core.vocabulary import MessageStatus
from desktop.ui.theme import scheme


class DateGroup(IntEnum):
    PINNED = 0
    TODAY = 1
    YESTERDAY = 2
    WEEK = 3
    OLDER = 4


def date_group(updated_at: float, pinned: bool, now: float) -> DateGroup:
    """Which heading a chat last active at `updated_at` goes under, by local calendar day."""
    if pinned:
        return DateGroup.PINNED
    try:
        days = (date.fromtimestamp(now) - date.fromtimestamp(updated_at)).days
    except (OverflowError, OSError, ValueError):  # a date the platform cannot hold (a history with a bad time)
        return DateGroup.OLDER
    if days <= 0:  # today, or a clock that ran ahead: not "older"
        return DateGroup.TODAY
    if days == 1:
        return DateGroup.YESTERDAY
    if days <= 7:
        return DateGroup.WEEK
    return DateGroup.OLDER


def error_color(palette: QPalette) -> QColor:
    """The theme's error colour for text on `palette`'s base (light or dark)."""
    return QColor(scheme(palette.color(QPalette.ColorRole.Base).lightness() < 128).error)


class ListLabels(QObject):
    """The conversation list's words in the UI language."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: dict[DateGroup, str] = {}
        self.statuses: dict[MessageStatus, str] = {}
        self.answering = ""
        self.rename = ""
        self.local_only = ""
        self.local_only_short = ""
        self.said = "{speaker}: {words}"
        self.retranslate()

    def retranslate(self) -> None:
        self.groups = {
            DateGroup.PINNED: self.tr("Pinned"),
            DateGroup.TODAY: self.tr("Today"),
            DateGroup.YESTERDAY: self.tr("Yesterday"),
            DateGroup.WEEK: self.tr("Previous 7 days"),
            DateGroup.OLDER: self.tr("Older"),
        }
        self.statuses = {
            MessageStatus.FAILED: self.tr("Answer failed"),
            MessageStatus.INTERRUPTED: self.tr("Answer cut off"),
        }
        self.answering = self.tr("Answering…")
        self.rename = self.tr("Chat title")
        self.local_only = self.tr("only on this computer")  # a chat with no copy on Coze
        self.local_only_short = self.tr("local only")  # the same tag where the row is narrow (Chinese: 本机)
        self.said = self.tr("{speaker}: {words}")  # a row's last words and who said them (Chinese: a full-width colon)
