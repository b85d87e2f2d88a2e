"""Import runs and their changes, sources and per-section progress, read back as core views."""

from __future__ import annotations

import json

from sqlalchemy import Connection, text

from readlist.core.errors import NotFoundError
from readlist.core.models import (
    ChangeKind,
    EntryChange,
    EntryId,
    ImportReport,
    RunId,
    RunReport,
    RunSummary,
    SectionProgress,
    SourceId,
    SourceSummary,
)
from readlist.store import progress

_RUN_COLUMNS = (
    "r.id, s.name, r.started_at, r.seconds, r.entries, r.added, r.changed, r.moved, "
    "r.retired, r.revived, r.unchanged, r.same_content"
)


def set_seconds(conn: Connection, report: ImportReport) -> None:
    if report.run_id is not None:
        conn.execute(
            text("UPDATE import_runs SET seconds = :s WHERE id = :id"),
            {"s": report.seconds, "id": report.run_id},
        )


def _summary(row: tuple[object, ...]) -> RunSummary:
    n = [int(str(v)) for v in row[4:12]]
    return RunSummary(RunId(int(str(row[0]))), str(row[1]), str(row[2]), float(str(row[3])),
                      n[0], n[1], n[2], n[3], n[4], n[5], n[6], same_content=bool(n[7]))


def list_runs(conn: Connection) -> list[RunSummary]:
    return [
        _summary(tuple(r))
        for r in conn.execute(
            text(
                f"SELECT {_RUN_COLUMNS} FROM import_runs r JOIN sources s ON s.id = r.source_id "
                "ORDER BY r.id DESC"
            )
        )
    ]


def run_report(conn: Connection, run: int | None) -> RunReport:
    """The given run, else the latest that changed anything (else the latest), with every
    entry change it recorded."""
    where = "WHERE r.id = :id" if run is not None else ""
    order = "ORDER BY r.id DESC" if run is not None else (
        "ORDER BY EXISTS (SELECT 1 FROM entry_changes c WHERE c.run_id = r.id) DESC, r.id DESC")
    row = conn.execute(
        text(
            f"SELECT {_RUN_COLUMNS} FROM import_runs r JOIN sources s ON s.id = r.source_id "
            f"{where} {order} LIMIT 1"
        ),
        {"id": run},
    ).first()
    if row is None:
        raise NotFoundError("no import yet" if run is None else f"no import run {run}")
    summary = _summary(tuple(row))
    details = [
        EntryChange(
            EntryId(r[0]), r[1], ChangeKind(r[2]), tuple(f for f in r[3].split(",") if f), r[4],
            _values(r[5]),
        )
        for r in conn.execute(
            text(
                "SELECT c.entry_id, e.title, c.change, c.fields, c.detail, c.diff "
                "FROM entry_changes c "
                "JOIN entries e ON e.id = c.entry_id WHERE c.run_id = :id "
                "ORDER BY c.change, e.list_order"
            ),
            {"id": summary.id},
        )
    ]
    return RunReport(summary, details)


def _values(diff: str) -> tuple[tuple[str, str, str], ...]:
    if not diff:
        return ()
    loaded = json.loads(diff)
    return tuple((str(f), str(pair[0]), str(pair[1])) for f, pair in loaded.items())


def same_content_source(conn: Connection, content_hash: str,
                        name: str | None) -> tuple[int, str, str] | None:
    """(id, name, format) of the source last imported from exactly these bytes."""
    if not content_hash:
        return None
    row = conn.execute(
        text("SELECT id, name, format FROM sources WHERE content_hash = :h "
             "AND (:n IS NULL OR name = :n COLLATE NOCASE) ORDER BY imported_at DESC LIMIT 1"),
        {"h": content_hash, "n": name},
    ).first()
    return (int(row[0]), str(row[1]), str(row[2])) if row else None


def record_unchanged(conn: Connection, source_id: int, content_hash: str,
                     started_at: str) -> tuple[RunId, int]:
    """Record a re-import of unchanged content; returns the run and the list's entry count
    (the same bytes hold the same entries as the run that last read them)."""
    entries = int(conn.execute(
        text("SELECT entries FROM import_runs WHERE source_id = :s AND content_hash = :h "
             "ORDER BY id DESC LIMIT 1"),
        {"s": source_id, "h": content_hash},
    ).scalar() or 0)
    conn.execute(
        text(
            "INSERT INTO import_runs (source_id, started_at, content_hash, forced, seconds, "
            "entries, added, changed, moved, retired, revived, unchanged, same_content) "
            "VALUES (:s, :t, :h, 0, 0, :n, 0, 0, 0, 0, 0, :n, 1)"
        ),
        {"s": source_id, "t": started_at, "h": content_hash, "n": entries},
    )
    conn.execute(text("UPDATE sources SET imported_at = :t WHERE id = :s"),
                 {"t": started_at, "s": source_id})
    run_id = RunId(int(conn.execute(text("SELECT last_insert_rowid()")).scalar_one()))
    return run_id, entries


def list_sources(conn: Connection, reader: int) -> list[SourceSummary]:
    return [
        SourceSummary(SourceId(r[0]), r[1], r[2], r[3], r[4], r[5] or 0, r[6] or 0)
        for r in conn.execute(
            text(
                "SELECT s.id, s.name, s.title, s.origin, s.imported_at, "
                "count(DISTINCT e.id), count(DISTINCT CASE WHEN rs.status = 'read' THEN e.id END) "
                "FROM sources s LEFT JOIN placements p ON p.source_id = s.id "
                "LEFT JOIN entries e ON e.id = p.entry_id AND e.retired_at IS NULL "
                "LEFT JOIN reading_state rs ON rs.entry_id = e.id AND rs.reader_id = :r "
                "GROUP BY s.id ORDER BY s.id"
            ),
            {"r": reader},
        )
    ]


def section_progress(conn: Connection, reader: int, source: str | None) -> list[SectionProgress]:
    """Live entries and how many are read, per heading, including the headings below it."""
    return [
        SectionProgress(name, path, path.count(" > ") + 1, sum(c.values()), c.get("read", 0))
        for name, path, c in progress.heading_counts(conn, reader, source)
    ]
