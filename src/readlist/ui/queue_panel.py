"""A named queue in its own order: reorder by drag and drop or Ctrl+Up / Ctrl+Down.

Queues are short (tens to hundreds of items), so the model loads one queue whole. A drop
does not move rows itself: it asks for a move (`move_requested`), the window pushes an
undoable `QueueMoveCommand`, and the model reloads from the resulting `Changes`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from readlist.core.models import Changes, EntryRow, Status
from readlist.ui.entry_model import ENTRY_IDS_MIME, ID_ROLE, ROW_ROLE, entry_mime, ids_from_mime
from readlist.ui.icons import icon
from readlist.ui.tasks import Session

_Index = QModelIndex | QPersistentModelIndex
HEADERS = ("#", "Title", "Status", "Priority")


def drop_position(old_row: int, drop_row: int, count: int) -> int:
    """The 1-based queue position for an item at `old_row` dropped before `drop_row`."""
    target = count if drop_row < 0 or drop_row > count else drop_row
    return max(1, min(count, target if target > old_row else target + 1))


class QueueModel(QAbstractTableModel):
    """The items of one queue, in order."""

    move_requested = Signal(int, int)  # entry id, 1-based position
    add_requested = Signal(list, int)  # entry ids, 1-based position

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._name = ""
        self._rows: list[EntryRow] = []
        session.library_changed.connect(self._on_session_library_changed)

    def name(self) -> str:
        return self._name

    def set_queue(self, name: str) -> None:
        self._name = name
        self.reload()

    def reload(self) -> None:
        name = self._name
        rows = self._session.call(lambda lib: lib.rows(lib.queue_ids(name))) if name else []
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def ids(self) -> list[int]:
        return [int(r.id) for r in self._rows]

    def entry_at(self, row: int) -> EntryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _on_session_library_changed(self, changes: Changes) -> None:
        if self._name and (changes.queues or set(changes.entries) & set(self.ids())):
            self.reload()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(index.row() + 1), row.title, row.status.value,
                    row.priority.value)[col]
        if role == ID_ROLE:
            return int(row.id)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DecorationRole and col == 2:
            return icon(f"status-{row.status.value}")
        if role == Qt.ItemDataRole.FontRole and col == 1 and row.status in (
                Status.UNREAD, Status.TO_READ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren)

    def mimeTypes(self) -> list[str]:
        return [ENTRY_IDS_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        chosen = [self._rows[r] for r in rows]
        return entry_mime([int(r.id) for r in chosen], chosen)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: _Index) -> bool:
        return bool(self._name) and data.hasFormat(ENTRY_IDS_MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: _Index) -> bool:
        """Ask for the move (or addition); rows change only when the queue reloads."""
        ids = ids_from_mime(data)
        if not self._name or not ids or action == Qt.DropAction.IgnoreAction:
            return False
        if row < 0 and parent.isValid():
            row = parent.row()
        order = self.ids()
        outside = [i for i in ids if i not in order]
        if outside:
            self.add_requested.emit(outside, len(order) + 1 if row < 0 else row + 1)
            return False
        entry = ids[0]  # the panel selects one item at a time
        self.move_requested.emit(entry, drop_position(order.index(entry), row, len(order)))
        return False


class QueueTable(QTableView):
    """Ctrl+Up / Ctrl+Down (or Alt+Up / Alt+Down) move the current item."""

    move_by = Signal(int)

    def keyboardSearch(self, search: str) -> None:
        return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier) and \
                event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_by.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


class QueuePanel(QWidget):
    """The queue's title, a hint, and its ordered table."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QueueModel(session, self)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.hint = QLabel("Drag to reorder · Ctrl+↑ / Ctrl+↓ move the selected item · "
                           "Delete removes it from the queue", self)
        self.hint.setEnabled(False)
        self.empty = QLabel("This queue is empty. Drag entries onto it in the sidebar, "
                            "or press Q in the table.", self)
        self.empty.setEnabled(False)
        self.empty.setWordWrap(True)
        self.view = QueueTable(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragDropOverwriteMode(False)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self.model.modelReset.connect(self._on_model_model_reset)

    def set_queue(self, name: str) -> None:
        self.title.setText(name)
        self.model.set_queue(name)

    def _on_model_model_reset(self) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)
