"""Help ▸ Keyboard shortcuts lists keys a PC keyboard has: under X11, Qt's standard Undo, Cut, Copy and
Paste also bind the Sun keyboard's F14, F20, F16 and F18, and the list read "Ctrl+Z, F14" (found by the
attack run under Xvfb; the offscreen platform has no such bindings)."""

from __future__ import annotations

from desktop.ui.commands import Command, Place
from desktop.ui.shortcuts_dialog import key_text


def test_f13_to_f35_are_left_out_and_f1_to_f12_stay() -> None:
    undo = Command("undo", Place.EDIT, "&Undo", keys=("Ctrl+Z", "F14"))
    paste = Command("paste", Place.EDIT, "&Paste", keys=("Ctrl+V", "Shift+Ins", "F18", "F35"))
    rename = Command("rename", Place.EDIT, "&Rename", keys=("F2",))
    assert key_text(undo) == "Ctrl+Z"
    assert key_text(paste) == "Ctrl+V, Shift+Ins"
    assert key_text(rename) == "F2"
