"""A complete, portable dump of the library: the shared entries and one reader's personal layer.

Entries are referred to by `key` (ids differ across libraries). `store.restore` reads this
back: into an empty library it recreates everything, ids included, so export → restore →
export is identical; with `merge` it matches entries by key and loses nothing on either side.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from readlist.core.models import Priority
from readlist.store.dump_format import FORMAT, FORMAT_VERSION
from readlist.store.timeutil import now_iso

ENTRY_COLS = (
    "id",
    "key",
    "title",
    "url",
    "authors",
    "organization",
    "year",
    "kind",
    "description",
    "list_order",
    "first_seen",
    "last_seen",
    "retired_at",
    "added_run",
    "venue",
    "list_note",
)
RUN_COLS = (
    "id",
    "started_at",
    "seconds",
    "content_hash",
    "entries",
    "added",
    "changed",
    "moved",
    "retired",
    "revived",
    "unchanged",
    "forced",
)


def rows(conn: Connection, sql: str, **params: object) -> list[Any]:
    return list(conn.execute(text(sql), params))


def dump(conn: Connection, reader: int, reader_name: str) -> dict[str, Any]:
    """Everything, in a deterministic order (so two dumps of one library compare equal)."""
    sources = []
    for sid, name, title, origin, fmt, imported_at, chash in rows(
        conn,
        (
            "SELECT id, name, title, origin, format, imported_at, content_hash FROM sources "
            "ORDER BY id"
        ),
    ):
        sections = [
            {"path": p, "title": t, "position": pos}
            for p, t, pos in rows(
                conn,
                (
                    "SELECT path, title, position FROM sections WHERE source_id = :s "
                    "ORDER BY position, path"
                ),
                s=sid,
            )
        ]
        sources.append(
            {
                "name": name,
                "title": title,
                "origin": origin,
                "format": fmt,
                "imported_at": imported_at,
                "content_hash": chash,
                "sections": sections,
            }
        )
    per: dict[str, dict[int, list[Any]]] = {
        k: {} for k in ("links", "places", "events", "versions", "tags")
    }
    for kind, sql in (
        ("links", "SELECT entry_id, label, url FROM entry_links ORDER BY entry_id, position, id"),
        (
            "places",
            "SELECT p.entry_id, s.name, sec.path, p.position FROM placements p "
            "JOIN sources s ON s.id = p.source_id "
            "LEFT JOIN sections sec ON sec.id = p.section_id "
            "ORDER BY p.entry_id, s.id, p.position, p.id",
        ),
        (
            "events",
            "SELECT entry_id, old_status, new_status, at FROM status_events "
            "WHERE reader_id = :r ORDER BY at, id",
        ),
        (
            "versions",
            "SELECT entry_id, body, saved_at FROM note_versions "
            "WHERE reader_id = :r ORDER BY saved_at, id",
        ),
        (
            "tags",
            "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t "
            "ON t.id = et.tag_id WHERE t.reader_id = :r ORDER BY t.name",
        ),
    ):
        for row in rows(conn, sql, r=reader):
            per[kind].setdefault(row[0], []).append(row[1:])
    states = {
        r[0]: r[1:]
        for r in rows(
            conn,
            (
                "SELECT entry_id, status, priority, rating, started_at, finished_at, "
                "status_changed_at FROM reading_state WHERE reader_id = :r"
            ),
            r=reader,
        )
    }
    notes = {
        r[0]: r[1:]
        for r in rows(
            conn,
            ("SELECT entry_id, body, created_at, updated_at FROM notes WHERE reader_id = :r"),
            r=reader,
        )
    }
    keys: dict[int, str] = {}
    entries = []
    for row in rows(conn, f"SELECT {', '.join(ENTRY_COLS)} FROM entries ORDER BY list_order, id"):
        e = dict(zip(ENTRY_COLS, row, strict=True))
        eid = int(e["id"])
        keys[eid] = str(e["key"])
        st = states.get(eid, ("unread", 1, None, None, None, None))
        note = notes.get(eid)
        e.update(
            links=[{"label": lb, "url": u} for lb, u in per["links"].get(eid, [])],
            sections=list(dict.fromkeys(p for _s, p, _pos in per["places"].get(eid, []) if p)),
            placements=[
                {"source": s, "section": p, "position": pos}
                for s, p, pos in per["places"].get(eid, [])
            ],
            status=st[0],
            priority=Priority.from_rank(int(st[1])).value,
            rating=st[2],
            started_at=st[3],
            finished_at=st[4],
            status_changed_at=st[5],
            note=note[0] if note else "",
            note_created_at=note[1] if note else None,
            note_updated_at=note[2] if note else None,
            note_versions=[{"body": b, "saved_at": t} for b, t in per["versions"].get(eid, [])],
            tags=[t for (t,) in per["tags"].get(eid, [])],
            events=[{"old": o, "new": n, "at": t} for o, n, t in per["events"].get(eid, [])],
        )
        entries.append(e)
    queues = [
        {
            "name": name,
            "items": [
                keys[i]
                for (i,) in rows(
                    conn,
                    (
                        "SELECT entry_id FROM queue_items WHERE queue_id = :q "
                        "ORDER BY position, added_at"
                    ),
                    q=qid,
                )
            ],
        }
        for qid, name in rows(
            conn,
            ("SELECT id, name FROM queues WHERE reader_id = :r ORDER BY position, id"),
            r=reader,
        )
    ]
    searches = [
        {"name": n, "query": q}
        for n, q in rows(
            conn,
            ("SELECT name, query FROM saved_searches WHERE reader_id = :r ORDER BY name"),
            r=reader,
        )
    ]
    runs = []
    for row in rows(
        conn,
        f"SELECT r.{', r.'.join(RUN_COLS)}, s.name FROM import_runs r "
        "JOIN sources s ON s.id = r.source_id ORDER BY r.id",
    ):
        run = dict(zip(RUN_COLS, row[:-1], strict=True))
        run["source"] = row[-1]
        run["changes"] = [
            {"key": keys[e], "change": c, "fields": f, "detail": d}
            for e, c, f, d in rows(
                conn,
                (
                    "SELECT entry_id, change, fields, detail FROM entry_changes "
                    "WHERE run_id = :id ORDER BY id"
                ),
                id=run["id"],
            )
        ]
        runs.append(run)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": now_iso(),
        "reader": reader_name,
        "sources": sources,
        "entries": entries,
        "queues": queues,
        "saved_searches": searches,
        "import_runs": runs,
    }


def is_empty(conn: Connection, reader: int) -> bool:
    return not conn.execute(
        text(
            "SELECT EXISTS (SELECT 1 FROM entries) OR EXISTS (SELECT 1 FROM queues "
            "WHERE reader_id = :r) OR EXISTS (SELECT 1 FROM saved_searches WHERE reader_id = :r)"
        ),
        {"r": reader},
    ).scalar()
