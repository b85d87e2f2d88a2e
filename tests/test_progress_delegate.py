"""The Progress page's section bars are painted by a delegate (issue 14.13), not widgets."""

from __future__ import annotations

from pathlib import Path

from io_helpers import annotate, build
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from readlist.ui.progress_delegate import ProgressBarDelegate, progress_of
from readlist.ui.stats_view import StatsView


def _items(view: StatsView) -> list[QTreeWidgetItem]:
    out: list[QTreeWidgetItem] = []
    stack = [view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        out.append(item)
        stack.extend(item.child(i) for i in range(item.childCount()))
    return out


def test_bars_are_painted_from_the_counts(tmp_path: Path, qtbot: QtBot) -> None:
    lib = build(tmp_path / "lib.sqlite3")
    annotate(lib)
    view = StatsView(lib)
    qtbot.addWidget(view)
    view.resize(900, 900)
    view.show()
    qtbot.waitExposed(view)
    assert isinstance(view.tree.itemDelegateForColumn(1), ProgressBarDelegate)
    items = _items(view)
    assert len(items) == 6
    for item in items:
        assert view.tree.itemWidget(item, 1) is None
        index = view.tree.indexFromItem(item, 1)
        read, total = (int(n) for n in item.text(2).split(" / "))
        assert progress_of(index) == (read, total)
        assert item.toolTip(1).endswith("% read")
    papers = next(i for i in items if i.text(0) == "Papers")  # 2 of 4 read: half filled
    code = next(i for i in items if i.text(0) == "Code")  # 0 of 3: empty
    image = view.tree.viewport().grab().toImage()

    def colour(item: QTreeWidgetItem, share: float) -> int:
        rect = view.tree.visualItemRect(item)
        left = view.tree.header().sectionPosition(1)
        width = view.tree.header().sectionSize(1)
        return image.pixel(left + int(width * share), rect.center().y())

    assert colour(papers, 0.25) != colour(papers, 0.85)  # filled part, then the groove
    assert colour(code, 0.25) == colour(code, 0.85) == colour(papers, 0.85)
    lib.close()
