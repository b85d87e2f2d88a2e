"""Reading-progress figures computed in SQL (GROUP BY): nothing loads every entry into Python.

Only live entries (not retired upstream) count towards progress; an entry without a
reading_state row is unread. Weeks start on Monday; periods are taken in UTC, the time zone
every timestamp is stored in.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from readlist.core.models import EntryId
from readlist.core.stats import GroupProgress, LibraryStats, NewEntry, PeriodCount, StatusCounts
from readlist.store import progress
from readlist.store.queries import LATEST_CHANGING_RUNS
from readlist.store.search import status_counts

_STATE = ("LEFT JOIN reading_state rs ON rs.entry_id = e.id AND rs.reader_id = :r")
_LATEST_RUNS = LATEST_CHANGING_RUNS
WEEK = "date({col}, '-6 days', 'weekday 1')"
MONTH = "strftime('%Y-%m', {col})"
#: How many unread new entries the stats list by name.
NEW_SAMPLE = 50


def totals(conn: Connection, reader: int) -> StatusCounts:
    return StatusCounts.from_pairs(status_counts(conn, reader))


def by_source(conn: Connection, reader: int) -> list[GroupProgress]:
    return [GroupProgress(name, "", 0, StatusCounts.from_pairs(counts))
            for name, counts in progress.source_counts(conn, reader)]


def by_section(conn: Connection, reader: int) -> list[GroupProgress]:
    """Each current heading with the entries placed in it or in any heading below it."""
    return [
        GroupProgress(name, path, path.count(" > ") + 1, StatusCounts.from_pairs(c))
        for name, path, c in progress.heading_counts(conn, reader)
    ]


def timeline(conn: Connection, reader: int, period: str) -> list[PeriodCount]:
    """Entries finished (now read) and notes started per period, oldest first; gaps omitted."""
    finished = {str(p): int(n) for p, n in conn.execute(text(
        f"SELECT {period.format(col='finished_at')} AS p, count(*) FROM reading_state "
        "WHERE reader_id = :r AND status = 'read' AND finished_at IS NOT NULL GROUP BY p"),
        {"r": reader}) if p is not None}
    notes = {str(p): int(n) for p, n in conn.execute(text(
        f"SELECT {period.format(col='created_at')} AS p, count(*) FROM notes "
        "WHERE reader_id = :r AND trim(body) <> '' GROUP BY p"), {"r": reader}) if p is not None}
    return [PeriodCount(p, finished.get(p, 0), notes.get(p, 0))
            for p in sorted(set(finished) | set(notes))]


def note_counts(conn: Connection, reader: int) -> tuple[int, int]:
    """(notes with text, earlier versions kept)."""
    row = conn.execute(text(
        "SELECT (SELECT count(*) FROM notes WHERE reader_id = :r AND trim(body) <> ''), "
        "(SELECT count(*) FROM note_versions WHERE reader_id = :r)"), {"r": reader}).one()
    return int(row[0]), int(row[1])


def to_read_to_read(conn: Connection, reader: int) -> tuple[float | None, int]:
    """Median days from an entry's last move to to-read until it was finished, and over how many.

    Entries read without ever being to-read (straight from unread) are left out.
    """
    row = conn.execute(text(
        "WITH d AS (SELECT julianday(rs.finished_at) - julianday(("
        "    SELECT max(ev.at) FROM status_events ev WHERE ev.reader_id = rs.reader_id "
        "    AND ev.entry_id = rs.entry_id AND ev.new_status = 'to-read' "
        "    AND ev.at <= rs.finished_at)) AS days "
        "  FROM reading_state rs WHERE rs.reader_id = :r AND rs.status = 'read' "
        "  AND rs.finished_at IS NOT NULL), "
        "v AS (SELECT days FROM d WHERE days IS NOT NULL) "
        "SELECT (SELECT count(*) FROM v), (SELECT avg(days) FROM (SELECT days FROM v "
        "  ORDER BY days LIMIT 2 - (SELECT count(*) FROM v) % 2 "
        "  OFFSET ((SELECT count(*) FROM v) - 1) / 2))"), {"r": reader}).one()
    count = int(row[0])
    return (float(row[1]) if count else None), count


def latest_import_new(conn: Connection, reader: int,
                      sample: int = NEW_SAMPLE) -> tuple[int, int, list[NewEntry]]:
    """What the latest import of each source added: (live new, still unread, unread sample)."""
    base = ("FROM entry_changes c JOIN entries e ON e.id = c.entry_id AND e.retired_at IS NULL "
            f"{_STATE} WHERE c.change = 'added' AND c.run_id IN ({_LATEST_RUNS})")
    unread = "coalesce(rs.status, 'unread') = 'unread'"
    row = conn.execute(text(
        f"SELECT count(DISTINCT e.id), count(DISTINCT CASE WHEN {unread} THEN e.id END) {base}"),
        {"r": reader}).one()
    names = ("(SELECT s.name FROM import_runs ir JOIN sources s ON s.id = ir.source_id "
             "WHERE ir.id = c.run_id)")
    # one row per entry: an entry new to two lists is named once, with both lists
    entries = [NewEntry(EntryId(int(i)), str(t), str(s)) for i, t, s in conn.execute(text(
        f"SELECT e.id, e.title, group_concat(DISTINCT {names}) {base} AND {unread} "
        "GROUP BY e.id ORDER BY min(e.list_order), e.id LIMIT :n"),
        {"r": reader, "n": sample})]
    return int(row[0]), int(row[1]), entries


def library_stats(conn: Connection, reader: int) -> LibraryStats:
    notes, versions = note_counts(conn, reader)
    median, median_n = to_read_to_read(conn, reader)
    new, new_unread, sample = latest_import_new(conn, reader)
    return LibraryStats(
        totals=totals(conn, reader), sources=by_source(conn, reader),
        sections=by_section(conn, reader), weekly=timeline(conn, reader, WEEK),
        monthly=timeline(conn, reader, MONTH), notes_written=notes, note_versions=versions,
        to_read_to_read_days=median, to_read_to_read_count=median_n,
        new_in_latest_import=new, new_unread=new_unread, new_unread_sample=sample)
