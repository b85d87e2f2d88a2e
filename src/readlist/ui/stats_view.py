"""The Progress view (issue #7): totals, progress per source and section, a finished-per-period
chart (QtCharts), notes written, to-read → read time and what the latest import added.

Self-contained: `StatsView(library)` calls only `library.stats()`; call `refresh()` after any
change (or connect it to the app's Changes signal). `entryActivated(id)` fires when the reader
double-clicks a new entry, so the main window can select it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Protocol

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from readlist.core.stats import LibraryStats, PeriodCount
from readlist.ui.markdown_view import plain_tooltip
from readlist.ui.progress_delegate import ProgressBarDelegate
from readlist.ui.section_progress_model import (
    COL_BAR,
    COL_LABEL,
    COL_READ,
    COL_READING,
    COL_TO_READ,
    COLUMNS,
    SectionProgressModel,
)

#: Periods the chart shows at most (the most recent ones).
MAX_WEEKS = 12
MAX_MONTHS = 12
#: Up to this many rows the section tree opens fully; beyond, two levels (a long scroll else).
EXPAND_ALL_ROWS = 400
_READ_COLOR = QColor("#2e7d32")
_NOTE_COLOR = QColor("#1565c0")


class _StatsSource(Protocol):
    def stats(self) -> LibraryStats: ...


def fill_periods(points: list[PeriodCount], weekly: bool, limit: int) -> list[PeriodCount]:
    """The recent periods up to the last one with data, gaps filled with zeros."""
    if not points:
        return []
    have = {p.period: p for p in points}
    out: list[PeriodCount] = []
    if weekly:
        day = date.fromisoformat(points[-1].period)
        for _ in range(limit):
            key = day.isoformat()
            out.append(have.get(key, PeriodCount(key, 0, 0)))
            day -= timedelta(days=7)
    else:
        year, month = (int(x) for x in points[-1].period.split("-"))
        for _ in range(limit):
            key = f"{year:04d}-{month:02d}"
            out.append(have.get(key, PeriodCount(key, 0, 0)))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    out.reverse()
    first = points[0].period
    return [p for p in out if p.period >= first] or out[-1:]


def _label(period: str, weekly: bool) -> str:
    if weekly:
        d = date.fromisoformat(period)
        return f"{d:%b} {d.day}"
    d = date.fromisoformat(period + "-01")
    return f"{d:%b} '{d:%y}"


class _Card(QFrame):
    """A number with a caption under it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        self.value = QLabel("–")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #666;")
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str, caption: str | None = None) -> None:
        self.value.setText(value)
        if caption is not None:
            self.caption.setText(caption)


