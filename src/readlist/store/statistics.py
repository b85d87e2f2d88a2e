"""The query planner's statistics (sqlite_stat1): refreshed after writes that change the
library's size a lot, because statistics gathered on a nearly empty library (the migrations
run ANALYZE on a new file) make SQLite pick table scans at 100,000 entries."""

from __future__ import annotations

from sqlalchemy import Connection

#: An import that writes at least this share of the entries the library held refreshes the
#: statistics (a full ANALYZE: ~0.1-0.2 s at 100,000 entries, so not after every small edit).
MIN_SHARE = 0.1


def has_statistics(conn: Connection) -> bool:
    """Whether the entries table has statistics at all (not on a library that only ever
    had its migrations' ANALYZE of empty tables)."""
    return conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_stat1 WHERE tbl = 'entries' LIMIT 1").first() is not None


def worth_refreshing(rows_written: int, entries_before: int, has_stats: bool = True) -> bool:
    """Whether a write of `rows_written` rows to a library of `entries_before` entries moves
    the table sizes enough that the statistics it has mislead the planner."""
    if rows_written <= 0:
        return False
    return not has_stats or rows_written >= MIN_SHARE * max(entries_before, 1)


def refresh(conn: Connection) -> None:
    """Re-gather the planner statistics of every table and index, inside the caller's
    transaction (a rolled-back import leaves the old statistics).

    A full ANALYZE, not an approximate one (`PRAGMA analysis_limit`): sampled statistics
    said an index on a mostly-NULL column was unselective and turned the retired-entries
    lookup every search makes into a table scan (1.8 -> 52 ms at 100k, measured)."""
    conn.exec_driver_sql("ANALYZE")
