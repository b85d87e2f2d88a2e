"""Import runs and their changes, sources and per-section progress, read back as core views."""

from __future__ import annotations

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
    "r.retired, r.revived, r.unchanged"
)


def set_seconds(conn: Connection, report: ImportReport) -> None:
    if report.run_id is not None:
        conn.execute(
            text("UPDATE import_runs SET seconds = :s WHERE id = :id"),
            {"s": report.seconds, "id": report.run_id},
        )


def _summary(row: tuple[object, ...]) -> RunSummary:
    return RunSummary(
        RunId(int(str(row[0]))),
        str(row[1]),
        str(row[2]),
        float(str(row[3])),
        *(int(str(v)) for v in row[4:11]),
    )


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
    """The given run, or the latest one, with every entry change it recorded."""
    where = "WHERE r.id = :id" if run is not None else ""
    row = conn.execute(
        text(
            f"SELECT {_RUN_COLUMNS} FROM import_runs r JOIN sources s ON s.id = r.source_id "
            f"{where} ORDER BY r.id DESC LIMIT 1"
        ),
        {"id": run},
    ).first()
    if row is None:
        raise NotFoundError("no import yet" if run is None else f"no import run {run}")
    summary = _summary(tuple(row))
    details = [
        EntryChange(
            EntryId(r[0]), r[1], ChangeKind(r[2]), tuple(f for f in r[3].split(",") if f), r[4]
        )
        for r in conn.execute(
            text(
                "SELECT c.entry_id, e.title, c.change, c.fields, c.detail FROM entry_changes c "
                "JOIN entries e ON e.id = c.entry_id WHERE c.run_id = :id "
                "ORDER BY c.change, e.list_order"
            ),
            {"id": summary.id},
        )
    ]
    return RunReport(summary, details)


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
