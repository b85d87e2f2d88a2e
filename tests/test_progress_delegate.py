"""The Progress page's section tree (issue 14.13): a model read on demand, bars painted by a
delegate, not one widget per row; thousands of sections open two levels deep."""

from __future__ import annotations

import sys
from pathlib import Path

from io_helpers import annotate, build
from PySide6.QtCore import QModelIndex
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from readlist.ui.progress_delegate import PROGRESS_ROLE, ProgressBarDelegate, progress_of
from readlist.ui.section_progress_model import COL_BAR, COL_READ, SectionProgressModel
from readlist.ui.stats_view import EXPAND_ALL_ROWS, StatsView

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from progress import figures  # noqa: E402  (bench/progress.py's figures for N sections)


def _rows(model: SectionProgressModel, parent: QModelIndex | None = None) -> list[QModelIndex]:
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out += [index, *_rows(model, index)]
    return out


def test_bars_are_painted_from_the_counts(tmp_path: Path, qtbot: QtBot) -> None:
    lib = build(tmp_path / "lib.sqlite3")
    annotate(lib)
    view = StatsView(lib)
    qtbot.addWidget(view)
    view.resize(900, 900)
    view.show()
    qtbot.waitExposed(view)
    assert isinstance(view.tree.itemDelegateForColumn(COL_BAR), ProgressBarDelegate)
    model = view.sections
    rows = _rows(model)
    assert len(rows) == len(model) == 6
    for index in rows:
        bar = index.siblingAtColumn(COL_BAR)
        assert view.tree.indexWidget(bar) is None
        read, total = (int(n.replace(",", "")) for n in
                       index.siblingAtColumn(COL_READ).data().split(" / "))
        assert progress_of(bar) == (read, total)
        assert str(bar.data(3)).endswith("% read")  # its tooltip
        assert view.tree.isExpanded(index) or not model.rowCount(index)  # small: all open
    papers = next(i for i in rows if i.data() == "Papers")  # 2 of 4 read: half filled
    code = next(i for i in rows if i.data() == "Code")  # 0 of 3: empty
    image = view.tree.viewport().grab().toImage()

    def colour(index: QModelIndex, share: float) -> int:
        rect = view.tree.visualRect(index.siblingAtColumn(COL_BAR))
        return image.pixel(rect.left() + int(rect.width() * share), rect.center().y())

    assert colour(papers, 0.25) != colour(papers, 0.85)  # filled part, then the groove
    assert colour(code, 0.25) == colour(code, 0.85) == colour(papers, 0.85)
    lib.close()


def test_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = SectionProgressModel()
    model.set_stats(figures(60))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, COL_BAR).data(PROGRESS_ROLE) == (5000, 59_500)


def test_thousands_of_sections_open_two_levels(qtbot: QtBot) -> None:
    class Source:
        def stats(self) -> object:
            return figures(2520)

    view = StatsView(Source())  # type: ignore[arg-type]
    qtbot.addWidget(view)
    model = view.sections
    assert len(model) > EXPAND_ALL_ROWS
    source = model.index(0, 0)
    heading = model.index(0, 0, source)
    assert model.rowCount(heading) > 100
    assert view.tree.isExpanded(source) and not view.tree.isExpanded(heading)
