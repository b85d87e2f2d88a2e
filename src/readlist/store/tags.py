"""The reader's tags: one tag per name whatever its case (the first spelling is kept)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text

from readlist.core.errors import BadInputError, NotFoundError

# NOCASE matches the unique index on tags (migration 0007), so every lookup uses it
_BY_NAME = "SELECT id, name FROM tags WHERE reader_id = :r AND name = :n COLLATE NOCASE"


def tag_id(conn: Connection, reader: int, name: str) -> int | None:
    found = conn.execute(text(_BY_NAME), {"r": reader, "n": name}).first()
    return None if found is None else int(found[0])


def _existing(conn: Connection, reader: int, name: str) -> int:
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


def check_known(conn: Connection, reader: int, names: Sequence[str]) -> None:
    """Raise NotFoundError for the first name that is no tag of the reader's."""
    for name in names:
        _existing(conn, reader, name)


def remove_tags(conn: Connection, reader: int, ids: Sequence[int], names: Sequence[str]) -> bool:
    """Untag entries (case-insensitive); a tag left on no entry is deleted.

    Raises:
        NotFoundError: a name is no tag at all (nothing is changed).
    """
    tids = [_existing(conn, reader, name) for name in names]
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


def rename_tag(conn: Connection, reader: int, old: str, new: str) -> list[int]:
    """Respell a tag (`rlhf` → `RLHF`) or give it a new name.

    Returns:
        The ids of the entries carrying it.

    Raises:
        NotFoundError: no tag `old`.
        BadInputError: another tag is already called `new` (merge them instead).
    """
    tid = _existing(conn, reader, old)
    clash = tag_id(conn, reader, new)
    if clash is not None and clash != tid:
        raise BadInputError(f"a tag named {new!r} exists; merge the two instead "
                            f"(`readlist tags merge {old} --into {new}`)")
    conn.execute(text("UPDATE tags SET name = :n WHERE id = :t"), {"n": new, "t": tid})
    return tagged_ids(conn, [tid])


def merge_tags(conn: Connection, reader: int, names: Sequence[str], into: str) -> list[int]:
    """Give every entry tagged with any of `names` the tag `into` instead.

    `into` may be a new name; then the first of `names` takes it. Returns the ids of the
    entries whose tags changed.

    Raises:
        NotFoundError: one of `names` is no tag (nothing is changed).
    """
    sources = list(dict.fromkeys(_existing(conn, reader, name) for name in names))
    touched = tagged_ids(conn, sources)
    target = tag_id(conn, reader, into)
    if target is None:
        target = sources[0]
        conn.execute(text("UPDATE tags SET name = :n WHERE id = :t"), {"n": into, "t": target})
    merged = [t for t in sources if t != target]
    if merged:
        inl = ",".join(str(t) for t in merged)
        conn.execute(text("INSERT OR IGNORE INTO entry_tags (tag_id, entry_id) "
                          f"SELECT :t, entry_id FROM entry_tags WHERE tag_id IN ({inl})"),
                     {"t": target})
        conn.execute(text(f"DELETE FROM entry_tags WHERE tag_id IN ({inl})"))
        conn.execute(text(f"DELETE FROM tags WHERE id IN ({inl})"))
    return touched


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
