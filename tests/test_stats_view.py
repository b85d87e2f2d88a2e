"""The Progress view shown offscreen with pytest-qt (issue #7)."""

from __future__ import annotations

from pathlib import Path

from io_helpers import annotate, build
from pytestqt.qtbot import QtBot

from readlist.core.stats import PeriodCount
from readlist.library import Library
from readlist.ui.stats_view import StatsView, fill_periods


def test_view_shows_progress_chart_and_new_entries(tmp_path: Path, qtbot: QtBot) -> None:
    lib = build(tmp_path / "lib.sqlite3")
    annotate(lib)
    view = StatsView(lib)
    qtbot.addWidget(view)
    view.resize(900, 900)
    view.show()
    qtbot.waitExposed(view)
    assert view.cards["read"].value.text() == "3"
    assert view.cards["median"].value.text() == "7.0 days"
    model = view.sections
    top = model.index(0, 0)
    assert top.data() == "tiny" and model.index(0, 2).data() == "3 / 9"
    papers = model.index(0, 0, top)
    assert papers.data() == "Papers" and model.rowCount(papers) == 2
    assert view.new_list.count() == 3
    assert view.chart_view.isVisible() and len(view.chart.series()) == 1
    view.set_weekly(False)
    assert sum(p.finished for p in view.chart_points()) >= 0
    assert view.month_button.isChecked()
    with qtbot.waitSignal(view.entryActivated) as blocker:
        view.new_list.itemActivated.emit(view.new_list.item(0))
    assert blocker.args == [7]
    lib.mark([7], "read")
    view.refresh()
    assert view.new_list.count() == 2 and view.cards["read"].value.text() == "4"
    assert not view.grab().isNull()


def test_view_empty_state(tmp_path: Path, qtbot: QtBot) -> None:
    view = StatsView(Library(tmp_path / "empty.sqlite3"))
    qtbot.addWidget(view)
    view.show()
    assert not view.chart_view.isVisible() and view.chart_empty.isVisible()
    assert "No list imported" in view.sections.index(0, 0).data()


def test_fill_periods_fills_gaps() -> None:
    weeks = fill_periods([PeriodCount("2024-01-01", 1, 0), PeriodCount("2024-01-22", 2, 1)],
                         True, 12)
    assert [p.period for p in weeks] == ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"]
    months = fill_periods([PeriodCount("2023-11", 1, 0), PeriodCount("2024-02", 0, 1)],
                          False, 12)
    assert [p.period for p in months] == ["2023-11", "2023-12", "2024-01", "2024-02"]
