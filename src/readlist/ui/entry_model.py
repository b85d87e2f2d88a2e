"""The entry table's model: pages rows out of SQL, never holding the whole library.

A query runs on the worker (`Session.submit`, channel "entries"): it counts the matches and
fetches the first page of ids and rows. Further pages load on demand through
`canFetchMore`/`fetchMore` (quick, on the UI thread under the session lock), so 100,000
entries scroll smoothly with only the rows seen so far in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from readlist.core.models import Changes, EntryRow, Status
from readlist.core.scope import Scope
from readlist.library import Library
from readlist.ui.icons import icon
from readlist.ui.markdown_view import plain_tooltip
from readlist.ui.tasks import Session

PAGE = 200
#: The first page is small (a window shows ~40 rows) so a new query paints quickly.
FIRST_PAGE = 60
ENTRY_IDS_MIME = "application/x-readlist-entry-ids"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

#: (header, library sort key or None, natural order is descending)
COLUMNS: tuple[tuple[str, str | None, bool], ...] = (
    ("Title", "title", False),
    ("Authors / organisation", None, False),
    ("Year", "year", True),
    ("Kind", None, False),
    ("Section", "list", False),
    ("Status", "status", True),
    ("Priority", "priority", True),
    ("Queue", None, False),
    ("Note", "note", True),
)
COL_TITLE, COL_AUTHORS, COL_YEAR, COL_KIND, COL_SECTION, COL_STATUS, COL_PRIORITY, COL_QUEUE, \
    COL_NOTE = range(len(COLUMNS))

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Page:
    """What a query job hands back: the match count and the first page."""

    query: str
    sort: str | None
    total: int
    rows: list[EntryRow]
    scope: Scope | None = None


def run_query(library: Library, query: str, sort: str | None, *,
              count: bool = True, scope: Scope | None = None) -> Page:
    """Fetch the first page, and count the matches unless `count` is False and the page is
    full (total is then -1: the model counts in a follow-up job). Runs on the worker."""
    ids = library.find(query, sort=sort, limit=FIRST_PAGE, prefix_last=True, scope=scope)
    if len(ids) < FIRST_PAGE:
        total = len(ids)
    else:
        total = library.count(query, prefix_last=True, scope=scope) if count else -1
    return Page(query, sort, total, library.rows(ids), scope)


def sort_key(column: int, order: Qt.SortOrder) -> str | None:
    """The library's sort name for a header click (None: relevance / list order)."""
    if not 0 <= column < len(COLUMNS) or COLUMNS[column][1] is None:
        return None
    _, key, natural_desc = COLUMNS[column]
    descending = order == Qt.SortOrder.DescendingOrder
    return key if descending == natural_desc else f"-{key}"


