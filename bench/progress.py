"""Progress page at scale (issue 14.13): time to fill and paint the section tree.

Builds figures for N sections (default 2,520: a 100,000-entry generated list) without a
database and times `StatsView.refresh()` + the first paint, offscreen, median of runs.
Target: < 50 ms at 2,506 sections.

    PYTHONPATH=src QT_QPA_PLATFORM=offscreen python bench/progress.py [--sections N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from readlist.core.stats import GroupProgress, LibraryStats, StatusCounts  # noqa: E402
from readlist.ui.app import application  # noqa: E402
from readlist.ui.progress_page import EMPTY_STATS  # noqa: E402
from readlist.ui.stats_view import StatsView  # noqa: E402

HEADINGS = ("Papers", "Articles", "Videos", "Tools", "Implementations", "Tasks")


def figures(n_sections: int) -> LibraryStats:
    """Two sources, six headings each, 'Topic k' subsections under them: n_sections rows."""
    sections = []
    per_heading = max(1, n_sections // (2 * len(HEADINGS)) - 1)
    for source in ("awesome-a", "awesome-b"):
        for heading in HEADINGS:
            sections.append(GroupProgress(source, heading, 1, StatusCounts(20, 5, 2, 13, 0)))
            sections += [GroupProgress(source, f"{heading} > Topic {k}", 2,
                                       StatusCounts(25, 5, 1, 9 + k % 10, k % 3))
                         for k in range(1, per_heading + 1)]
    sources = [GroupProgress(s, "", 0, StatusCounts(50_000, 4000, 300, 5000, 200))
               for s in ("awesome-a", "awesome-b")]
    return LibraryStats(**{**EMPTY_STATS.__dict__, "sources": sources, "sections": sections})


class _Source:
    def __init__(self, value: LibraryStats) -> None:
        self.value = value

    def stats(self) -> LibraryStats:
        return self.value


def measure(n_sections: int, runs: int) -> tuple[float, int]:
    app = application()
    source = _Source(EMPTY_STATS)
    view = StatsView(source)
    view.resize(1200, 900)
    view.show()
    app.processEvents()
    full = figures(n_sections)
    times = []
    for _ in range(runs):
        source.value = EMPTY_STATS
        view.refresh()
        app.processEvents()
        source.value = full
        start = time.perf_counter()
        view.refresh()
        view.tree.viewport().repaint()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    rows = len(full.sections) + len(full.sources)
    view.close()
    return statistics.median(times), rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sections", type=int, default=2520)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    ms, rows = measure(args.sections, args.runs)
    print(f"{rows:,} rows: Progress view refresh + first paint median {ms:.0f} ms "
          "(target < 50)")


if __name__ == "__main__":
    main()
