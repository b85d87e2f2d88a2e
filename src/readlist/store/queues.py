"""Named, manually ordered queues; order is a REAL position so a move rewrites one row."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text

from readlist.core.errors import BadInputError, NotFoundError
from readlist.core.models import QueueId, QueueView, SavedSearch
from readlist.store.timeutil import now_iso


def queue_id(conn: Connection, reader: int, name: str) -> int:
    found = conn.execute(
        text("SELECT id FROM queues WHERE reader_id = :r AND name = :n COLLATE NOCASE"),
        {"r": reader, "n": name},
    ).scalar()
    if found is None:
        names = [q.name for q in list_queues(conn, reader)]
        hint = f"; queues: {', '.join(names)}" if names else "; create it with `queue new`"
        raise NotFoundError(f"no queue named {name!r}{hint}")
    return int(found)


def create_queue(conn: Connection, reader: int, name: str) -> int:
    name = name.strip()
    if not name:
        raise BadInputError("a queue needs a name")
    if conn.execute(
        text("SELECT 1 FROM queues WHERE reader_id = :r AND name = :n COLLATE NOCASE"),
        {"r": reader, "n": name},
    ).first():
        raise BadInputError(f"a queue named {name!r} already exists")
    pos = conn.execute(
        text("SELECT coalesce(max(position), 0) + 1 FROM queues WHERE reader_id = :r"),
        {"r": reader},
    ).scalar_one()
    conn.execute(
        text("INSERT INTO queues (reader_id, name, position) VALUES (:r, :n, :p)"),
        {"r": reader, "n": name, "p": pos},
    )
    return int(conn.execute(text("SELECT last_insert_rowid()")).scalar_one())


def rename_queue(conn: Connection, reader: int, name: str, new_name: str) -> None:
    qid = queue_id(conn, reader, name)
    new_name = new_name.strip()
    if not new_name:
        raise BadInputError("a queue needs a name")
    clash = conn.execute(
        text("SELECT id FROM queues WHERE reader_id = :r AND name = :n COLLATE NOCASE"),
        {"r": reader, "n": new_name},
    ).scalar()
    if clash is not None and clash != qid:
        raise BadInputError(f"a queue named {new_name!r} already exists")
    conn.execute(text("UPDATE queues SET name = :n WHERE id = :id"), {"n": new_name, "id": qid})


def delete_queue(conn: Connection, reader: int, name: str) -> None:
    qid = queue_id(conn, reader, name)
    conn.execute(text("DELETE FROM queue_items WHERE queue_id = :q"), {"q": qid})
    conn.execute(text("DELETE FROM queues WHERE id = :q"), {"q": qid})


def list_queues(conn: Connection, reader: int) -> list[QueueView]:
    return [
        QueueView(QueueId(r[0]), r[1], r[2], r[3])
        for r in conn.execute(
            text(
                "SELECT q.id, q.name, count(qi.entry_id), "
                "sum(CASE WHEN coalesce(rs.status, 'unread') IN ('unread', 'to-read') "
                "AND qi.entry_id IS NOT NULL THEN 1 ELSE 0 END) "
                "FROM queues q LEFT JOIN queue_items qi ON qi.queue_id = q.id "
                "LEFT JOIN reading_state rs "
                "ON rs.entry_id = qi.entry_id AND rs.reader_id = q.reader_id "
                "WHERE q.reader_id = :r GROUP BY q.id ORDER BY q.position, q.id"
            ),
            {"r": reader},
        )
    ]


def queue_entry_ids(conn: Connection, reader: int, name: str) -> list[int]:
    qid = queue_id(conn, reader, name)
    return [
        r[0]
        for r in conn.execute(
            text(
                "SELECT entry_id FROM queue_items WHERE queue_id = :q ORDER BY position, added_at"
            ),
            {"q": qid},
        )
    ]


def add_items(conn: Connection, reader: int, name: str, ids: Sequence[int]) -> list[int]:
    """Append entries to the end of a queue (already queued ones keep their place)."""
    qid = queue_id(conn, reader, name)
    last = conn.execute(
        text("SELECT coalesce(max(position), 0) FROM queue_items WHERE queue_id = :q"), {"q": qid}
    ).scalar_one()
    present = set(queue_entry_ids(conn, reader, name))
    added = [i for i in dict.fromkeys(ids) if i not in present]
    now = now_iso()
    if added:
        conn.execute(
            text(
                "INSERT INTO queue_items (queue_id, entry_id, position, added_at) "
                "VALUES (:q, :e, :p, :t)"
            ),
            [{"q": qid, "e": i, "p": float(last) + n + 1, "t": now} for n, i in enumerate(added)],
        )
    return added


def remove_items(conn: Connection, reader: int, name: str, ids: Sequence[int]) -> int:
    qid = queue_id(conn, reader, name)
    removed = 0
    for i in ids:
        removed += conn.execute(
            text("DELETE FROM queue_items WHERE queue_id = :q AND entry_id = :e"),
            {"q": qid, "e": i},
        ).rowcount
    return removed


def move_item(conn: Connection, reader: int, name: str, entry: int, position: int) -> None:
    """Move `entry` to 1-based `position` (clamped); rewrites one row unless gaps ran out."""
    qid = queue_id(conn, reader, name)
    order = [
        r
        for r in conn.execute(
            text(
                "SELECT entry_id, position FROM queue_items WHERE queue_id = :q "
                "ORDER BY position, added_at"
            ),
            {"q": qid},
        )
    ]
    ids = [r[0] for r in order]
    if entry not in ids:
        raise NotFoundError(f"entry {entry} is not in queue {name!r}")
    if position < 1:
        raise BadInputError("queue positions start at 1")
    rest = [r for r in order if r[0] != entry]
    index = min(position, len(order)) - 1
    before = rest[index - 1][1] if index > 0 else None
    after = rest[index][1] if index < len(rest) else None
    if before is None and after is None:
        return
    if before is None:
        new = float(after) - 1.0  # type: ignore[arg-type]
    elif after is None:
        new = float(before) + 1.0
    else:
        new = (float(before) + float(after)) / 2
        if not float(before) < new < float(after):  # gaps exhausted: renumber once
            _renumber(
                conn, qid, [r[0] for r in rest[:index]] + [entry] + [r[0] for r in rest[index:]]
            )
            return
    conn.execute(
        text("UPDATE queue_items SET position = :p WHERE queue_id = :q AND entry_id = :e"),
        {"p": new, "q": qid, "e": entry},
    )


def _renumber(conn: Connection, qid: int, ids: list[int]) -> None:
    conn.execute(
        text("UPDATE queue_items SET position = :p WHERE queue_id = :q AND entry_id = :e"),
        [{"p": float(n + 1), "q": qid, "e": i} for n, i in enumerate(ids)],
    )


def save_search(conn: Connection, reader: int, name: str, query: str) -> None:
    if not name.strip():
        raise BadInputError("a saved search needs a name")
    conn.execute(
        text(
            "INSERT INTO saved_searches (reader_id, name, query) VALUES (:r, :n, :q) "
            "ON CONFLICT (reader_id, name) DO UPDATE SET query = excluded.query"
        ),
        {"r": reader, "n": name.strip(), "q": query},
    )


def list_searches(conn: Connection, reader: int) -> list[SavedSearch]:
    return [
        SavedSearch(r[0], r[1])
        for r in conn.execute(
            text(
                "SELECT name, query FROM saved_searches WHERE reader_id = :r "
                "ORDER BY name COLLATE NOCASE"
            ),
            {"r": reader},
        )
    ]


def remove_search(conn: Connection, reader: int, name: str) -> None:
    res = conn.execute(
        text("DELETE FROM saved_searches WHERE reader_id = :r AND name = :n"),
        {"r": reader, "n": name},
    )
    if res.rowcount == 0:
        raise NotFoundError(f"no saved search named {name!r}")
