"""Crisp SVG icons from `resources/icons`, tinted with the palette's text colour.

Monochrome icons use `currentColor`; it is replaced by the current palette's window-text
colour, so they follow a light or a dark system palette. Pixmaps are rendered at each size
and device pixel ratio on demand by `QIcon` through an SVG icon engine.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from readlist.paths import resources_dir


class _SvgEngine(QIconEngine):
    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = data
        self._cache: dict[tuple[int, int, float, int, str], QPixmap] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        palette = QGuiApplication.palette()
        group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else \
            QPalette.ColorGroup.Active
        color = palette.color(group, QPalette.ColorRole.WindowText).name()
        return QSvgRenderer(QByteArray(self._data.replace(b"currentColor", color.encode())))

    def paint(self, painter: QPainter, rect: object, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        self._renderer(mode).render(painter, QRectF(rect))  # type: ignore[call-overload]

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        color = QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
        key = (size.width(), size.height(), scale, int(mode.value), color)
        if key not in self._cache:
            self._cache[key] = self._render(size, mode, scale)
        return self._cache[key]

    def _render(self, size: QSize, mode: QIcon.Mode, scale: float) -> QPixmap:
        pix = QPixmap(size * scale)
        pix.setDevicePixelRatio(scale)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._renderer(mode).render(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        return pix

    def clone(self) -> QIconEngine:
        return _SvgEngine(self._data)


@cache
def _svg(name: str) -> bytes:
    path = resources_dir() / "icons" / f"{name}.svg"
    return path.read_bytes() if path.is_file() else b""


@cache
def icon(name: str) -> QIcon:
    """The named icon (`resources/icons/NAME.svg`); an empty icon if there is no such file."""
    data = _svg(name)
    return QIcon(_SvgEngine(data)) if data else QIcon()


def app_icon() -> QIcon:
    path = resources_dir() / "readlist.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
