"""The reader's status history: each entry's timeline and how long reading took."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from readlist.core.models import EntryId, ReadingTime, Status, StatusChange
from readlist.store.lite import Reads


def timelines(conn: Reads, reader: int, ids: Sequence[int]) -> dict[int, list[StatusChange]]:
    """Every status change of `ids`, oldest first, in one query."""
    inl = ",".join(str(int(i)) for i in ids) or "NULL"
    out: dict[int, list[StatusChange]] = {}
    for eid, status, at in conn.exec_driver_sql(
        (
            "SELECT entry_id, new_status, at FROM status_events "
            f"WHERE reader_id = :r AND entry_id IN ({inl}) ORDER BY entry_id, at, id"
        ),
        {"r": reader},
    ):
        out.setdefault(int(eid), []).append(StatusChange(Status(status), str(at)))
    return out


def reading_times(conn: Reads, reader: int) -> list[ReadingTime]:
    """For each entry the reader started and then finished: its first *reading* to the
    first *read* after it, oldest start first. Entries marked read without ever being
    *reading* have no reading time."""
    rows = conn.exec_driver_sql(
        (
            "SELECT s.entry_id, s.started, min(d.at) FROM "
            "(SELECT entry_id, min(at) AS started FROM status_events "
            " WHERE reader_id = :r AND new_status = 'reading' GROUP BY entry_id) s "
            "JOIN status_events d ON d.entry_id = s.entry_id AND d.reader_id = :r "
            "AND d.new_status = 'read' AND d.at >= s.started "
            "GROUP BY s.entry_id ORDER BY s.started, s.entry_id"
        ),
        {"r": reader},
    )
    return [
        ReadingTime(EntryId(int(eid)), str(start), str(end),
                    (datetime.fromisoformat(str(end))
                     - datetime.fromisoformat(str(start))).total_seconds())
        for eid, start, end in rows
    ]
