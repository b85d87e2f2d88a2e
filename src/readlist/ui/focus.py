"""Where the keyboard is always shows: a list without focus draws its selection muted.

Fusion draws the selection of every list in the active window alike, so after Tab or Esc a
reader cannot tell which pane the next key goes to. `FocusMarker` watches the window's
panes and gives the ones without focus a muted highlight; the focused one keeps the bright
one (and text fields keep Qt's own focus frame).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget


def muted(color: QColor) -> QColor:
    """A pale, greyer version of the highlight colour."""
    out = QColor(color)
    out.setHsv(color.hsvHue(), color.hsvSaturation() // 3,
               min(255, color.value() + (255 - color.value()) // 2))
    return out


class FocusMarker(QObject):
    """Installed on panes: their highlight is bright only while they have the focus."""

    def __init__(self, panes: list[QWidget], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._panes = panes
        for pane in panes:
            pane.installEventFilter(self)
            self._paint(pane, pane.hasFocus())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and event.type() in (QEvent.Type.FocusIn,
                                                             QEvent.Type.FocusOut):
            self._paint(watched, event.type() == QEvent.Type.FocusIn)
        return False

    @staticmethod
    def _paint(pane: QWidget, focused: bool) -> None:
        app_palette = QPalette()  # the application's, not the pane's altered one
        palette = pane.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            bright = app_palette.color(group, QPalette.ColorRole.Highlight)
            palette.setColor(group, QPalette.ColorRole.Highlight,
                             bright if focused else muted(bright))
            palette.setColor(group, QPalette.ColorRole.HighlightedText,
                             app_palette.color(group, QPalette.ColorRole.HighlightedText
                                               if focused else QPalette.ColorRole.Text))
        pane.setPalette(palette)
