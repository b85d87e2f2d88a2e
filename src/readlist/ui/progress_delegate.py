"""Progress bars painted by a delegate: one per row of the Progress page's section tree.

A QProgressBar widget per row (`setItemWidget`) froze the window 380–530 ms at 2,506
sections; painting only the visible rows' bars with the style's own progress-bar control
looks the same and costs nothing for rows off screen.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

#: Item data role holding (read, total) for the bar of a row.
PROGRESS_ROLE = int(Qt.ItemDataRole.UserRole) + 17
BAR_HEIGHT = 14
H_PADDING = 6


def progress_of(index: QModelIndex | QPersistentModelIndex) -> tuple[int, int] | None:
    """(read, total) stored on `index`, or None when the row has no bar."""
    value = index.data(PROGRESS_ROLE)
    if (isinstance(value, tuple) and len(value) == 2
            and all(isinstance(v, int) for v in value)):
        return int(value[0]), int(value[1])
    return None


class ProgressBarDelegate(QStyledItemDelegate):
    """Paints the (read, total) of PROGRESS_ROLE as the style's progress bar."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        value = progress_of(index)
        if value is None:
            super().paint(painter, option, index)
            return
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # the row's background and selection, as any cell of the row
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                            widget)
        read, total = value
        cell: QRect = option.rect
        height = min(BAR_HEIGHT, cell.height() - 4)
        bar = QStyleOptionProgressBar()
        if widget is not None:
            bar.initFrom(widget)
        bar.rect = QRect(cell.x() + H_PADDING, cell.y() + (cell.height() - height) // 2,
                         max(cell.width() - 2 * H_PADDING, 0), height)
        bar.minimum, bar.maximum = 0, max(total, 1)
        bar.progress = min(read, max(total, 1))
        bar.textVisible = False
        bar.state = bar.state | QStyle.StateFlag.State_Horizontal
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, widget)

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        if progress_of(index) is not None:
            hint.setHeight(max(hint.height(), BAR_HEIGHT + 4))
        return hint
