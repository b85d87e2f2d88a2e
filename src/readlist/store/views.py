"""Batch-load entries into core views: one query per kind of data, never one per entry."""

from __future__ import annotations

from collections.abc import Sequence

from readlist.core.models import EntryId, EntryRow, EntryView, Link, Priority, Status
from readlist.store import enrichment, files
from readlist.store.history import timelines
from readlist.store.lite import Reads


def _inlist(ids: Sequence[int]) -> str:
    return ",".join(str(int(i)) for i in ids) or "NULL"


def existing_ids(conn: Reads, ids: Sequence[int]) -> set[int]:
    return {
        r[0] for r in conn.exec_driver_sql(f"SELECT id FROM entries WHERE id IN ({_inlist(ids)})")
    }


def _sections(conn: Reads, ids: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for eid, path in conn.exec_driver_sql(
        "SELECT p.entry_id, s.path FROM placements p JOIN sections s ON s.id = p.section_id "
        f"WHERE p.entry_id IN ({ids}) ORDER BY p.entry_id, p.source_id, p.position"
    ):
        paths = out.setdefault(eid, [])
        if path not in paths:
            paths.append(path)
    return out


def _queues(conn: Reads, reader: int, ids: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for eid, name in conn.exec_driver_sql(
        (
            "SELECT qi.entry_id, q.name FROM queue_items qi JOIN queues q ON q.id = qi.queue_id "
            f"WHERE q.reader_id = :r AND qi.entry_id IN ({ids}) ORDER BY q.position, q.id"
        ),
        {"r": reader},
    ):
        out.setdefault(eid, []).append(name)
    return out


def _tags(conn: Reads, reader: int, ids: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for eid, name in conn.exec_driver_sql(
        (
            "SELECT et.entry_id, t.name FROM entry_tags et JOIN tags t ON t.id = et.tag_id "
            f"WHERE t.reader_id = :r AND et.entry_id IN ({ids}) ORDER BY t.name"
        ),
        {"r": reader},
    ):
        out.setdefault(eid, []).append(name)
    return out


def entry_views(conn: Reads, reader: int, ids: Sequence[int]) -> list[EntryView]:
    """Full views of `ids`, in the order given (unknown ids are skipped)."""
    if not ids:
        return []
    inl = _inlist(ids)
    base = {
        r[0]: r
        for r in conn.exec_driver_sql(
            (
                "SELECT e.id, e.key, e.title, e.url, e.authors, e.organization, e.year, e.kind, "
                "e.description, e.retired_at IS NOT NULL, rs.status, rs.priority, rs.rating, "
                "n.body, e.venue, e.list_note "
                "FROM entries e LEFT JOIN reading_state rs "
                "ON rs.entry_id = e.id AND rs.reader_id = :r "
                "LEFT JOIN notes n ON n.entry_id = e.id AND n.reader_id = :r "
                f"WHERE e.id IN ({inl})"
            ),
            {"r": reader},
        )
    }
    sections = _sections(conn, inl)
    queues = _queues(conn, reader, inl)
    tags = _tags(conn, reader, inl)
    history = timelines(conn, reader, ids)
    links: dict[int, list[Link]] = {}
    for eid, label, url in conn.exec_driver_sql(
        f"SELECT entry_id, label, url FROM entry_links WHERE entry_id IN ({inl}) "
        "ORDER BY entry_id, position"
    ):
        links.setdefault(eid, []).append(Link(label, url))
    pdfs = _pdf_paths(conn, ids)
    arxiv = enrichment.records(conn, ids)
    views = []
    for i in ids:
        r = base.get(int(i))
        if r is None:
            continue
        views.append(
            EntryView(
                id=EntryId(r[0]),
                key=r[1],
                title=r[2],
                url=r[3],
                authors=r[4],
                organization=r[5],
                year=r[6],
                kind=r[7],
                sections=sections.get(r[0], []),
                links=links.get(r[0], []),
                description=r[8],
                status=Status(r[10] or "unread"),
                priority=Priority.from_rank(r[11] if r[11] is not None else 1),
                rating=r[12],
                queues=queues.get(r[0], []),
                tags=tags.get(r[0], []),
                note=r[13] or "",
                retired=bool(r[9]),
                venue=r[14],
                list_note=r[15],
                history=history.get(r[0], []),
                pdf=pdfs.get(r[0]),
                abstract=arxiv[r[0]].abstract if r[0] in arxiv else "",
                arxiv=arxiv.get(r[0]),
            )
        )
    return views


def entry_rows(conn: Reads, reader: int, ids: Sequence[int]) -> list[EntryRow]:
    """Light table rows of `ids`, in the order given."""
    if not ids:
        return []
    inl = _inlist(ids)
    sections = _sections(conn, inl)
    queues = _queues(conn, reader, inl)
    tags = _tags(conn, reader, inl)
    offline = set(files.paper_files(conn, ids))
    base = {
        r[0]: r
        for r in conn.exec_driver_sql(
            (
                "SELECT e.id, e.title, e.url, e.authors, e.organization, e.year, e.kind, "
                "e.retired_at IS NOT NULL, rs.status, rs.priority, rs.rating, "
                "n.body IS NOT NULL AND n.body != '' "
                "FROM entries e LEFT JOIN reading_state rs "
                "ON rs.entry_id = e.id AND rs.reader_id = :r "
                "LEFT JOIN notes n ON n.entry_id = e.id AND n.reader_id = :r "
                f"WHERE e.id IN ({inl})"
            ),
            {"r": reader},
        )
    }
    rows = []
    for i in ids:
        r = base.get(int(i))
        if r is None:
            continue
        rows.append(
            EntryRow(
                id=EntryId(r[0]),
                title=r[1],
                url=r[2],
                authors=r[3],
                organization=r[4],
                year=r[5],
                kind=r[6],
                section=(sections.get(r[0]) or [""])[0],
                status=Status(r[8] or "unread"),
                priority=Priority.from_rank(r[9] if r[9] is not None else 1),
                rating=r[10],
                queue=", ".join(queues.get(r[0], [])),
                has_note=bool(r[11]),
                retired=bool(r[7]),
                tags=", ".join(tags.get(r[0], [])),
                has_pdf=r[0] in offline,
            )
        )
    return rows


def _pdf_paths(conn: Reads, ids: Sequence[int]) -> dict[int, str]:
    """Absolute paths of the downloaded PDFs of `ids` that are on disk."""
    folder = files.files_dir(conn)
    if folder is None:
        return {}
    out = {}
    for eid, pf in files.paper_files(conn, ids).items():
        path = folder / pf.path
        if path.is_file():
            out[eid] = str(path)
    return out
