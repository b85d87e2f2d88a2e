"""The query planner's statistics (sqlite_stat1): refreshed after writes that change the
library's size a lot, because statistics gathered on a nearly empty library (the migrations
run ANALYZE on a new file) make SQLite pick table scans at 100,000 entries."""

from __future__ import annotations

from sqlalchemy import Connection

#: Rows examined per index by a refresh: approximate statistics in milliseconds at any size
#: (a full ANALYZE reads every index: hundreds of ms at 100,000 entries).
ANALYSIS_LIMIT = 1000
#: An import that writes at least this many entry, link or placement rows refreshes them…
MIN_ROWS = 1000
#: …or, below that, one that grows the entries table by this share of what it held.
MIN_SHARE = 0.25


def worth_refreshing(rows_written: int, entries_before: int) -> bool:
    """Whether a write of `rows_written` rows to a library of `entries_before` entries moves
    the table sizes enough that yesterday's statistics mislead the planner."""
    return rows_written >= MIN_ROWS or (
        rows_written > 0 and rows_written >= MIN_SHARE * max(entries_before, 1))


def refresh(conn: Connection) -> None:
    """Re-gather the planner statistics of every table and index, inside the caller's
    transaction (a rolled-back import leaves the old statistics)."""
    conn.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    try:
        conn.exec_driver_sql("ANALYZE")
    finally:
        conn.exec_driver_sql("PRAGMA analysis_limit = 0")
