"""A picture of an answer, large: fit to the window, zoom (Ctrl+wheel, +, -, 0 for 100 %, F to fit),
Esc closes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage, QKeyEvent, QPixmap, QShortcut, QWheelEvent
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.ui.commands import command

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 8.0


class ImagePreview(QDialog):
    def __init__(self, image: QImage, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Picture"))
        self.setObjectName("imagePreview")
        self._pixmap = QPixmap.fromImage(image)
        self._label = QLabel()
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setAccessibleName(self.tr("Picture"))
        self._area = QScrollArea()
        self._area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._area.setWidget(self._label)
        self._area.setWidgetResizable(False)
        self._area.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._area)
        self.zoom = 1.0
        self.fitting = True
        for name, action in (  # the keys: the table in commands.py
            ("picture_zoom_in", lambda: self.zoom_by(ZOOM_STEP)),
            ("picture_zoom_out", lambda: self.zoom_by(1 / ZOOM_STEP)),
            ("picture_actual", lambda: self.set_zoom(1.0)),
            ("picture_fit", self.fit),
        ):
            for keys in command(name).sequences():
                QShortcut(keys, self, action)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width = min(image.width() + 40, int(screen.width() * 0.8)) if screen else image.width() + 40
        height = min(image.height() + 40, int(screen.height() * 0.8)) if screen else image.height() + 40
        self.resize(max(320, width), max(240, height))
        self.fit()

    def fit(self) -> None:
        self.fitting = True
        view = self._area.viewport().size()
        if self._pixmap.isNull() or view.width() <= 0:
            return
        scale = min(1.0, view.width() / self._pixmap.width(), view.height() / self._pixmap.height())
        self._show(scale)

    def set_zoom(self, zoom: float) -> None:
        self.fitting = False
        self._show(max(MIN_ZOOM, min(MAX_ZOOM, zoom)))

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self.zoom * factor)

    def _show(self, zoom: float) -> None:
        self.zoom = zoom
        size = self._pixmap.size() * zoom
        mode = Qt.TransformationMode.SmoothTransformation
        self._label.setPixmap(self._pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, mode))
        self._label.resize(self._label.pixmap().size())

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.fitting:
            self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QWheelEvent) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)
