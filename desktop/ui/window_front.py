"""Bringing the window to the front when another start asks for it (`SingleInstance`)."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def bring_to_front(window: QWidget, token: str = "") -> None:
    """Show `window` in front as it was: a minimised window comes back maximised if it was maximised,
    at its old size if not; a shown one keeps its state and size (`showNormal` would un-maximise it).

    `token` is the other start's activation token: on Wayland the compositor raises a window only
    with one, and Qt's Wayland plugin takes it from XDG_ACTIVATION_TOKEN when asked to activate."""
    if token and QGuiApplication.platformName().startswith("wayland"):
        os.environ["XDG_ACTIVATION_TOKEN"] = token
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState(state & ~Qt.WindowState.WindowMinimized)
    if window.isHidden():
        window.show()
    window.raise_()
    window.activateWindow()