class EntryTableModel(QAbstractTableModel):
    """Rows of the current query, loaded a page at a time."""

    results_loaded = Signal(int)  # total matches
    results_counted = Signal(int)  # the total, when counting came after the first page
    query_failed = Signal(object)  # the exception (QueryError carries .position)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._rows: list[EntryRow] = []
        self._total = 0
        self._query = ""
        self._sort: str | None = None
        self._scope: Scope | None = None
        self._counted = True
        #: entries whose PDF is being downloaded (marked in the title column)
        self.fetching: set[int] = set()
        session.library_changed.connect(self._on_session_library_changed)

    # ---- querying ----

    @property
    def query(self) -> str:
        return self._query

    @property
    def total(self) -> int:
        """Matches of the current query (a lower bound until `counted`)."""
        return self._total

    @property
    def counted(self) -> bool:
        return self._counted

    @property
    def scope(self) -> Scope | None:
        return self._scope

    def set_query(self, query: str, sort: str | None = None,
                  scope: Scope | None = None) -> None:
        """Run `query` within `scope` on the worker; the table resets when the answer arrives."""
        self._session.submit(lambda lib: run_query(lib, query, sort, count=False, scope=scope),
                             self._on_page_loaded, self.query_failed.emit, channel="entries")

    def requery(self) -> None:
        self.set_query(self._query, self._sort, self._scope)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = sort_key(column, order)
        self.requery()

    def load_page_now(self, page: Page) -> None:
        """Show a page computed elsewhere (the window's first, synchronous paint)."""
        self._on_page_loaded(page)

    def _on_page_loaded(self, page: Page) -> None:
        self.beginResetModel()
        self._query, self._sort, self._scope = page.query, page.sort, page.scope
        self._rows = list(page.rows)
        self._total = max(page.total, len(self._rows))
        self._counted = page.total >= 0
        self.endResetModel()
        if not self._counted:
            self._total = len(self._rows) + 1  # at least one more page; counted next
            query, sort, scope = page.query, page.sort, page.scope
            self._session.submit(lambda lib: lib.count(query, prefix_last=True, scope=scope),
                                 lambda n: self._on_count_loaded(query, sort, n, scope),
                                 channel="entries")
        self.results_loaded.emit(self._total)

    def _on_count_loaded(self, query: str, sort: str | None, total: int,
                         scope: Scope | None = None) -> None:
        if (query, sort, scope) != (self._query, self._sort, self._scope):
            return
        self._counted = True
        self._total = max(total, len(self._rows))
        self.results_counted.emit(self._total)

    # ---- paging ----

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid() or len(self._rows) >= self._total:
            return
        query, sort, scope, offset = self._query, self._sort, self._scope, len(self._rows)
        rows = self._session.call(lambda lib: lib.rows(
            lib.find(query, sort=sort, limit=PAGE, offset=offset, prefix_last=True,
                     scope=scope)))
        if len(rows) < PAGE and not self._counted:
            self._total = offset + len(rows)
        if not rows:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    # ---- refreshing from Changes ----

    def _on_session_library_changed(self, changes: Changes) -> None:
        if changes.sources:
            self.requery()
            return
        self.refresh_entries(changes.entries)

    def refresh_entries(self, ids: Iterable[int]) -> None:
        """Reload the loaded rows of `ids` in place (rows stay put until the next query)."""
        wanted = {int(i) for i in ids}
        where = {int(r.id): n for n, r in enumerate(self._rows) if int(r.id) in wanted}
        if not where:
            return
        fresh = self._session.call(lambda lib: lib.rows(list(where)))
        for row in fresh:
            n = where[int(row.id)]
            self._rows[n] = row
            self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))

    def set_fetching(self, ids: Iterable[int]) -> None:
        """Mark the rows of entries being downloaded (and unmark those that finished)."""
        changed = self.fetching ^ {int(i) for i in ids}
        self.fetching = {int(i) for i in ids}
        for n, r in enumerate(self._rows):
            if int(r.id) in changed:
                self.dataChanged.emit(self.index(n, COL_TITLE), self.index(n, COL_TITLE))

    # ---- access ----

    def entry_at(self, row: int) -> EntryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int) -> int:
        for n, r in enumerate(self._rows):
            if int(r.id) == entry_id:
                return n
        return -1

    def loaded(self) -> int:
        return len(self._rows)

    # ---- Qt model interface ----

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section][0] if section not in (COL_NOTE, COL_STATUS) else ""
            if role == Qt.ItemDataRole.DecorationRole and section == COL_NOTE:
                return icon("note")
            if role == Qt.ItemDataRole.DecorationRole and section == COL_STATUS:
                return icon("status-read")
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Has a note" if section == COL_NOTE else COLUMNS[section][0]
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return COLUMNS[section][0]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, col) if col != COL_STATUS else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TITLE:
                return plain_tooltip(row.title + (f"\n{row.url}" if row.url else "") + (
                    "\nAvailable offline" if row.has_pdf else ""))
            if col == COL_NOTE and row.has_note:
                return "Has a note"
            if col == COL_SECTION:  # the whole heading path; the cell shows its end
                return plain_tooltip(row.section) if row.section else None
            text = _display(row, col)
            return plain_tooltip(text) if text else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.section if col == COL_SECTION else _display(row, col)
        if role == ID_ROLE:
            return int(row.id)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.FontRole and row.status == Status.UNREAD and col == COL_TITLE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and (
                row.retired or row.status in (Status.READ, Status.SKIPPED)):
            return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        if role == Qt.ItemDataRole.DecorationRole:
            if col == COL_TITLE and (row.has_pdf or int(row.id) in self.fetching):
                return icon("offline" if row.has_pdf else "download")
            if col == COL_NOTE and row.has_note:
                return icon("note")
            if col == COL_STATUS:
                return icon(f"status-{row.status.value}")
            if col == COL_QUEUE and row.queue:
                return icon("queue")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_YEAR, COL_NOTE, COL_STATUS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def mimeTypes(self) -> list[str]:
        return [ENTRY_IDS_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(int(i.data(ID_ROLE)) for i in indexes if i.isValid()))
        chosen = set(ids)
        return entry_mime(ids, [r for r in self._rows if int(r.id) in chosen])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.LinkAction


def entry_mime(ids: list[int], rows: Sequence[EntryRow]) -> QMimeData:
    """Drag payload: entry ids for queues, Markdown links for other applications."""
    mime = QMimeData()
    mime.setData(ENTRY_IDS_MIME, json.dumps(ids).encode())
    mime.setText("\n".join(as_markdown(r) for r in rows))
    return mime


def ids_from_mime(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(ENTRY_IDS_MIME):
        return []
    try:
        raw = json.loads(bytes(mime.data(ENTRY_IDS_MIME).data()).decode())
    except ValueError:
        return []
    return [int(i) for i in raw if isinstance(i, int)]


def as_markdown(row: EntryRow) -> str:
    title = row.title.replace("[", "\\[").replace("]", "\\]")
    return f"- [{title}]({row.url})" if row.url else f"- {title}"


def _display(row: EntryRow, col: int) -> str:
    if col == COL_TITLE:
        return row.title
    if col == COL_AUTHORS:
        return row.authors or row.organization
    if col == COL_YEAR:
        return str(row.year) if row.year else ""
    if col == COL_KIND:
        return row.kind if row.kind != "other" else ""
    if col == COL_SECTION:
        return row.section.rsplit(" > ", 1)[-1]  # the most specific heading fits the column
    if col == COL_STATUS:
        return row.status.value
    if col == COL_PRIORITY:
        return row.priority.value if row.priority.value != "normal" else ""
    if col == COL_QUEUE:
        return row.queue
    return ""
