"""The Progress page's tree of lists and sections as a model: each row's figures are read on
demand from the `GroupProgress` it shows, so a reset with 2,506 sections costs the building
of a list of nodes, not thousands of items and their change signals (QTreeWidget did)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from readlist.core.stats import GroupProgress, LibraryStats
from readlist.ui.progress_delegate import PROGRESS_ROLE

COLUMNS = ("List / section", "Progress", "Read", "Reading", "To read")
COL_LABEL, COL_BAR, COL_READ, COL_READING, COL_TO_READ = range(len(COLUMNS))
EMPTY_TEXT = "No list imported yet — use File → Import."
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # once: enum "|" is slow
_Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    label: str
    group: GroupProgress | None
    parent: int  # node id; -1 for top-level rows
    row: int
    children: list[int] = field(default_factory=list)


class SectionProgressModel(QAbstractItemModel):
    """Sources at the top, their headings below; `set_stats` replaces everything."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self._top: list[int] = []

    # ---- filling ----

    def set_stats(self, stats: LibraryStats) -> None:
        self.beginResetModel()
        nodes: list[_Node] = []
        top: list[int] = []

        def add(label: str, group: GroupProgress | None, parent: int) -> int:
            siblings = top if parent < 0 else nodes[parent].children
            nodes.append(_Node(label, group, parent, len(siblings)))
            siblings.append(len(nodes) - 1)
            return len(nodes) - 1

        by_path: dict[tuple[str, str], int] = {}
        for g in stats.sources:
            by_path[(g.source, "")] = add(g.source, g, -1)
        for g in stats.sections:
            parent_path = g.path.rsplit(" > ", 1)[0] if " > " in g.path else ""
            parent = by_path.get((g.source, parent_path), by_path.get((g.source, ""), -1))
            by_path[(g.source, g.path)] = add(g.path.split(" > ")[-1], g, parent)
        if not stats.sources:
            add(EMPTY_TEXT, None, -1)
        self._nodes, self._top = nodes, top
        self.endResetModel()

    def __len__(self) -> int:
        """Rows at every level."""
        return len(self._nodes)

    def widest(self, column: int) -> str:
        """The longest text of a figures column, to size it without measuring every row: a
        list's figures are the sums of its sections', so its row is the widest."""
        texts = [self._text(self._nodes[i], column) for i in self._top]
        return max(texts, key=len, default="")

    # ---- QAbstractItemModel ----

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        siblings = self._children(parent)
        return self.createIndex(row, column, siblings[row])

    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        node = self._nodes[child.internalId()]
        if node.parent < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[node.parent].row, 0, node.parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        col, g = index.column(), node.group
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(node, col)
        if g is None:
            return None
        c = g.counts
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= COL_READ:
            return _RIGHT
        if role == PROGRESS_ROLE and col == COL_BAR:
            return (c.read, c.total)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == COL_BAR:
                return f"{100 * c.read / c.total:.0f}% read" if c.total else "nothing to read"
            if role == Qt.ItemDataRole.ToolTipRole and col == COL_LABEL:
                return (f"{c.read} read, {c.reading} reading, {c.to_read} to read, "
                        f"{c.unread} unread, {c.skipped} skipped")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    # ---- helpers ----

    def _children(self, parent: _Index) -> list[int]:
        return self._nodes[parent.internalId()].children if parent.isValid() else self._top

    @staticmethod
    def _text(node: _Node, column: int) -> str:
        if column == COL_LABEL:
            return node.label
        if node.group is None or column == COL_BAR:
            return ""
        c = node.group.counts
        return (f"{c.read:,} / {c.total:,}" if column == COL_READ else
                f"{c.reading:,}" if column == COL_READING else f"{c.to_read:,}")
