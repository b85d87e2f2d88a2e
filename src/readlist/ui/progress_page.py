"""The Progress page: `StatsView` in the window's centre, its figures computed on the worker.

`StatsView.refresh()` asks its source for `stats()` synchronously; at 100,000 entries that is
several grouped SQL queries, too slow for the UI thread. So the view is given a `StatsCache`
as its source: the page runs `Library.stats()` as a job on the session's worker (channel
"stats"), stores the answer in the cache, and only then calls `refresh()`, which just draws.

The page refreshes when it is shown and, while shown, on every `library_changed` that can move
a figure; hidden, it only remembers that it is stale (no work for a page nobody looks at).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStackedLayout, QVBoxLayout, QWidget

from readlist.core.models import Changes
from readlist.core.stats import LibraryStats, StatusCounts
from readlist.library import Library
from readlist.ui.stats_view import StatsView
from readlist.ui.tasks import Session

EMPTY_STATS = LibraryStats(totals=StatusCounts.from_pairs({}), sources=[], sections=[],
                           weekly=[], monthly=[], notes_written=0, note_versions=0,
                           to_read_to_read_days=None, to_read_to_read_count=0,
                           new_in_latest_import=0, new_unread=0)


class StatsCache:
    """A `stats()` source that answers from the last figures the worker computed."""

    def __init__(self) -> None:
        self.value = EMPTY_STATS
        self.loaded = False

    def stats(self) -> LibraryStats:
        return self.value


@dataclass(frozen=True)
class ReadingSpeed:
    """The median reading time (first *reading* → *read*) over `entries` read entries."""

    median_days: float | None
    entries: int


def _stats_job(lib: Library) -> tuple[LibraryStats, ReadingSpeed]:
    times = lib.reading_times()
    median = lib.median_reading_seconds()
    return lib.stats(), ReadingSpeed(None if median is None else median / 86400, len(times))


def reading_time_text(reading: ReadingSpeed) -> str:
    """The line under the Progress figures: the median time from reading to read."""
    if reading.median_days is None:
        return ("Reading time: mark an entry <i>reading</i> when you start it and <i>read</i> "
                "when you finish, and the median time it takes shows here.")
    days = reading.median_days
    span = f"{days * 24:.0f} hours" if days < 1 else f"{days:.1f} days"
    return (f"Reading time: <b>{span}</b> median from <i>reading</i> to <i>read</i>, "
            f"over {reading.entries:,} {'entry' if reading.entries == 1 else 'entries'}")


class ProgressPage(QWidget):
    """Hosts the Progress view; `stats_loaded(stats)` fires each time new figures are drawn."""

    stats_loaded = Signal(object)  # LibraryStats
    entry_activated = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.cache = StatsCache()
        self.view = StatsView(self.cache, self)
        self.view.entryActivated.connect(self.entry_activated)
        for card in self.view.cards.values():  # six cards in a row must fit a narrow centre
            card.caption.setWordWrap(True)
        self.reading_time = QLabel(self)
        self.reading_time.setObjectName("readingTime")
        self.reading_time.setTextFormat(Qt.TextFormat.RichText)
        self.reading_time.setWordWrap(True)
        self.reading_time.setContentsMargins(12, 6, 12, 8)
        shown = QWidget(self)
        column = QVBoxLayout(shown)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view, 1)
        column.addWidget(self.reading_time)
        self._shown = shown
        self.loading = QLabel("Adding up your reading…", self)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setEnabled(False)
        self._layout = QStackedLayout(self)
        self._layout.addWidget(self.loading)  # until the first figures arrive
        self._layout.addWidget(shown)
        self._stale = True
        session.library_changed.connect(self._on_session_library_changed)

    def stats(self) -> LibraryStats | None:
        """The figures on screen, or None before the first job has come back."""
        return self.cache.value if self.cache.loaded else None

    def refresh(self) -> None:
        """Recompute on the worker; the view redraws when the answer arrives."""
        self._stale = False
        self._session.submit(_stats_job, self._on_job_done, self._on_job_failed,
                             channel="stats")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_job_done(self, result: tuple[LibraryStats, ReadingSpeed]) -> None:
        stats, reading = result
        self.cache.value, self.cache.loaded = stats, True
        self.view.refresh()
        self.reading_time.setText(reading_time_text(reading))
        self._layout.setCurrentWidget(self._shown)
        self.stats_loaded.emit(stats)

    def _on_job_failed(self, exc: Exception) -> None:
        self._stale = True
        self.loading.setText(f"Could not add up your reading: {exc}")
        self._layout.setCurrentWidget(self.loading)

    def _on_session_library_changed(self, changes: Changes) -> None:
        if not (changes.statuses or changes.sources or changes.notes or changes.entries):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True
