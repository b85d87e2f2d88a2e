"""The main window: sidebar | entry table or queue (with the search bar) | detail pane.

State flows one way: the sidebar picks a scope (a query), the search bar adds the reader's
query, the table shows the combined query's rows; every mutation comes back as
`Session.library_changed(Changes)` and each view refreshes itself from it.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QPoint, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHeaderView, QLabel, QMainWindow,
                               QMenu, QMessageBox, QSplitter, QStackedWidget, QTableView,
                               QVBoxLayout, QWidget)

from readlist.core.errors import QueryError, ReadlistError
from readlist.core.models import Changes, ImportReport
from readlist.library import Library
from readlist.ui.detail_pane import DetailPane
from readlist.ui.entry_model import (COL_KIND, COL_QUEUE, COL_TITLE, COLUMNS, ID_ROLE,
                                     EntryTableModel,
                                     run_query, sort_key)
from readlist.ui.icons import app_icon, icon
from readlist.ui.import_dialog import TAB_FILE, TAB_TEXT, TAB_URL, ImportDialog
from readlist.ui.queue_panel import QueuePanel
from readlist.ui.search_bar import SearchBar
from readlist.ui.sidebar import KIND_ROLE, QUERY_ROLE, Sidebar
from readlist.ui.tasks import Session
from readlist.ui.undo import QueueAddCommand, QueueMoveCommand, QueueRemoveCommand
from readlist.ui.welcome import WelcomePanel
from readlist.ui.window_actions import WindowActions

PAGE_ENTRIES, PAGE_QUEUE, PAGE_WELCOME = range(3)


def combine(scope: str, text: str) -> tuple[str, int]:
    """The table's query: the sidebar scope AND the typed text; and the text's offset in it."""
    if scope and text.strip():
        return f"{scope} ({text})", len(scope) + 2
    return (scope or text), 0 if not scope else len(scope) + 2


class EntryTable(QTableView):
    """The entry table; letters are commands here, so no jump-to-typed-text search."""

    def keyboardSearch(self, search: str) -> None:
        return


class MainWindow(WindowActions, QMainWindow):
    """The window a researcher keeps open all day."""

    def __init__(self, session: Session, settings: QSettings | None = None) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self._scope = ""
        self._scope_kind = "status"
        self._offset = 0
        self.setWindowTitle("Readlist")
        self.setWindowIcon(app_icon())
        self.sidebar = Sidebar(session, self)
        self.search_bar = SearchBar(self)
        self.model = EntryTableModel(session, self)
        self.table = EntryTable(self)
        self.table.setObjectName("entryTable")
        self._setup_table()
        entries = QWidget(self)
        box = QVBoxLayout(entries)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.search_bar)
        box.addWidget(self.table, 1)
        self.queue_panel = QueuePanel(session, self)
        self.welcome = WelcomePanel(self)
        self.center = QStackedWidget(self)
        for page in (entries, self.queue_panel, self.welcome):
            self.center.addWidget(page)
        self.detail = DetailPane(session, self.undo_stack, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for widget in (self.sidebar, self.center, self.detail):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 700, 380])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.status_counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_counts)
        self._build_actions()
        self._connect()
        self.resize(1400, 860)

    # ---- construction ----

    def _setup_table(self) -> None:
        t = self.table
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        t.setDragEnabled(True)
        t.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        t.setShowGrid(False)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 10)
        t.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = t.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(26)
        widths = (360, 140, 46, 64, 120, 30, 62, 100, 30)
        for col, width in enumerate(widths):
            header.resizeSection(col, width)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (COL_KIND, COL_QUEUE):
            header.hideSection(col)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_context_menu_requested)

    def _on_header_context_menu_requested(self, pos: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for col, (name, _, _) in enumerate(COLUMNS):
            if col == COL_TITLE:
                continue
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.toggled.connect(lambda on, c=col: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(pos))

    def _connect(self) -> None:
        self.sidebar.scope_selected.connect(self._on_sidebar_scope_selected)
        self.sidebar.sidebar_model.entries_dropped.connect(self._on_sidebar_entries_dropped)
        self.sidebar.queue_new_requested.connect(lambda: self.new_queue())
        self.sidebar.queue_rename_requested.connect(self.rename_queue)
        self.sidebar.queue_delete_requested.connect(self.delete_queue)
        self.sidebar.search_remove_requested.connect(self.remove_saved_search)
        self.search_bar.query_edited.connect(self._on_search_bar_query_edited)
        self.search_bar.escaped.connect(self._on_search_bar_escaped)
        self.model.results_loaded.connect(self._on_model_results_loaded)
        self.model.results_counted.connect(self._on_model_results_counted)
        self.model.query_failed.connect(self._on_model_query_failed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_selection_status)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        self.table.horizontalHeader().sortIndicatorChanged.connect(
            self._on_header_sort_indicator_changed)
        qview = self.queue_panel.view
        qview.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        qview.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        qview.customContextMenuRequested.connect(self._on_table_context_menu_requested)
        qview.move_by.connect(self._on_queue_view_move_by)
        self.queue_panel.model.move_requested.connect(self._on_queue_model_move_requested)
        self.queue_panel.model.add_requested.connect(self._on_queue_model_add_requested)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), qview)
        remove.activated.connect(self._on_queue_remove_activated)
        self.welcome.file_requested.connect(lambda: self.open_import(TAB_FILE))
        self.welcome.url_requested.connect(lambda url: self.open_import(TAB_URL, url, True))
        self.welcome.paste_requested.connect(lambda: self.open_import(TAB_TEXT))
        self.session.library_changed.connect(self._on_session_library_changed)

    def start(self) -> None:
        """Restore settings and show the first page synchronously (the first paint has rows)."""
        self._restore_settings()
        text = self.search_bar.text()
        key = self.settings.value("sidebar/current", "status:all") if self.settings else ""
        self.sidebar.load_now()
        if key and key != "status:all" and self.sidebar.select_key(str(key), emit=False):
            index = self.sidebar.currentIndex()
            self._scope = str(index.data(QUERY_ROLE) or "")
            self._scope_kind = str(index.data(KIND_ROLE) or "status")
            if self._scope_kind == "queue":
                self.sidebar.select_key(str(key))
                return self._refresh_status_counts()
        query, self._offset = combine(self._scope, text)
        try:
            self.model.load_page_now(self.session.call(lambda lib: run_query(lib, query, None)))
        except QueryError as exc:
            self._on_model_query_failed(exc)
        self._refresh_status_counts()

    # ---- selection helpers ----

    def current_view(self) -> QTableView:
        return self.queue_panel.view if self.center.currentIndex() == PAGE_QUEUE else self.table

    def selected_ids(self) -> list[int]:
        view = self.current_view()
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        if not rows and view.currentIndex().isValid():
            rows = [view.currentIndex().row()]
        model = view.model()
        return [int(model.index(r, 0).data(ID_ROLE)) for r in rows]

    def select_entry(self, entry: int) -> bool:
        """Make `entry` the current row of the table (for --select and tests)."""
        row = self.model.row_of(entry)
        while row < 0 and self.model.canFetchMore():
            self.model.fetchMore()
            row = self.model.row_of(entry)
        if row < 0:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def move_current(self, step: int) -> None:
        view = self.current_view()
        model = view.model()
        row = view.currentIndex().row() + step
        if row >= model.rowCount() and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        row = max(0, min(model.rowCount() - 1, row))
        if model.rowCount():
            index = model.index(row, 0)
            view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            view.scrollTo(index)

    def focus_search(self) -> None:
        if self.center.currentIndex() != PAGE_ENTRIES:
            self.sidebar.select_key("status:all")
        self.search_bar.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.edit.selectAll()

    # ---- querying ----

    def run_query(self) -> None:
        query, self._offset = combine(self._scope, self.search_bar.text())
        header = self.table.horizontalHeader()
        sort = sort_key(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if sort is None and self._scope_kind == "next":
            sort = "priority"
        self.model.set_query(query, sort)

    def _on_sidebar_scope_selected(self, key: str, kind: str, name: str, query: str) -> None:
        self._scope, self._scope_kind = query, kind
        if kind == "queue":
            self.detail.flush()
            self.queue_panel.set_queue(name)
            self.center.setCurrentIndex(PAGE_QUEUE)
            if self.queue_panel.model.rowCount():
                self.queue_panel.view.selectRow(0)
            return
        if self.center.currentIndex() != PAGE_WELCOME:
            self.center.setCurrentIndex(PAGE_ENTRIES)
        self.run_query()

    def _on_search_bar_query_edited(self, _text: str) -> None:
        self.run_query()

    def _on_search_bar_escaped(self) -> None:
        if self.search_bar.text():
            self.search_bar.set_text("", emit=True)
        self.table.setFocus()

    def _on_header_sort_indicator_changed(self, _section: int, _order: Qt.SortOrder) -> None:
        self.run_query()

    def _on_model_results_counted(self, total: int) -> None:
        self.search_bar.set_count(f"{total:,} {'entry' if total == 1 else 'entries'}")
        self._update_selection_status()

    def _on_model_results_loaded(self, total: int) -> None:
        self.search_bar.clear_error()
        self.search_bar.set_count(f"{total:,} {'entry' if total == 1 else 'entries'}"
                                  if self.model.counted else "counting…")
        self._update_welcome()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            keep = self.detail.entry()
            row = self.model.row_of(keep) if keep is not None else -1
            self.table.setCurrentIndex(self.model.index(max(row, 0), 0))
        elif not self.model.rowCount():
            self.detail.set_entry(None)

    def _on_model_query_failed(self, exc: object) -> None:
        if isinstance(exc, QueryError):
            pos = None if exc.position is None else exc.position - self._offset
            self.search_bar.show_error(str(exc), pos if pos is None or pos >= 0 else None)
        else:
            self.search_bar.show_error(str(exc))

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = current.siblingAtColumn(0).data(ID_ROLE) if current.isValid() else None
        self.detail.set_entry(int(entry) if entry is not None else None)
        self._update_selection_status()

    def _update_selection_status(self) -> None:
        n = len(self.table.selectionModel().selectedRows())
        shown = f"{self.model.total:,} shown" if self.model.counted else "counting…"
        self.statusBar().showMessage(shown + (f" · {n:,} selected" if n > 1 else ""))

    # ---- queues ----

    def _on_sidebar_entries_dropped(self, queue: str, ids: list[int]) -> None:
        self.add_selected_to_queue(queue, ids)

    def _on_queue_model_move_requested(self, entry: int, position: int) -> None:
        name = self.queue_panel.model.name()
        self._push(lambda: QueueMoveCommand(self.session, name, entry, position))
        row = self.queue_panel.model.ids().index(entry)
        self.queue_panel.view.selectRow(row)

    def _on_queue_model_add_requested(self, ids: list[int], position: int) -> None:
        name = self.queue_panel.model.name()
        self.undo_stack.beginMacro(f"Add to {name}")
        self._push(lambda: QueueAddCommand(self.session, name, ids))
        for offset, entry in enumerate(ids):
            self._push(lambda e=entry, o=offset: QueueMoveCommand(self.session, name, e,
                                                                  position + o))
        self.undo_stack.endMacro()

    def _on_queue_view_move_by(self, step: int) -> None:
        view, model = self.queue_panel.view, self.queue_panel.model
        row = view.currentIndex().row()
        if row < 0 or not 0 <= row + step < model.rowCount():
            return
        self._on_queue_model_move_requested(model.ids()[row], row + step + 1)

    def _on_queue_remove_activated(self) -> None:
        ids, name = self.selected_ids(), self.queue_panel.model.name()
        if ids and name:
            self._push(lambda: QueueRemoveCommand(self.session, name, ids))

    # ---- import, what's new, welcome ----

    def open_import(self, tab: int = TAB_FILE, url: str = "", start: bool = False) -> ImportDialog:
        dialog = ImportDialog(self.session, self, tab=tab, url=url)
        dialog.whats_new_requested.connect(self.show_whats_new)
        dialog.imported.connect(self._on_import_dialog_imported)
        dialog.setModal(False)
        dialog.show()
        if start:
            dialog.start()
        return dialog

    def show_whats_new(self) -> None:
        self.search_bar.set_text("")
        if not self.sidebar.select_key("new"):
            self.sidebar.load_now()
            self.sidebar.select_key("new")

    def _on_import_dialog_imported(self, report: ImportReport) -> None:
        self.center.setCurrentIndex(PAGE_ENTRIES)
        self.statusBar().showMessage(f"Imported {report.source}.", 5000)

    def _update_welcome(self) -> None:
        empty = self.model.total == 0 and not self._scope and not self.search_bar.text() \
            and self._scope_kind in ("status", "") and not self.sidebar.sidebar_model.index_of(
                "g:sources").isValid()
        if empty:
            self.center.setCurrentIndex(PAGE_WELCOME)
        elif self.center.currentIndex() == PAGE_WELCOME:
            self.center.setCurrentIndex(PAGE_ENTRIES)
        self.detail.setVisible(not empty)

    def _on_session_library_changed(self, changes: Changes) -> None:
        if changes.statuses or changes.sources:
            self._refresh_status_counts()

    def _refresh_status_counts(self) -> None:
        def job(lib: Library) -> str:
            counts = lib.count_many({"all": "", "unread": "status:unread",
                                     "read": "status:read"})
            runs = lib.runs()
            text = (f"{counts['all']:,} entries · {counts['unread']:,} unread · "
                    f"{counts['read']:,} read")
            if runs:
                last = runs[0]
                text += (f"  ·  last import {last.started_at[:16].replace('T', ' ')}: "
                         f"+{last.added} new, {last.changed} changed, {last.retired} retired")
            return text
        self.session.submit(job, self.status_counts.setText, channel="status")

    # ---- export / statistics (owned by a colleague; wired only where present) ----

    def _add_io_actions(self, menu: QMenu) -> None:
        export = menu.addAction(icon("export"), "Export as JSON…")
        export.triggered.connect(self._on_export_json_triggered)
        backup = menu.addAction("Back up the library…")
        backup.triggered.connect(self._on_backup_triggered)

    def _add_stats_action(self, menu: QMenu) -> None:
        action = menu.addAction(icon("stats"), "Statistics")
        action.triggered.connect(self._on_stats_triggered)

    def _on_export_json_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export", "readlist-export.json",
                                              "JSON (*.json)")
        if path:
            try:
                data = self.session.call(lambda lib: lib.export_data())
                Path(path).write_text(json.dumps(data, indent=2), encoding="utf-8")
            except (ReadlistError, OSError) as exc:
                QMessageBox.warning(self, "Export", str(exc))

    def _on_backup_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Back up", "readlist-backup.sqlite3")
        if path:
            try:
                self.session.call(lambda lib: lib.backup(path))
            except (ReadlistError, OSError) as exc:
                QMessageBox.warning(self, "Back up", str(exc))

    def _on_stats_triggered(self) -> None:
        try:
            from readlist.ui.stats_view import StatsView
        except ImportError:
            self.statusBar().showMessage("Statistics are not available yet.", 4000)
            return
        view = StatsView(self.session.library, self)
        view.setWindowFlag(Qt.WindowType.Window, True)
        view.setWindowTitle("Statistics")
        view.resize(900, 640)
        view.show()

    # ---- settings ----

    def _restore_settings(self) -> None:
        s = self.settings
        if s is None:
            return
        for key, restore in (("window/geometry", self.restoreGeometry),
                             ("window/state", self.restoreState),
                             ("splitters/main", self.splitter.restoreState),
                             ("splitters/detail", self.detail.splitter.restoreState),
                             ("splitters/note", self.detail.note_editor.splitter.restoreState),
                             ("table/header", self.table.horizontalHeader().restoreState)):
            value = s.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        self.search_bar.set_text(str(s.value("search/query", "") or ""))

    def save_settings(self) -> None:
        s = self.settings
        if s is None:
            return
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("splitters/main", self.splitter.saveState())
        s.setValue("splitters/detail", self.detail.splitter.saveState())
        s.setValue("splitters/note", self.detail.note_editor.splitter.saveState())
        s.setValue("table/header", self.table.horizontalHeader().saveState())
        s.setValue("search/query", self.search_bar.text())
        s.setValue("sidebar/current", self.sidebar.current_key())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.detail.flush()
        self.save_settings()
        super().closeEvent(event)
