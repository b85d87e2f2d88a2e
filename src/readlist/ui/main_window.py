"""The main window: sidebar | entry table, queue or Progress page | detail pane.

State flows one way: the sidebar picks a scope (a query), the search bar adds the reader's
query, the table shows the combined query's rows; every mutation comes back as
`Session.library_changed(Changes)` and each view refreshes itself from it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from readlist.core.errors import QueryError
from readlist.core.models import Changes, ImportReport
from readlist.core.scope import Scope
from readlist.core.stats import LibraryStats
from readlist.ui.detail_pane import DetailPane
from readlist.ui.entry_model import ID_ROLE, EntryTableModel, run_query, sort_key
from readlist.ui.entry_table import EntryTable
from readlist.ui.focus import FocusMarker
from readlist.ui.icons import app_icon
from readlist.ui.import_dialog import TAB_FILE, TAB_TEXT, TAB_URL, ImportDialog
from readlist.ui.io_actions import WindowIO
from readlist.ui.paper_actions import PaperActions
from readlist.ui.progress_page import ProgressPage
from readlist.ui.queue_actions import QueueActions
from readlist.ui.queue_panel import QueuePanel
from readlist.ui.search_bar import SearchBar
from readlist.ui.sidebar import KIND_ROLE, QUERY_ROLE, Sidebar
from readlist.ui.status_line import library_summary, progress_status, queue_status, table_status
from readlist.ui.tasks import Session
from readlist.ui.welcome import WelcomePanel
from readlist.ui.window_settings import restore_layout, save_layout

PAGE_ENTRIES, PAGE_QUEUE, PAGE_WELCOME, PAGE_PROGRESS = range(4)
#: How far the table pages in to find an entry picked on the Progress page.
FIND_LIMIT = 2000


def combine(scope: str, text: str) -> tuple[str, int]:
    """The table's query: the sidebar scope AND the typed text; and the text's offset in it."""
    if scope and text.strip():
        return f"{scope} ({text})", len(scope) + 2
    return (scope or text), 0 if not scope else len(scope) + 2


class MainWindow(WindowIO, QueueActions, PaperActions, QMainWindow):
    """The window a researcher keeps open all day."""

    def __init__(self, session: Session, settings: QSettings | None = None) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self._scope = ""
        self._scope_filter: Scope | None = None  # a source or heading: beside the query text
        self._scope_kind = "status"
        self._offset = 0
        self._pending_select: int | None = None
        self.setWindowTitle("Readlist")
        self.setWindowIcon(app_icon())
        self.sidebar = Sidebar(session, self)
        self.search_bar = SearchBar(self)
        self.model = EntryTableModel(session, self)
        self.table = EntryTable(self.model, self)
        entries = QWidget(self)
        box = QVBoxLayout(entries)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.search_bar)
        box.addWidget(self.table, 1)
        self.queue_panel = QueuePanel(session, self)
        self.welcome = WelcomePanel(self)
        self.progress = ProgressPage(session, self)
        self.center = QStackedWidget(self)
        for page in (entries, self.queue_panel, self.welcome, self.progress):
            self.center.addWidget(page)
        self.detail = DetailPane(session, self.undo_stack, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for widget in (self.sidebar, self.center, self.detail):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([270, 690, 400])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.view_status = QLabel(self)  # what the centre shows; hidden by passing messages
        self.view_status.setObjectName("viewStatus")
        self.statusBar().addWidget(self.view_status, 1)
        self.status_counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_counts)
        self._build_actions()
        self._build_paper_actions()
        self.focus_marker = FocusMarker([self.sidebar, self.table, self.queue_panel.view], self)
        self._connect()
        self.resize(1400, 860)

    # ---- construction ----

    def _connect(self) -> None:
        self.sidebar.scope_selected.connect(self._on_sidebar_scope_selected)
        self.sidebar.sidebar_model.entries_dropped.connect(self._on_sidebar_entries_dropped)
        self.sidebar.queue_new_requested.connect(self._on_sidebar_queue_new_requested)
        self.sidebar.queue_rename_requested.connect(self.rename_queue)
        self.sidebar.queue_delete_requested.connect(self.delete_queue)
        self.sidebar.search_remove_requested.connect(self.remove_saved_search)
        self.search_bar.query_edited.connect(self._on_search_bar_query_edited)
        self.search_bar.escaped.connect(self._on_search_bar_escaped)
        self.model.results_loaded.connect(self._on_model_results_loaded)
        self.model.results_counted.connect(self._on_model_results_counted)
        self.model.query_failed.connect(self._on_model_query_failed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
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
        self.queue_panel.model.modelReset.connect(self._update_view_status)
        self.progress.stats_loaded.connect(self._on_progress_stats_loaded)
        self.progress.entry_activated.connect(self._on_progress_entry_activated)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), qview)
        remove.activated.connect(self._on_queue_remove_activated)
        self.welcome.file_requested.connect(self._on_welcome_file_requested)
        self.welcome.url_requested.connect(self._on_welcome_url_requested)
        self.welcome.paste_requested.connect(self._on_welcome_paste_requested)
        self.session.library_changed.connect(self._on_session_library_changed)
        self.session.mutation_failed.connect(self._on_session_mutation_failed)
        self.detail.note_editor.escaped.connect(self._on_note_editor_escaped)

    def start(self) -> None:
        """Restore settings and show the first page synchronously (the first paint has rows)."""
        self._restore_settings()
        text = self.search_bar.text()
        key = self.settings.value("sidebar/current", "status:all") if self.settings else ""
        self.sidebar.load_now()
        if key and key != "status:all" and self.sidebar.select_key(str(key), emit=False):
            index = self.sidebar.currentIndex()
            self._scope = str(index.data(QUERY_ROLE) or "")
            self._scope_filter = self.sidebar.current_scope()
            self._scope_kind = str(index.data(KIND_ROLE) or "status")
            if self._scope_kind in ("queue", "progress"):
                self.sidebar.select_key(str(key))
                return self._refresh_status_counts()
        query, self._offset = combine(self._scope, text)
        scope = self._scope_filter
        try:
            self.model.load_page_now(self.session.call(
                lambda lib: run_query(lib, query, None, scope=scope)))
        except QueryError as exc:
            self._on_model_query_failed(exc)
        self._refresh_status_counts()

    # ---- selection helpers ----

    def current_view(self) -> QTableView:
        return self.queue_panel.view if self.center.currentIndex() == PAGE_QUEUE else self.table

    def selected_ids(self) -> list[int]:
        """The entries a verb acts on: none while the welcome or Progress page shows."""
        if self.center.currentIndex() not in (PAGE_ENTRIES, PAGE_QUEUE):
            return []
        view = self.current_view()
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        if not rows and view.currentIndex().isValid():
            rows = [view.currentIndex().row()]
        model = view.model()
        return [int(model.index(r, 0).data(ID_ROLE)) for r in rows]

    def select_entry(self, entry: int, limit: int | None = None) -> bool:
        """Make `entry` the current row of the table, paging in at most `limit` rows."""
        row = self.model.row_of(entry)
        while row < 0 and self.model.canFetchMore() and (limit is None
                                                          or self.model.loaded() < limit):
            self.model.fetchMore()
            row = self.model.row_of(entry)
        if row < 0:
            return False
        # explicit flags: a programmatic pick must not depend on which keys are held
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(self.model.index(row, 0),
                            QTableView.ScrollHint.PositionAtCenter)
        return True

    def move_current(self, step: int) -> None:
        if self.center.currentIndex() not in (PAGE_ENTRIES, PAGE_QUEUE):
            return
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
        self.model.set_query(query, sort, self._scope_filter)

    def show_page(self, page: int) -> None:
        """Switch the centre; the detail pane shows beside lists of entries only."""
        if page != self.center.currentIndex():
            self.detail.flush()
        self.center.setCurrentIndex(page)
        self.detail.setVisible(page in (PAGE_ENTRIES, PAGE_QUEUE))
        self._update_view_status()

    def show_progress(self) -> None:
        if not self.sidebar.select_key("progress"):
            self.show_page(PAGE_PROGRESS)

    def _on_sidebar_scope_selected(self, key: str, kind: str, name: str, query: str) -> None:
        self._scope, self._scope_kind = query, kind
        self._scope_filter = self.sidebar.current_scope()
        if kind == "progress":
            self.show_page(PAGE_PROGRESS)
            return
        if kind == "queue":
            self.queue_panel.set_queue(name)
            self.show_page(PAGE_QUEUE)
            if self.queue_panel.model.rowCount():
                self.queue_panel.view.selectRow(0)
            return
        if self.center.currentIndex() != PAGE_WELCOME:
            self.show_page(PAGE_ENTRIES)
        self.run_query()

    def _on_sidebar_queue_new_requested(self) -> None:
        self.new_queue()

    def _on_progress_entry_activated(self, entry: int) -> None:
        """Show an entry picked on the Progress page in the table ("What's new" holds it)."""
        self._pending_select = entry
        self.search_bar.set_text("")
        if not self.sidebar.select_key("new"):
            self.sidebar.select_key("status:all")

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
        self._update_view_status()

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
        if self._pending_select is not None:
            entry, self._pending_select = self._pending_select, None
            if not self.select_entry(entry, FIND_LIMIT):
                self.table.clearSelection()
                self.detail.set_entry(entry)
        self._update_view_status()

    def _on_model_query_failed(self, exc: object) -> None:
        if isinstance(exc, QueryError):
            pos = None if exc.position is None else exc.position - self._offset
            self.search_bar.show_error(str(exc), pos if pos is None or pos >= 0 else None)
        else:
            self.search_bar.show_error(str(exc))

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = current.siblingAtColumn(0).data(ID_ROLE) if current.isValid() else None
        self.detail.set_entry(int(entry) if entry is not None else None)

    def _on_table_selection_changed(self) -> None:
        self._update_view_status()

    def _on_progress_stats_loaded(self, _stats: LibraryStats) -> None:
        self._update_view_status()

    def view_status_text(self) -> str:
        """One true line about what the centre shows (the left of the status bar)."""
        page = self.center.currentIndex()
        if page == PAGE_QUEUE:
            model = self.queue_panel.model
            rows = [r for n in range(model.rowCount()) if (r := model.entry_at(n)) is not None]
            return queue_status(model.name(), rows)
        if page == PAGE_PROGRESS:
            return progress_status(self.progress.stats())
        if page == PAGE_WELCOME:
            return "No list imported yet"
        selected = len(self.table.selectionModel().selectedRows())
        return table_status(self.model.total, self.model.counted, selected)

    def _update_view_status(self) -> None:
        self.view_status.setText(self.view_status_text())

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

    def _on_welcome_file_requested(self) -> None:
        self.open_import(TAB_FILE)

    def _on_welcome_url_requested(self, url: str) -> None:
        self.open_import(TAB_URL, url, True)

    def _on_welcome_paste_requested(self) -> None:
        self.open_import(TAB_TEXT)

    def _on_import_dialog_imported(self, report: ImportReport) -> None:
        if self.center.currentIndex() == PAGE_WELCOME:
            self.show_page(PAGE_ENTRIES)
        self.statusBar().showMessage(f"Imported {report.source}.", 5000)

    def _update_welcome(self) -> None:
        empty = self.model.total == 0 and not self._scope and self._scope_filter is None \
            and not self.search_bar.text() \
            and self._scope_kind in ("status", "") and not self.sidebar.sidebar_model.index_of(
                "g:sources").isValid()
        if empty:
            self.show_page(PAGE_WELCOME)
        elif self.center.currentIndex() == PAGE_WELCOME:
            self.show_page(PAGE_ENTRIES)

    def _on_session_library_changed(self, changes: Changes) -> None:
        if changes.statuses or changes.sources:
            self._refresh_status_counts()

    def _on_session_mutation_failed(self, exc: object) -> None:
        self.statusBar().showMessage(str(exc), 8000)

    def _on_note_editor_escaped(self) -> None:
        self.current_view().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _refresh_status_counts(self) -> None:
        self.session.submit(library_summary, self.status_counts.setText, channel="status")

    # ---- restore (WindowIO) ----

    def _before_reopen(self) -> None:
        self.detail.flush()

    def _after_reopen(self) -> None:
        """The library file was swapped: nothing the undo stack or the panes hold is valid."""
        self.undo_stack.clear()
        self.detail.set_entry(None)
        self.table.setCurrentIndex(QModelIndex())
        self.sidebar.load_now()
        self.run_query()

    # ---- settings ----

    def _restore_settings(self) -> None:
        if self.settings is not None:
            restore_layout(self, self.settings)

    def save_settings(self) -> None:
        if self.settings is not None:
            save_layout(self, self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.detail.flush()
        self.save_settings()
        super().closeEvent(event)
