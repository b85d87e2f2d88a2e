"""GUI benchmark: start-up to first painted window, keystroke-to-table latency, memory.

For libraries of 1,000 and 100,000 entries (built with bench/search.py's generator: one
transaction, as an import writes, 2,520 sections at 100,000) it starts the real app in a fresh
process (offscreen) and reports:

* start → first paint: from process start (interpreter + imports + opening the library +
  building the window + the first page of rows) to the first paint of the entry table;
  target < 1.5 s at 100,000.
* keystroke → table: from a key pressed in the search bar (debounce included) to the table
  holding the new result; median and p95 over several type-ahead queries; target < 100 ms.
* resident memory after scrolling through a few thousand rows; target < 300 MB.
* Progress page: from choosing it in the sidebar to its figures drawn (`Library.stats()` runs
  on the worker, so the window stays responsive meanwhile), the time its redraw takes on the
  UI thread (target < 50 ms), and the longest the UI thread went without processing events
  during that time (on a loaded machine this includes waiting for the CPU and the GIL).

    PYTHONPATH=src python bench/gui.py [--sizes 1000,100000] [--cache DIR] [--no-stats]

The planner statistics are refreshed after the build (`store.statistics.refresh`), as the
import that writes a library that big now does; `--no-stats` measures without them. The line
printed says which. `--cache DIR` keeps the generated libraries (100,000 entries take about
half a minute to build) and reuses them on the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERIES = ["attention", "transformer mod", "status:unread bert", "kind:paper year:>=2022 lang",
           "tag:rlhf OR tag:survey", "-status:read retrieval", "section:attention", "gpt"]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(db: str, started: float) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt
    from PySide6.QtTest import QTest

    from readlist.ui.app import application, open_window

    result: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "first_paint_s" not in result:
                result["first_paint_s"] = time.time() - started
            return False

    app = application()
    session, window = open_window(db, None, None)
    spy = FirstPaint()
    window.table.viewport().installEventFilter(spy)
    window.resize(1400, 860)
    window.show()
    while "first_paint_s" not in result:
        app.processEvents()
    assert window.model.rowCount() > 0

    edit = window.search_bar.edit
    edit.setFocus()
    latencies = []
    for _ in range(3):
        for query in QUERIES:
            window.search_bar.set_text(query[:-1], emit=True)
            session.wait()
            app.processEvents()
            done: list[int] = []
            slot = done.append  # bound to this round's list; disconnected below
            window.model.results_loaded.connect(slot)
            timer = QElapsedTimer()
            timer.start()
            QTest.keyClick(edit, query[-1])
            while not done:
                app.processEvents()
            window.table.viewport().repaint()
            latencies.append(timer.nsecsElapsed() / 1e6)
            # only our slot: a bare disconnect() would also drop the window's own handler
            window.model.results_loaded.disconnect(slot)
    window.search_bar.set_text("", emit=True)
    session.wait()
    app.processEvents()
    for _ in range(15):  # scroll: fetchMore pages in
        window.table.scrollToBottom()
        app.processEvents()
    result["rows_loaded"] = window.model.loaded()
    result["total"] = window.model.total
    latencies.sort()
    result["key_median_ms"] = statistics.median(latencies)
    result["key_p95_ms"] = latencies[int(0.95 * (len(latencies) - 1))]
    result["key_max_ms"] = latencies[-1]
    result["rss_mb"] = _rss_mb()

    loaded = []
    window.progress.stats_loaded.connect(lambda _s: loaded.append(1))
    view, drawn = window.progress.view, []
    plain_refresh = view.refresh

    def timed_refresh() -> None:  # the part of the page's work that runs on the UI thread
        start = time.perf_counter()
        plain_refresh()
        drawn.append((time.perf_counter() - start) * 1000)

    view.refresh = timed_refresh  # type: ignore[method-assign]
    timer = QElapsedTimer()
    timer.start()
    window.sidebar.select_key("progress")
    gap, last = 0.0, timer.nsecsElapsed()
    while not loaded:
        app.processEvents()
        now = timer.nsecsElapsed()
        gap, last = max(gap, (now - last) / 1e6), now
    app.processEvents()
    result["progress_ms"] = timer.nsecsElapsed() / 1e6
    result["progress_ui_gap_ms"] = gap
    result["progress_refresh_ms"] = max(drawn, default=0.0)
    result["progress_rows"] = len(view.sections)
    window.close()
    session.close()
    print(json.dumps(result))
    _ = Qt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--cache", help="keep generated libraries in this folder")
    parser.add_argument("--no-stats", action="store_true",
                        help="do not refresh the planner statistics after the build")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.started)
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from search import build  # bench/search.py's library generator

    from readlist.store import statistics as planner_stats
    from readlist.store.db import backup_file, open_engine

    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.cache) if args.cache else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in (int(s) for s in args.sizes.split(",")):
            built = folder / f"lib-{n}.sqlite3"
            if not built.is_file():
                part = folder / f"lib-{n}.part.sqlite3"  # an interrupted build is not reused
                part.unlink(missing_ok=True)
                start = time.perf_counter()
                build(part, n)
                print(f"{n:>7,} entries: built in {time.perf_counter() - start:.1f} s")
                part.rename(built)
            db = Path(tmp) / f"run-{n}.sqlite3"  # a copy: the cached build stays as built
            backup_file(built, db)
            if not args.no_stats:
                engine = open_engine(db)
                with engine.begin() as conn:
                    planner_stats.refresh(conn)
                engine.dispose()
            out = subprocess.run([sys.executable, __file__, "--child", str(db), "--started",
                                  repr(time.time())], env=env, capture_output=True, text=True,
                                 check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            stats = "without planner statistics" if args.no_stats else "statistics refreshed"
            print(f"{n:>7,} entries ({stats}): first paint {r['first_paint_s']:.2f} s "
                  f"(target < 1.5)  |  keystroke → table median {r['key_median_ms']:.0f} ms, "
                  f"p95 {r['key_p95_ms']:.0f} ms, max {r['key_max_ms']:.0f} ms (target < 100)"
                  f"  |  RSS {r['rss_mb']:.0f} MB (target < 300) after {r['rows_loaded']:,} "
                  f"of {r['total']:,} rows loaded  |  Progress page ({r['progress_rows']:,} rows) "
                  f"{r['progress_ms']:.0f} ms, of which {r['progress_refresh_ms']:.0f} ms on the "
                  f"UI thread (longest gap between its events {r['progress_ui_gap_ms']:.0f} ms)")


if __name__ == "__main__":
    main()
