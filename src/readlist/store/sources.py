"""Which source a list is: identity of lists across renames, origins and copied pages."""

from __future__ import annotations

from sqlalchemy import Connection, text

from readlist.core.normalize import normalize_title
from readlist.importing.sync import Incoming, match_source
from readlist.store.chunks import chunks, marks, split_path


def source_id_for(conn: Connection, name: str) -> int | None:
    row = conn.execute(
        text("SELECT id FROM sources WHERE name = :n COLLATE NOCASE"), {"n": name}
    ).first()
    return int(row[0]) if row else None


def source_by_origin(conn: Connection, origin: str) -> str | None:
    found = conn.execute(
        text("SELECT name FROM sources WHERE origin = :o ORDER BY id LIMIT 1"), {"o": origin}
    ).scalar()
    return str(found) if found is not None else None


def source_overlap(conn: Connection, incoming: list[Incoming]) -> dict[str, tuple[int, int]]:
    """Per source: (how many incoming resources it holds live, by key or title; its live size)."""
    shared: dict[str, set[int]] = {}
    keys = [inc.key for inc in incoming]
    titles = list({normalize_title(inc.title) for inc in incoming})
    for column, values in (("key", keys), ("title_norm", titles)):
        for chunk in chunks(values):
            for name, eid in conn.exec_driver_sql(
                "SELECT s.name, e.id FROM entries e JOIN placements p ON p.entry_id = e.id "
                "JOIN sources s ON s.id = p.source_id "
                f"WHERE e.retired_at IS NULL AND e.{column} IN ({marks(chunk)})",
                tuple(chunk),
            ):
                shared.setdefault(name, set()).add(eid)
    sizes = {
        r[0]: r[1]
        for r in conn.execute(
            text(
                "SELECT s.name, count(DISTINCT p.entry_id) FROM sources s JOIN placements p "
                "ON p.source_id = s.id "
                "JOIN entries e ON e.id = p.entry_id AND e.retired_at IS NULL "
                "GROUP BY s.id"
            )
        )
    }
    return {name: (len(ids), sizes.get(name, 0)) for name, ids in shared.items()}


def source_titles(conn: Connection) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in conn.execute(text("SELECT name, title FROM sources"))]


def earlier_titles(conn: Connection) -> list[tuple[str, str]]:
    """(name, title) for every title each source was imported under."""
    return [(r[0], r[1]) for r in conn.execute(text(
        "SELECT s.name, t.title FROM source_titles t JOIN sources s ON s.id = t.source_id"))]


def known_sections(conn: Connection, title: str) -> list[tuple[str, ...]]:
    name = match_source(title, source_titles(conn))
    if name is None:
        return []
    return [
        split_path(r[0])
        for r in conn.execute(
            text(
                "SELECT sec.path FROM sections sec JOIN sources s ON s.id = sec.source_id "
                "WHERE s.name = :n AND sec.position >= 0 ORDER BY sec.position"
            ),
            {"n": name},
        )
    ]


def upsert_source(
    conn: Connection, name: str, title: str, origin: str, fmt: str, follow_title: bool = False
) -> int:
    """Create or update a source.

    Args:
        follow_title: the name was not given by the user: if it was the list's old title
            and the list was renamed upstream, the name follows the new title (a name the
            user chose never changes).
    """
    sid = source_id_for(conn, name)
    if sid is not None and follow_title and title.strip():
        old_title = conn.execute(
            text("SELECT title FROM sources WHERE id = :id"), {"id": sid}
        ).scalar()
        clash = source_id_for(conn, title.strip())
        if old_title == name and title.strip() != name and clash in (None, sid):
            conn.execute(
                text("UPDATE sources SET name = :n WHERE id = :id"), {"n": title.strip(), "id": sid}
            )
    if sid is None:
        conn.execute(
            text("INSERT INTO sources (name, title, origin, format) VALUES (:n, :t, :o, :f)"),
            {"n": name, "t": title, "o": origin, "f": fmt},
        )
        sid = source_id_for(conn, name)
        assert sid is not None
    else:
        conn.execute(
            text("UPDATE sources SET title = :t, origin = :o, format = :f WHERE id = :id"),
            {"t": title, "o": origin, "f": fmt, "id": sid},
        )
    if title.strip():
        conn.execute(text("INSERT OR IGNORE INTO source_titles (source_id, title) "
                          "VALUES (:id, :t)"), {"id": sid, "t": title})
    return sid


def source_format(conn: Connection, source_id: int | None) -> str | None:
    """The format ("markdown", "rendered") the source was last imported in."""
    if source_id is None:
        return None
    found = conn.execute(text("SELECT format FROM sources WHERE id = :id"),
                         {"id": source_id}).scalar()
    return str(found) if found is not None else None
