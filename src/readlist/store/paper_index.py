"""The papers' own text index (`paper_fts`): abstract, arXiv authors and PDF text by entry.

Kept apart from `entry_fts`, which import maintains; free words search both (search.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from readlist.store.lite import Reads

if TYPE_CHECKING:
    from sqlalchemy import Connection

PAPER_COLUMNS = ("abstract", "authors", "body")


def set_paper_text(conn: Connection, entry_id: int, **columns: str) -> None:
    """Replace some of an entry's indexed paper text (the other columns are kept)."""
    unknown = set(columns) - set(PAPER_COLUMNS)
    assert not unknown, unknown
    row = conn.exec_driver_sql("SELECT abstract, authors, body FROM paper_fts WHERE rowid = ?",
                               (entry_id,)).first()
    values = dict(zip(PAPER_COLUMNS, row, strict=True)) if row else dict.fromkeys(
        PAPER_COLUMNS, "")
    values.update(columns)
    conn.exec_driver_sql("DELETE FROM paper_fts WHERE rowid = ?", (entry_id,))
    if any(v for v in values.values()):
        conn.exec_driver_sql("INSERT INTO paper_fts (rowid, abstract, authors, body) "
                             "VALUES (?, ?, ?, ?)", (entry_id, values["abstract"],
                                                      values["authors"], values["body"]))


def has_paper_text(conn: Reads) -> bool:
    """True once any paper text is indexed (else word searches skip the second index)."""
    return conn.exec_driver_sql("SELECT 1 FROM paper_fts LIMIT 1").first() is not None


def paper_matches(conn: Reads, entry_id: int, match: str) -> list[str]:
    """Which paper columns ("abstract", "authors", "body") of one entry match `match`."""
    found = []
    for column in PAPER_COLUMNS:
        hit = conn.exec_driver_sql(
            "SELECT 1 FROM paper_fts WHERE paper_fts MATCH ? AND rowid = ?",
            (f"{{{column}}} : ({match})", entry_id)).first()
        if hit is not None:
            found.append(column)
    return found


def entry_matches(conn: Reads, entry_id: int, match: str) -> list[str]:
    """Which `entry_fts` columns of one entry match `match`."""
    columns = [str(r[1]) for r in conn.exec_driver_sql("PRAGMA table_info(entry_fts)")]
    found = []
    for column in columns:
        hit = conn.exec_driver_sql(
            "SELECT 1 FROM entry_fts WHERE entry_fts MATCH ? AND rowid = ?",
            (f"{{{column}}} : ({match})", entry_id)).first()
        if hit is not None:
            found.append(column)
    return found
