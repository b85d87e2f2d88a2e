"""Restore a JSON export into a library (empty, or merged), and swap in a backup file.

The whole export is checked before anything is written; restore runs in the caller's
transaction, so a failure on the last entry changes nothing.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from readlist.core.errors import BadInputError
from readlist.core.models import Priority
from readlist.store import claims
from readlist.store.dump import ENTRY_COLS, RUN_COLS, is_empty
from readlist.store.dump_format import check_export
from readlist.store.timeutil import now_iso


def restore(conn: Connection, reader: int, data: object, merge: bool) -> Counter[str]:
    """Write an export into the library (inside the caller's transaction).

    Raises:
        BadInputError: the file is not a usable export, or the library is not empty and
            `merge` is false.
    """
    doc = check_export(data)
    empty = is_empty(conn, reader)
    if not empty and not merge:
        raise BadInputError(
            "this library is not empty; restore into a new library, or use "
            "--merge to add the export to this one"
        )
    counts: Counter[str] = Counter()
    sections = _restore_sources(conn, doc["sources"])
    ids = _restore_entries(conn, doc["entries"], sections, keep_ids=empty, counts=counts)
    claims.backfill(conn)  # an export holds what entries show, not what each list said
    if empty:
        _restore_runs(conn, doc.get("import_runs", []), ids)
    for e in doc["entries"]:
        eid = ids[e["key"]]
        _merge_state(conn, reader, eid, e, counts)
        _merge_note(conn, reader, eid, e, counts)
        for ev in e.get("events", []):
            counts["events"] += conn.execute(
                text(
                    "INSERT INTO status_events (reader_id, entry_id, old_status, new_status, at) "
                    "SELECT :r, :e, :o, :n, :t WHERE NOT EXISTS (SELECT 1 FROM status_events "
                    "WHERE reader_id = :r AND entry_id = :e AND old_status = :o "
                    "AND new_status = :n AND at = :t)"
                ),
                {"r": reader, "e": eid, "o": ev["old"], "n": ev["new"], "t": ev["at"]},
            ).rowcount
        for tag in e.get("tags", []):
            conn.execute(
                text("INSERT OR IGNORE INTO tags (reader_id, name) VALUES (:r, :n)"),
                {"r": reader, "n": tag},
            )
            counts["tags"] += conn.execute(
                text(
                    "INSERT OR IGNORE INTO entry_tags (tag_id, entry_id) SELECT id, :e FROM tags "
                    "WHERE reader_id = :r AND name = :n COLLATE NOCASE"
                ),
                {"r": reader, "e": eid, "n": tag},
            ).rowcount
    _restore_queues(conn, reader, doc.get("queues", []), ids, counts)
    for s in doc.get("saved_searches", []):
        counts["saved searches"] += conn.execute(
            text(
                "INSERT OR IGNORE INTO saved_searches (reader_id, name, query) VALUES (:r, :n, :q)"
            ),
            {"r": reader, "n": s["name"].strip(), "q": s["query"]},
        ).rowcount
    return counts


def _restore_sources(conn: Connection, sources: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    """Get or create each source and its headings; (source name lower, path) → section id."""
    out: dict[tuple[str, str], int] = {}
    for src in sources:
        name = src["name"]
        conn.execute(
            text(
                "INSERT INTO sources (name, title, origin, format, imported_at, content_hash) "
                "SELECT :n, :t, :o, :f, :i, :h WHERE NOT EXISTS "
                "(SELECT 1 FROM sources WHERE name = :n COLLATE NOCASE)"
            ),
            {
                "n": name,
                "t": src.get("title") or "",
                "o": src.get("origin") or "",
                "f": src.get("format") or "markdown",
                "i": src.get("imported_at"),
                "h": src.get("content_hash"),
            },
        )
        for sec in sorted(
            src.get("sections", []), key=lambda s: (s["path"].count(" > "), s["position"])
        ):
            _section_id(conn, name, sec["path"], sec.get("title"), sec["position"], out)
    return out


def _section_id(
    conn: Connection,
    source: str,
    path: str,
    title: str | None,
    position: int,
    cache: dict[tuple[str, str], int],
) -> int:
    ck = (source.lower(), path)
    if ck in cache:
        return cache[ck]
    sid = int(
        conn.execute(
            text("SELECT id FROM sources WHERE name = :n COLLATE NOCASE"), {"n": source}
        ).scalar_one()
    )
    found = conn.execute(
        text("SELECT id FROM sections WHERE source_id = :s AND path = :p"), {"s": sid, "p": path}
    ).scalar()
    if found is None:
        parts = path.split(" > ")
        parent = (
            _section_id(conn, source, " > ".join(parts[:-1]), None, -1, cache)
            if len(parts) > 1
            else None
        )
        conn.execute(
            text(
                "INSERT INTO sections (source_id, parent_id, title, path, position) "
                "VALUES (:s, :par, :t, :p, :pos)"
            ),
            {"s": sid, "par": parent, "t": title or parts[-1], "p": path, "pos": position},
        )
        found = conn.execute(text("SELECT last_insert_rowid()")).scalar_one()
    cache[ck] = int(found)
    return int(found)


def _restore_entries(
    conn: Connection,
    entries: list[dict[str, Any]],
    sections: dict[tuple[str, str], int],
    keep_ids: bool,
    counts: Counter[str],
) -> dict[str, int]:
    """Create entries missing from the library (with links and placements); key → id."""
    from readlist.core.normalize import normalize_title

    ids: dict[str, int] = {}
    now = now_iso()
    for e in entries:
        found = conn.execute(
            text("SELECT id FROM entries WHERE key = :k"), {"k": e["key"]}
        ).scalar()
        if found is not None:
            ids[e["key"]] = int(found)
            counts["entries matched"] += 1
            continue
        values = {c: e.get(c) for c in ENTRY_COLS}
        values.update(
            id=e.get("id") if keep_ids else None,
            title=e.get("title") or e["key"],
            tn=normalize_title(e.get("title") or e["key"]),
            authors=e.get("authors") or "",
            organization=e.get("organization") or "",
            kind=e.get("kind") or "other",
            description=e.get("description") or "",
            list_order=e.get("list_order") or 0,
            first_seen=e.get("first_seen") or now,
            last_seen=e.get("last_seen") or now,
            added_run=e.get("added_run") if keep_ids else None,
            venue=e.get("venue") or "",
            list_note=e.get("list_note") or "",
        )
        conn.execute(
            text(
                "INSERT INTO entries (id, key, title, title_norm, url, authors, organization, "
                "year, "
                "kind, description, list_order, first_seen, last_seen, retired_at, added_run, "
                "venue, list_note) "
                "VALUES (:id, :key, :title, :tn, :url, :authors, :organization, :year, :kind, "
                ":description, :list_order, :first_seen, :last_seen, :retired_at, :added_run, "
                ":venue, :list_note)"
            ),
            values,
        )
        eid = int(
            conn.execute(
                text("SELECT id FROM entries WHERE key = :k"), {"k": e["key"]}
            ).scalar_one()
        )
        ids[e["key"]] = eid
        counts["entries created"] += 1
        for n, link in enumerate(e.get("links", [])):
            conn.execute(
                text(
                    "INSERT INTO entry_links (entry_id, label, url, position) "
                    "VALUES (:e, :l, :u, :p)"
                ),
                {"e": eid, "l": link["label"], "u": link["url"], "p": n},
            )
        for place in e.get("placements", []):
            sec = (
                _section_id(conn, place["source"], place["section"], None, -1, sections)
                if place.get("section")
                else None
            )
            conn.execute(
                text(
                    "INSERT INTO placements (entry_id, source_id, section_id, position) "
                    "SELECT :e, id, :sec, :p FROM sources WHERE name = :n COLLATE NOCASE"
                ),
                {"e": eid, "sec": sec, "p": place["position"], "n": place["source"]},
            )
    return ids


def _restore_runs(conn: Connection, runs: list[dict[str, Any]], ids: dict[str, int]) -> None:
    for run in runs:
        values = {c: run.get(c) or 0 for c in RUN_COLS}
        values.update(
            started_at=run["started_at"],
            content_hash=run.get("content_hash") or "",
            source=run["source"],
        )
        res = conn.execute(
            text(
                f"INSERT INTO import_runs ({', '.join(RUN_COLS)}, source_id) "
                f"SELECT :{', :'.join(RUN_COLS)}, id FROM sources WHERE name = :source "
                "COLLATE NOCASE"
            ),
            values,
        )
        changes = [
            {
                "r": run["id"],
                "e": ids[c["key"]],
                "c": c["change"],
                "f": c.get("fields") or "",
                "d": c.get("detail") or "",
            }
            for c in run.get("changes", [])
        ]
        if res.rowcount and changes:
            conn.execute(
                text(
                    "INSERT INTO entry_changes (run_id, entry_id, change, fields, "
                    "detail) VALUES (:r, :e, :c, :f, :d)"
                ),
                changes,
            )


def _merge_state(
    conn: Connection, reader: int, eid: int, e: dict[str, Any], counts: Counter[str]
) -> None:
    """Reading state: the side whose status changed last wins; a missing rating is filled."""
    prio = Priority(e.get("priority") or "normal").rank
    mine = {
        "status": e["status"],
        "priority": prio,
        "rating": e.get("rating"),
        "started": e.get("started_at"),
        "finished": e.get("finished_at"),
        "changed": e.get("status_changed_at"),
    }
    default = (
        mine["status"] == "unread"
        and prio == 1
        and mine["rating"] is None
        and not mine["changed"]
        and not mine["started"]
    )
    if default:
        return
    row = conn.execute(
        text(
            "SELECT status_changed_at, rating FROM reading_state "
            "WHERE reader_id = :r AND entry_id = :e"
        ),
        {"r": reader, "e": eid},
    ).first()
    params = {**mine, "r": reader, "e": eid}
    if row is None:
        conn.execute(
            text(
                "INSERT INTO reading_state (reader_id, entry_id, status, priority, "
                "rating, started_at, finished_at, status_changed_at) VALUES "
                "(:r, :e, :status, :priority, :rating, :started, :finished, :changed)"
            ),
            params,
        )
        counts["statuses"] += 1
    elif mine["changed"] and (row[0] is None or str(mine["changed"]) > str(row[0])):
        conn.execute(
            text(
                "UPDATE reading_state SET status = :status, priority = :priority, "
                "rating = coalesce(:rating, rating), started_at = :started, "
                "finished_at = :finished, status_changed_at = :changed "
                "WHERE reader_id = :r AND entry_id = :e"
            ),
            params,
        )
        counts["statuses"] += 1
    elif row[1] is None and mine["rating"] is not None:
        conn.execute(
            text(
                "UPDATE reading_state SET rating = :rating WHERE reader_id = :r AND entry_id = :e"
            ),
            params,
        )


def _merge_note(
    conn: Connection, reader: int, eid: int, e: dict[str, Any], counts: Counter[str]
) -> None:
    """The later-edited body is current; the other body, if different, is kept as a version."""
    versions = [(v["body"], v["saved_at"]) for v in e.get("note_versions", [])]
    created, updated, body = e.get("note_created_at"), e.get("note_updated_at"), e.get("note")
    if created is not None:
        body, updated = body or "", updated or created
        row = conn.execute(
            text("SELECT body, updated_at FROM notes WHERE reader_id = :r AND entry_id = :e"),
            {"r": reader, "e": eid},
        ).first()
        params = {"r": reader, "e": eid, "b": body, "c": created, "u": updated}
        if row is None:
            conn.execute(
                text(
                    "INSERT INTO notes (reader_id, entry_id, body, created_at, "
                    "updated_at) VALUES (:r, :e, :b, :c, :u)"
                ),
                params,
            )
            counts["notes"] += 1
        elif str(row[0]) != body:
            if str(updated) > str(row[1]):
                versions.append((str(row[0]), str(row[1])))
                conn.execute(
                    text(
                        "UPDATE notes SET body = :b, updated_at = :u, "
                        "created_at = min(created_at, :c) WHERE reader_id = :r "
                        "AND entry_id = :e"
                    ),
                    params,
                )
                counts["notes"] += 1
            else:
                versions.append((body, str(updated)))
    for vbody, saved in versions:
        counts["note versions"] += conn.execute(
            text(
                "INSERT INTO note_versions (reader_id, entry_id, body, saved_at) "
                "SELECT :r, :e, :b, :t WHERE NOT EXISTS (SELECT 1 FROM note_versions "
                "WHERE reader_id = :r AND entry_id = :e AND body = :b AND saved_at = :t)"
            ),
            {"r": reader, "e": eid, "b": vbody, "t": saved},
        ).rowcount


def _restore_queues(
    conn: Connection,
    reader: int,
    queues: list[dict[str, Any]],
    ids: dict[str, int],
    counts: Counter[str],
) -> None:
    """Queues are matched by name; missing items are appended in the file's order."""
    now = now_iso()
    for q in queues:
        name = q["name"].strip()
        qid = conn.execute(
            text("SELECT id FROM queues WHERE reader_id = :r AND name = :n COLLATE NOCASE"),
            {"r": reader, "n": name},
        ).scalar()
        if qid is None:
            conn.execute(
                text(
                    "INSERT INTO queues (reader_id, name, position) SELECT :r, :n, "
                    "coalesce(max(position), 0) + 1 FROM queues WHERE reader_id = :r"
                ),
                {"r": reader, "n": name},
            )
            qid = conn.execute(text("SELECT last_insert_rowid()")).scalar_one()
            counts["queues"] += 1
        for key in q.get("items", []):
            counts["queue items"] += conn.execute(
                text(
                    "INSERT OR IGNORE INTO queue_items (queue_id, entry_id, position, added_at) "
                    "SELECT :q, :e, coalesce(max(position), 0) + 1, :t FROM queue_items "
                    "WHERE queue_id = :q"
                ),
                {"q": qid, "e": ids[key], "t": now},
            ).rowcount


def replace_library_file(backup: Path, library: Path, backup_dir: str) -> Path:
    """Copy `backup` over the (closed) `library`, keeping the current file aside first.

    The current file is set aside byte for byte (it may be damaged: that is often why a
    backup is restored), with its write-ahead log, which is then removed so it cannot be
    replayed over the restored copy.
    """
    from readlist.store.backups import backup_path, quick_check
    from readlist.store.db import KNOWN_REVISIONS, backup_file

    if not backup.is_file():
        raise BadInputError(f"no backup at {backup}")
    verdict = quick_check(backup)
    if verdict != "ok":
        raise BadInputError(f"{backup} is damaged or not a library ({verdict}); not restored")
    try:
        probe = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rev = probe.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            probe.close()
    except sqlite3.Error:
        raise BadInputError(f"{backup} is not a Readlist library backup") from None
    if rev is None or rev[0] not in KNOWN_REVISIONS:
        raise BadInputError(f"{backup} is from a newer Readlist; not restored")
    saved = backup_path(library, "before restore")
    saved.parent.mkdir(exist_ok=True)
    if library.exists():
        shutil.copyfile(library, saved)
        for suffix in ("-wal", "-shm"):
            side = library.with_name(library.name + suffix)
            if side.exists():
                shutil.copyfile(side, saved.with_name(saved.name + suffix))
                side.unlink()
        library.unlink()
    backup_file(backup, library)
    return saved