class StatsView(QWidget):
    """Reading progress of a library; refresh() re-reads everything in one transaction."""

    entryActivated = Signal(int)

    def __init__(self, library: _StatsSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Progress")
        self._library = library
        self._stats: LibraryStats | None = None
        self._weekly = True
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(14)

        cards = QGridLayout()
        cards.setSpacing(10)
        self.cards = {name: _Card(caption) for name, caption in (
            ("read", "read"), ("reading", "reading"), ("to-read", "to read"),
            ("unread", "unread"), ("notes", "notes written"), ("median", "to-read → read"))}
        for n, card in enumerate(self.cards.values()):
            cards.addWidget(card, 0, n)
        layout.addLayout(cards)

        layout.addWidget(self._heading("Finished over time"))
        toggle = QHBoxLayout()
        self._group = QButtonGroup(self)
        self.week_button = QPushButton("Per week")
        self.month_button = QPushButton("Per month")
        for button in (self.week_button, self.month_button):
            button.setCheckable(True)
            self._group.addButton(button)
            toggle.addWidget(button)
        self.week_button.setChecked(True)
        self._group.buttonClicked.connect(self._period_changed)
        toggle.addStretch(1)
        layout.addLayout(toggle)
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.setMargins(QMargins(4, 4, 4, 4))
        self._series = QBarSeries()
        self._x_axis = QBarCategoryAxis()
        self._y_axis = QValueAxis()
        self._y_axis.setLabelFormat("%d")
        self.chart.addSeries(self._series)
        self.chart.addAxis(self._x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(self._y_axis, Qt.AlignmentFlag.AlignLeft)
        self._series.attachAxis(self._x_axis)
        self._series.attachAxis(self._y_axis)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(240)
        self.chart_empty = QLabel("Nothing finished yet — entries you mark read show up here.")
        self.chart_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_empty.setStyleSheet("color: #666; padding: 24px;")
        layout.addWidget(self.chart_view)
        layout.addWidget(self.chart_empty)

        layout.addWidget(self._heading("Progress by list and section"))
        self.sections = SectionProgressModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.sections)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_LABEL, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_BAR, 200)
        self.tree.setMinimumHeight(220)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegateForColumn(COL_BAR, ProgressBarDelegate(self.tree))
        layout.addWidget(self.tree)

        self.new_heading = self._heading("New in the latest import, not looked at yet")
        layout.addWidget(self.new_heading)
        self.new_list = QListWidget()
        self.new_list.setMinimumHeight(120)
        self.new_list.itemActivated.connect(self._activated)
        layout.addWidget(self.new_list)
        layout.addStretch(1)
        self.refresh()

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        font = QFont(label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        label.setFont(font)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return label

    @Slot()
    def refresh(self) -> None:
        self._stats = s = self._library.stats()
        t = s.totals
        pct = f"{100 * t.read / t.total:.0f}% of {t.total}" if t.total else "no entries yet"
        self.cards["read"].set(str(t.read), f"read · {pct}")
        self.cards["reading"].set(str(t.reading))
        self.cards["to-read"].set(str(t.to_read))
        self.cards["unread"].set(str(t.unread))
        self.cards["notes"].set(str(s.notes_written),
                                f"notes written · {s.note_versions} earlier versions")
        median = s.to_read_to_read_days
        self.cards["median"].set("–" if median is None else _days(median),
                                 f"to-read → read (median of {s.to_read_to_read_count})")
        self._fill_tree(s)
        self._fill_new(s)
        self._draw_chart()

    def _fill_tree(self, s: LibraryStats) -> None:
        self.sections.set_stats(s)
        if len(self.sections) <= EXPAND_ALL_ROWS:
            self.tree.expandAll()
        else:  # thousands of sections: the lists and their headings, subsections folded
            self.tree.expandToDepth(0)
        metrics, header = self.tree.fontMetrics(), self.tree.header()
        for col in (COL_READ, COL_READING, COL_TO_READ):  # sized from the widest text alone
            text = max(self.sections.widest(col), str(COLUMNS[col]), key=len)
            header.resizeSection(col, metrics.horizontalAdvance(text + "00"))

    def _fill_new(self, s: LibraryStats) -> None:
        self.new_list.clear()
        self.new_heading.setText(f"New in the latest import, not looked at yet "
                                 f"({s.new_unread} of {s.new_in_latest_import})")
        for e in s.new_unread_sample:
            item = QListWidgetItem(e.title)
            item.setData(Qt.ItemDataRole.UserRole, int(e.id))
            item.setToolTip(plain_tooltip(f"{e.source} · double-click to open"))
            self.new_list.addItem(item)
        if not s.new_unread_sample:
            self.new_list.addItem(QListWidgetItem("Nothing new waiting — you are up to date."))
        elif s.new_unread > len(s.new_unread_sample):
            self.new_list.addItem(QListWidgetItem(
                f"… and {s.new_unread - len(s.new_unread_sample)} more (search is:new "
                "status:unread)"))

    @Slot(QListWidgetItem)
    def _activated(self, item: QListWidgetItem) -> None:
        entry = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(entry, int):
            self.entryActivated.emit(entry)

    @Slot()
    def _period_changed(self) -> None:
        self.set_weekly(self.week_button.isChecked())

    def set_weekly(self, weekly: bool) -> None:
        """Show finished entries per week (True) or per month (False)."""
        self._weekly = weekly
        (self.week_button if weekly else self.month_button).setChecked(True)
        self._draw_chart()

    def chart_points(self) -> list[PeriodCount]:
        """What the chart currently draws (gaps filled), oldest first."""
        if self._stats is None:
            return []
        if self._weekly:
            return fill_periods(self._stats.weekly, True, MAX_WEEKS)
        return fill_periods(self._stats.monthly, False, MAX_MONTHS)

    def _draw_chart(self) -> None:
        points = self.chart_points()
        has_data = any(p.finished or p.notes for p in points)
        self.chart_view.setVisible(has_data)
        self.chart_empty.setVisible(not has_data)
        self._series.clear()
        self._x_axis.clear()
        if not has_data:
            return
        finished, notes = QBarSet("Finished"), QBarSet("Notes written")
        finished.setColor(_READ_COLOR)
        notes.setColor(_NOTE_COLOR)
        for p in points:
            finished.append(p.finished)
            notes.append(p.notes)
        self._series.append(finished)
        self._series.append(notes)
        self._x_axis.append([_label(p.period, self._weekly) for p in points])
        top = max(max(p.finished, p.notes) for p in points)
        self._y_axis.setRange(0, max(top, 1))
        self._y_axis.setTickCount(min(top, 4) + 1 if top else 2)


def _days(days: float) -> str:
    if days < 1:
        return f"{days * 24:.0f} h"
    return f"{days:.1f} days" if days < 10 else f"{days:.0f} days"
