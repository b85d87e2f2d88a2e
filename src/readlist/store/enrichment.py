"""arXiv metadata of entries (`enrichment`), kept beside the list's text and indexed."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from readlist.core.papers import ArxivRecord
from readlist.store.lite import Reads
from readlist.store.paper_index import set_paper_text
from readlist.store.timeutil import now_iso

if TYPE_CHECKING:
    from sqlalchemy import Connection


def _inlist(ids: Sequence[int]) -> str:
    return ",".join(str(int(i)) for i in ids) or "NULL"


def save_records(conn: Connection, records: Mapping[int, ArxivRecord]) -> None:
    """Store (or refresh) each entry's record and index its abstract and authors."""
    stamp = now_iso()
    for entry_id, r in records.items():
        conn.exec_driver_sql(
            "INSERT INTO enrichment (entry_id, arxiv_id, title, abstract, authors, published, "
            "updated, categories, doi, journal_ref, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?) ON CONFLICT (entry_id) DO UPDATE SET "
            "arxiv_id = excluded.arxiv_id, title = excluded.title, "
            "abstract = excluded.abstract, authors = excluded.authors, "
            "published = excluded.published, updated = excluded.updated, "
            "categories = excluded.categories, doi = excluded.doi, "
            "journal_ref = excluded.journal_ref, fetched_at = excluded.fetched_at",
            (entry_id, r.arxiv_id, r.title, r.abstract,
             json.dumps(list(r.authors), ensure_ascii=False), r.published, r.updated,
             json.dumps(list(r.categories)), r.doi, r.journal_ref, stamp))
        set_paper_text(conn, entry_id, abstract=r.abstract, authors=", ".join(r.authors))


def records(conn: Reads, ids: Sequence[int]) -> dict[int, ArxivRecord]:
    out: dict[int, ArxivRecord] = {}
    for r in conn.exec_driver_sql(
            "SELECT entry_id, arxiv_id, title, abstract, authors, published, updated, "
            f"categories, doi, journal_ref FROM enrichment WHERE entry_id IN ({_inlist(ids)})"):
        out[int(r[0])] = ArxivRecord(
            arxiv_id=r[1], title=r[2], abstract=r[3], authors=tuple(json.loads(r[4])),
            published=r[5], updated=r[6], categories=tuple(json.loads(r[7])), doi=r[8],
            journal_ref=r[9])
    return out


def enriched_ids(conn: Reads, ids: Sequence[int]) -> set[int]:
    return {int(r[0]) for r in conn.exec_driver_sql(
        f"SELECT entry_id FROM enrichment WHERE entry_id IN ({_inlist(ids)})")}
