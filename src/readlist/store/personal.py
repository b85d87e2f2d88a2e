"""The reader's layer: status with history, priority, rating, notes with versions (tags:
store/tags.py)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select, text, update

from readlist.core.models import NoteVersion, Priority, Status
from readlist.store.chunks import chunks
from readlist.store.models import notes
from readlist.store.timeutil import now_iso

#: Autosaves closer together than this replace each other instead of piling up versions.
VERSION_WINDOW_SECONDS = 120


def ensure_state(conn: Connection, reader: int, ids: Sequence[int]) -> None:
    conn.execute(
        text(
            "INSERT OR IGNORE INTO reading_state (reader_id, entry_id, status, priority) "
            "VALUES (:r, :e, 'unread', 1)"
        ),
        [{"r": reader, "e": i} for i in ids],
    )


def statuses(conn: Connection, reader: int, ids: Sequence[int]) -> dict[int, Status]:
    inl = ",".join(str(int(i)) for i in ids) or "NULL"
    found = {
        r[0]: Status(r[1])
        for r in conn.execute(
            text(
                "SELECT entry_id, status FROM reading_state "
                f"WHERE reader_id = :r AND entry_id IN ({inl})"
            ),
            {"r": reader},
        )
    }
    return {int(i): found.get(int(i), Status.UNREAD) for i in ids}


def set_status(
    conn: Connection, reader: int, ids: Sequence[int], status: Status, at: str | None = None
) -> list[int]:
    """Set status and record an event for each entry whose status really changes.

    Returns:
        The ids whose status changed.
    """
    at = at or now_iso()
    old = statuses(conn, reader, ids)
    changed = [i for i in ids if old[int(i)] != status]
    if not changed:
        return []
    ensure_state(conn, reader, changed)
    started = (
        "coalesce(started_at, :t)" if status in (Status.READING, Status.READ) else "started_at"
    )
    finished = ":t" if status == Status.READ else "NULL"
    conn.execute(
        text(
            f"UPDATE reading_state SET status = :s, status_changed_at = :t, "
            f"started_at = {started}, finished_at = {finished} "
            "WHERE reader_id = :r AND entry_id = :e"
        ),
        [{"s": status.value, "t": at, "r": reader, "e": i} for i in changed],
    )
    conn.execute(
        text(
            "INSERT INTO status_events (reader_id, entry_id, old_status, new_status, at) "
            "VALUES (:r, :e, :o, :n, :t)"
        ),
        [
            {"r": reader, "e": i, "o": old[int(i)].value, "n": status.value, "t": at}
            for i in changed
        ],
    )
    return list(changed)


def set_priority(conn: Connection, reader: int, ids: Sequence[int], priority: Priority) -> None:
    ensure_state(conn, reader, ids)
    conn.execute(
        text("UPDATE reading_state SET priority = :p WHERE reader_id = :r AND entry_id = :e"),
        [{"p": priority.rank, "r": reader, "e": i} for i in ids],
    )


def set_rating(conn: Connection, reader: int, ids: Sequence[int], rating: int | None) -> None:
    ensure_state(conn, reader, ids)
    conn.execute(
        text("UPDATE reading_state SET rating = :v WHERE reader_id = :r AND entry_id = :e"),
        [{"v": rating, "r": reader, "e": i} for i in ids],
    )


def set_shared(conn: Connection, reader: int, ids: Sequence[int], shared: bool) -> list[int]:
    """Show (or stop showing) the reader's notes on `ids` to the group; returns the ids that
    have no note, in which case nothing is written."""
    has = {row.entry_id for row in conn.execute(
        select(notes.c.entry_id).where(notes.c.reader_id == reader, notes.c.entry_id.in_(ids)))}
    missing = [i for i in ids if i not in has]
    if not missing:
        conn.execute(update(notes).where(notes.c.reader_id == reader, notes.c.entry_id.in_(ids))
                     .values(shared=int(shared)))
    return missing


def get_note(conn: Connection, reader: int, entry: int) -> str:
    body = conn.execute(
        text("SELECT body FROM notes WHERE reader_id = :r AND entry_id = :e"),
        {"r": reader, "e": entry},
    ).scalar()
    return str(body or "")


def set_note(
    conn: Connection, reader: int, entry: int, body: str, coalesce_versions: bool = False
) -> bool:
    """Save a note; the previous body is kept as a version.

    Args:
        coalesce_versions: autosave mode: a save within VERSION_WINDOW_SECONDS of the last one
            does not keep another version.

    Returns:
        False when the body was unchanged (nothing written).
    """
    now = now_iso()
    row = conn.execute(
        text("SELECT body, updated_at FROM notes WHERE reader_id = :r AND entry_id = :e"),
        {"r": reader, "e": entry},
    ).first()
    if row is None:
        if not body:
            return False
        conn.execute(
            text(
                "INSERT INTO notes (reader_id, entry_id, body, created_at, updated_at) "
                "VALUES (:r, :e, :b, :t, :t)"
            ),
            {"r": reader, "e": entry, "b": body, "t": now},
        )
        return True
    old_body, updated_at = str(row[0]), str(row[1])
    if old_body == body:
        return False
    keep = bool(old_body)
    if keep and coalesce_versions:
        last = conn.execute(
            text("SELECT max(saved_at) FROM note_versions WHERE reader_id = :r AND entry_id = :e"),
            {"r": reader, "e": entry},
        ).scalar()
        keep = not last or _seconds_between(str(last), now) > VERSION_WINDOW_SECONDS
    if keep:
        conn.execute(
            text(
                "INSERT INTO note_versions (reader_id, entry_id, body, saved_at) "
                "VALUES (:r, :e, :b, :t)"
            ),
            {"r": reader, "e": entry, "b": old_body, "t": updated_at},
        )
    conn.execute(
        text("UPDATE notes SET body = :b, updated_at = :t WHERE reader_id = :r AND entry_id = :e"),
        {"b": body, "t": now, "r": reader, "e": entry},
    )
    return True


def _seconds_between(earlier: str, later: str) -> float:
    from datetime import datetime

    return (datetime.fromisoformat(later) - datetime.fromisoformat(earlier)).total_seconds()


def note_versions(conn: Connection, reader: int, entry: int) -> list[NoteVersion]:
    """Earlier versions, newest first."""
    return [
        NoteVersion(r[0], r[1])
        for r in conn.execute(
            text(
                "SELECT body, saved_at FROM note_versions WHERE reader_id = :r AND entry_id = :e "
                "ORDER BY saved_at DESC, id DESC"
            ),
            {"r": reader, "e": entry},
        )
    ]


def annotated_ids(conn: Connection, ids: list[int]) -> list[int]:
    """Those of `ids` that any reader annotated: a status past unread, a note, a tag, a
    rating or a place in a queue."""
    found: set[int] = set()
    for chunk in chunks([str(i) for i in sorted(set(ids))]):
        inlist = ",".join(chunk)
        found.update(r[0] for r in conn.exec_driver_sql(
            f"SELECT entry_id FROM reading_state WHERE entry_id IN ({inlist}) "
            "AND (status <> 'unread' OR rating IS NOT NULL) "
            f"UNION SELECT entry_id FROM notes WHERE entry_id IN ({inlist}) AND trim(body) <> '' "
            f"UNION SELECT entry_id FROM entry_tags WHERE entry_id IN ({inlist}) "
            f"UNION SELECT entry_id FROM queue_items WHERE entry_id IN ({inlist})"))
    return sorted(found)
