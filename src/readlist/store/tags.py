"""The reader's tags: one tag per name whatever its case (the first spelling is kept)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text

from readlist.core.errors import NotFoundError

# NOCASE matches the unique index on tags (migration 0007), so every lookup uses it
_BY_NAME = "SELECT id, name FROM tags WHERE reader_id = :r AND name = :n COLLATE NOCASE"


def tag_id(conn: Connection, reader: int, name: str) -> int | None:
    found = conn.execute(text(_BY_NAME), {"r": reader, "n": name}).first()
    return None if found is None else int(found[0])


def existing(conn: Connection, reader: int, name: str) -> int:
    """The id of the reader's tag `name` (any case); NotFoundError when there is none."""
    found = tag_id(conn, reader, name)
    if found is None:
        raise NotFoundError(f"no tag named {name!r}")
    return found


def _ensure(conn: Connection, reader: int, name: str) -> int:
    found = tag_id(conn, reader, name)
    if found is not None:
        return found
    conn.execute(text("INSERT INTO tags (reader_id, name) VALUES (:r, :n)"),
                 {"r": reader, "n": name})
    return int(conn.execute(text("SELECT last_insert_rowid()")).scalar_one())


def add_tags(conn: Connection, reader: int, ids: Sequence[int], names: Sequence[str]) -> bool:
    """Tag entries; a name that differs from a tag only in case is that tag.

    Returns:
        True when at least one entry got a tag it did not have.
    """
    changed = False
    for name in names:
        tid = _ensure(conn, reader, name)
        res = conn.execute(
            text("INSERT OR IGNORE INTO entry_tags (tag_id, entry_id) VALUES (:t, :e)"),
            [{"t": tid, "e": i} for i in ids],
        )
        changed = changed or res.rowcount > 0
    return changed


def remove_tags(conn: Connection, reader: int, ids: Sequence[int], names: Sequence[str]) -> bool:
    """Untag entries (case-insensitive); a tag left on no entry is deleted.

    Raises:
        NotFoundError: a name is no tag at all (nothing is changed).
    """
    tids = [existing(conn, reader, name) for name in names]
    changed = False
    for tid in tids:
        res = conn.execute(text("DELETE FROM entry_tags WHERE tag_id = :t AND entry_id = :e"),
                           [{"t": tid, "e": i} for i in ids])
        changed = changed or res.rowcount > 0
    _drop_unused(conn, reader)
    return changed


def _drop_unused(conn: Connection, reader: int) -> None:
    conn.execute(
        text("DELETE FROM tags WHERE reader_id = :r AND id NOT IN (SELECT tag_id FROM entry_tags)"),
        {"r": reader},
    )


def tagged_ids(conn: Connection, tids: Sequence[int]) -> list[int]:
    inl = ",".join(str(int(t)) for t in tids) or "NULL"
    return [int(r[0]) for r in conn.execute(
        text(f"SELECT DISTINCT entry_id FROM entry_tags WHERE tag_id IN ({inl})"))]


def set_name(conn: Connection, tid: int, name: str) -> None:
    conn.execute(text("UPDATE tags SET name = :n WHERE id = :t"), {"n": name, "t": tid})


def fold_into(conn: Connection, tids: Sequence[int], target: int) -> None:
    """Move every entry link of the tags `tids` to `target`, then delete those tags."""
    others = [int(t) for t in tids if int(t) != target]
    if not others:
        return
    inl = ",".join(map(str, others))
    conn.execute(text("INSERT OR IGNORE INTO entry_tags (tag_id, entry_id) "
                      f"SELECT :t, entry_id FROM entry_tags WHERE tag_id IN ({inl})"),
                 {"t": target})
    conn.execute(text(f"DELETE FROM entry_tags WHERE tag_id IN ({inl})"))
    conn.execute(text(f"DELETE FROM tags WHERE id IN ({inl})"))


def tag_counts(conn: Connection, reader: int) -> list[tuple[str, int]]:
    return [
        (r[0], r[1])
        for r in conn.execute(
            text(
                "SELECT t.name, count(et.entry_id) FROM tags t "
                "LEFT JOIN entry_tags et ON et.tag_id = t.id "
                "WHERE t.reader_id = :r GROUP BY t.id ORDER BY t.name COLLATE NOCASE"
            ),
            {"r": reader},
        )
    ]
