"""A Send waiting before it can go: for the content check of the files brought back from saved drafts
(services/draft.py), then, perhaps, for the files attached meanwhile to be read. One object holds the whole wait, so
its stages and how it ends cannot get out of step (ui/composer.py acts on what each step returns)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass


class Stage(enum.Enum):
    CHECKING = enum.auto()  # the saved draft's files are having their content checked
    READING = enum.auto()  # found unchanged; a file attached while it waited is still being read


class Step(enum.Enum):
    WAIT = enum.auto()  # nothing to do yet
    READ = enum.auto()  # wait for the files being read, then call `read()`
    GO = enum.auto()  # it is over: make the Send (`then`)
    STOP = enum.auto()  # it is over: nothing is sent (a file was taken out or refused), and that is said


@dataclass
class PendingSend:
    """`then` makes the Send. What was asked decides what is said when it stops: the box's own words (both ""),
    a suggested question's words (`question`: they are put in the box) or a "/" command (`command`, "/summary": it
    is named as not run; its question is not put in the box, where it would go as a plain message)."""

    then: Callable[[], None]
    question: str = ""
    command: str = ""
    stage: Stage = Stage.CHECKING
    refused: bool = False  # a file attached while it waited was refused: the Send is not made

    def refuse(self) -> None:
        self.refused = True

    def checked(self, withdrawn: bool, all_read: bool) -> Step:
        """The check reported (`withdrawn`: a file of the box was taken out); `all_read`: no file is being read."""
        if self.stage is not Stage.CHECKING:
            return Step.WAIT
        if withdrawn or self.refused:
            return Step.STOP
        if not all_read:  # a file attached meanwhile goes too, once read
            self.stage = Stage.READING
            return Step.READ
        return Step.GO

    def read(self) -> Step:
        """The files attached while it waited are read (or refused)."""
        if self.stage is not Stage.READING:
            return Step.WAIT
        return Step.STOP if self.refused else Step.GO
