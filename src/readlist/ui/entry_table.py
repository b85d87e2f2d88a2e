"""The entry table view: column widths, sorting header, drag out, and its column menu.

Split from the main window so that file stays about layout and state; the model that pages
rows out of SQL is `entry_model.EntryTableModel`.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from readlist.ui.entry_model import COL_KIND, COL_QUEUE, COL_TITLE, COLUMNS, EntryTableModel

#: Initial widths of the columns, in `COLUMNS` order.
WIDTHS = (360, 140, 46, 64, 120, 30, 62, 100, 30)


class EntryTable(QTableView):
    """The entry table; letters are commands here, so no jump-to-typed-text search."""

    def __init__(self, model: EntryTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(26)
        for col, width in enumerate(WIDTHS):
            header.resizeSection(col, width)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (COL_KIND, COL_QUEUE):
            header.hideSection(col)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_context_menu_requested)

    def keyboardSearch(self, search: str) -> None:
        return

    def column_menu(self) -> QMenu:
        """Show or hide any column but the title."""
        header = self.horizontalHeader()
        menu = QMenu(self)
        for col, (name, _, _) in enumerate(COLUMNS):
            if col == COL_TITLE:
                continue
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.toggled.connect(partial(self.set_column_visible, col))
        return menu

    def set_column_visible(self, col: int, on: bool) -> None:
        self.horizontalHeader().setSectionHidden(col, not on)

    def _on_header_context_menu_requested(self, pos: QPoint) -> None:
        header = self.horizontalHeader()
        self.column_menu().exec(header.mapToGlobal(pos))
