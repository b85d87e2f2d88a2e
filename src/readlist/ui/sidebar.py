"""The sidebar: library views with live counts, queues, sources' section trees, tags,
saved searches, "What's new" and "Progress". Every item but Progress carries the query that
shows it; Progress (kind "progress") shows the reading-progress page instead of a list.

Its figures are gathered on the worker in one job (`gather`) and applied in place when the
tree's shape is unchanged, so counts update without losing selection or expansion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QWidget

from readlist.core.models import Changes, SectionProgress
from readlist.core.scope import PATH_SEPARATOR, Scope
from readlist.library import Library
from readlist.ui.entry_model import ENTRY_IDS_MIME, ids_from_mime
from readlist.ui.icons import icon
from readlist.ui.tasks import Session

KEY_ROLE = Qt.ItemDataRole.UserRole + 10
QUERY_ROLE = Qt.ItemDataRole.UserRole + 11
KIND_ROLE = Qt.ItemDataRole.UserRole + 12
NAME_ROLE = Qt.ItemDataRole.UserRole + 13
SCOPE_ROLE = Qt.ItemDataRole.UserRole + 14  # a Scope (sources, sections), beside the query

WHATS_NEW_QUERY = "is:new OR is:changed"
NEXT_UP_QUERY = "has:queue -status:read -status:skipped"
STATUS_VIEWS = (("all", "All", ""), ("unread", "Unread", "status:unread"),
                ("to-read", "To read", "status:to-read"), ("reading", "Reading", "status:reading"),
                ("read", "Read", "status:read"), ("skipped", "Skipped", "status:skipped"))


def quoted(value: str) -> str:
    clean = value.replace('"', "")
    return f'"{clean}"' if not clean.isalnum() else clean


@dataclass(frozen=True)
class Node:
    """One sidebar row: `key` is stable across refreshes (selection and expansion follow it)."""

    key: str
    parent: str
    label: str
    count: str
    query: str
    kind: str
    name: str = ""
    icon: str = ""
    scope: Scope | None = None


def gather(lib: Library) -> list[Node]:
    """Everything the sidebar shows, from a handful of queries (runs on the worker)."""
    searches = lib.saved_searches()
    queries = {key: q for key, _, q in STATUS_VIEWS}
    queries["new"] = WHATS_NEW_QUERY
    queries["next"] = NEXT_UP_QUERY
    queries.update({f"search:{s.name}": s.query for s in searches})
    counts = lib.count_many(queries)
    nodes = [Node("g:library", "", "Library", "", "", "group")]
    for key, label, query in STATUS_VIEWS:
        nodes.append(Node(f"status:{key}", "g:library", label, f"{counts[key]:,}", query,
                          "status", key, "library" if key == "all" else f"status-{key}"))
    nodes.append(Node("new", "g:library", "What's new", f"{counts['new']:,}", WHATS_NEW_QUERY,
                      "new", icon="new"))
    done = f"{100 * counts['read'] / counts['all']:.0f}%" if counts["all"] else ""
    nodes.append(Node("progress", "g:library", "Progress", done, "", "progress", icon="stats"))
    nodes.append(Node("g:queues", "", "Queues", "", "", "group", icon=""))
    nodes.append(Node("next", "g:queues", "Next up (all queues)", f"{counts['next']:,}",
                      NEXT_UP_QUERY, "next", icon="next"))
    for q in lib.queues():
        nodes.append(Node(f"queue:{q.name}", "g:queues", q.name, f"{q.count:,}",
                          f"queue:{quoted(q.name)}", "queue", q.name, "queue"))
    sources = lib.sources()
    by_source: dict[str, list[SectionProgress]] = {}
    for sec in lib.section_progress():  # one pass for every source, grouped here
        by_source.setdefault(sec.source, []).append(sec)
    if sources:
        nodes.append(Node("g:sources", "", "Sources", "", "", "group"))
    for src in sources:
        skey = f"source:{src.name}"
        nodes.append(Node(skey, "g:sources", src.title or src.name,
                          f"{src.read:,} / {src.entries:,}", "", "source", src.name, "source",
                          Scope(source=src.name)))
        for sec in by_source.get(src.name, []):
            parts = sec.path.split(PATH_SEPARATOR)
            parent = f"{skey}>{PATH_SEPARATOR.join(parts[:-1])}" if len(parts) > 1 else skey
            nodes.append(Node(f"{skey}>{sec.path}", parent, parts[-1],
                              f"{sec.read:,} / {sec.total:,}", "", "section", sec.path,
                              scope=Scope(source=src.name, section=sec.path)))
    tags = lib.tags()
    if tags:
        nodes.append(Node("g:tags", "", "Tags", "", "", "group"))
        nodes.extend(Node(f"tag:{name}", "g:tags", name, f"{n:,}", f"tag:{quoted(name)}", "tag",
                          name, "tag") for name, n in tags)
    if searches:
        nodes.append(Node("g:searches", "", "Saved searches", "", "", "group"))
        nodes.extend(Node(f"search:{s.name}", "g:searches", s.name,
                          "?" if counts[f"search:{s.name}"] < 0
                          else f"{counts[f'search:{s.name}']:,}", s.query, "search", s.name,
                          "saved") for s in searches)
    return nodes


class SidebarModel(QStandardItemModel):
    """Two columns (name, count); queue rows accept dropped entries."""

    entries_dropped = Signal(str, list)  # queue name, entry ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self._keys: list[str] = []
        self._items: dict[str, QStandardItem] = {}

    def apply(self, nodes: Sequence[Node]) -> bool:
        """Update in place when the shape is unchanged; return True if it was rebuilt."""
        keys = [n.key for n in nodes]
        if keys == self._keys:
            for n in nodes:
                item = self._items[n.key]
                if item.text() != n.label:
                    item.setText(n.label)
                count = self._count_item(item)
                if count is not None and count.text() != n.count:
                    count.setText(n.count)
                item.setData(n.query, QUERY_ROLE)
                item.setData(n.scope, SCOPE_ROLE)
            return False
        self.removeRows(0, self.rowCount())
        self._items = {}
        bold = QFont()
        bold.setBold(True)
        for n in nodes:
            item = QStandardItem(n.label)
            item.setEditable(False)
            item.setData(n.key, KEY_ROLE)
            item.setData(n.query, QUERY_ROLE)
            item.setData(n.scope, SCOPE_ROLE)
            item.setData(n.kind, KIND_ROLE)
            item.setData(n.name, NAME_ROLE)
            if n.icon:
                item.setIcon(icon(n.icon))
            count = QStandardItem(n.count)
            count.setEditable(False)
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            flags = Qt.ItemFlag.ItemIsEnabled
            if n.kind == "group":
                item.setFont(bold)
            else:
                flags |= Qt.ItemFlag.ItemIsSelectable
            if n.kind == "queue":
                flags |= Qt.ItemFlag.ItemIsDropEnabled
            item.setFlags(flags)
            count.setFlags(flags & ~Qt.ItemFlag.ItemIsDropEnabled)
            parent = self._items.get(n.parent)
            (parent or self.invisibleRootItem()).appendRow([item, count])
            self._items[n.key] = item
        self._keys = keys
        return True

    def _count_item(self, item: QStandardItem) -> QStandardItem | None:
        parent = item.parent() or self.invisibleRootItem()
        return parent.child(item.row(), 1)

    def index_of(self, key: str) -> QModelIndex:
        item = self._items.get(key)
        return item.index() if item is not None else QModelIndex()

    def keys(self) -> list[str]:
        return list(self._keys)

    def mimeTypes(self) -> list[str]:
        return [ENTRY_IDS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.LinkAction | Qt.DropAction.MoveAction

    def _queue_at(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> str | None:
        target = (self.index(parent.row(), parent.column(), parent.parent()) if row < 0
                  else self.index(row, 0, parent))
        first = target.siblingAtColumn(0)
        if target.isValid() and first.data(KIND_ROLE) == "queue":
            return str(first.data(NAME_ROLE))
        return None

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: QModelIndex | QPersistentModelIndex) -> bool:
        return data.hasFormat(ENTRY_IDS_MIME) and self._queue_at(row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        queue = self._queue_at(row, parent)
        ids = ids_from_mime(data)
        if queue is None or not ids:
            return False
        self.entries_dropped.emit(queue, ids)
        return False  # nothing to insert here; the window adds them (undoably)


class Sidebar(QTreeView):
    """The sidebar view; emits `scope_selected(key, kind, name, query)`."""

    scope_selected = Signal(str, str, str, str)
    queue_new_requested = Signal()
    queue_rename_requested = Signal(str)
    queue_delete_requested = Signal(str)
    search_remove_requested = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.sidebar_model = SidebarModel(self)
        self.setModel(self.sidebar_model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setAnimated(False)
        self.setIndentation(14)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_self_context_menu_requested)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.selectionModel().currentChanged.connect(self._on_selection_current_changed)
        session.library_changed.connect(self._on_session_library_changed)
        self._current_key = "status:all"
        self._applying = False

    def refresh(self) -> None:
        self._session.submit(gather, self._on_gathered, channel="sidebar")

    def load_now(self) -> None:
        self._on_gathered(self._session.call(gather))

    def current_key(self) -> str:
        return self._current_key

    def current_scope(self) -> Scope | None:
        """The structured filter of the current item (a source or one of its headings)."""
        scope = self.currentIndex().siblingAtColumn(0).data(SCOPE_ROLE)
        return scope if isinstance(scope, Scope) else None

    def select_key(self, key: str, *, emit: bool = True) -> bool:
        """Select the item with `key`; with emit=False the window is not told."""
        index = self.sidebar_model.index_of(key)
        if not index.isValid():
            return False
        if key == self._current_key and emit:
            self._emit_current()
        self._applying = not emit
        if not emit:
            self._current_key = key
        try:
            self.setCurrentIndex(index)
        finally:
            self._applying = False
        return True

    def _on_gathered(self, nodes: list[Node]) -> None:
        model = self.sidebar_model
        first = not model.keys()
        expanded = {k for k in model.keys() if self.isExpanded(model.index_of(k))}  # noqa: SIM118
        self._applying = True
        try:
            if model.apply(nodes):
                for n in nodes:
                    if n.kind == "group" or n.key in expanded or (first and n.kind == "source"):
                        self.setExpanded(model.index_of(n.key), True)
                key = self._current_key if model.index_of(self._current_key).isValid() \
                    else "status:all"
                self.setCurrentIndex(model.index_of(key))
        finally:
            self._applying = False

    def _emit_current(self) -> None:
        index = self.currentIndex().siblingAtColumn(0)
        if index.isValid():
            self._current_key = str(index.data(KEY_ROLE))
            self.scope_selected.emit(self._current_key, str(index.data(KIND_ROLE)),
                                     str(index.data(NAME_ROLE) or ""),
                                     str(index.data(QUERY_ROLE) or ""))

    def _on_selection_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = str(current.siblingAtColumn(0).data(KEY_ROLE) or "")
        if self._applying and key == self._current_key:
            return
        self._emit_current()

    def _on_session_library_changed(self, changes: Changes) -> None:
        if (changes.statuses or changes.queues or changes.tags or changes.sources
                or changes.searches or changes.notes):
            self.refresh()

    def _on_self_context_menu_requested(self, pos: QPoint) -> None:
        index = self.indexAt(pos).siblingAtColumn(0)
        kind, name = str(index.data(KIND_ROLE) or ""), str(index.data(NAME_ROLE) or "")
        menu = QMenu(self)
        new = QAction(icon("plus"), "New queue…", menu)
        new.triggered.connect(self.queue_new_requested.emit)
        menu.addAction(new)
        if kind == "queue":
            rename = menu.addAction("Rename queue…")
            rename.triggered.connect(lambda: self.queue_rename_requested.emit(name))
            delete = menu.addAction("Delete queue")
            delete.triggered.connect(lambda: self.queue_delete_requested.emit(name))
        if kind == "search":
            remove = menu.addAction("Remove saved search")
            remove.triggered.connect(lambda: self.search_remove_requested.emit(name))
        menu.exec(self.viewport().mapToGlobal(pos))
