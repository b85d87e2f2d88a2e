"""The claims table: what each list said about each entry it lists, one row per (entry, source).

The store only fetches and writes claims; which value an entry shows is decided in
importing/provenance.py. Plain `exec_driver_sql`, so `show` reads them without SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from readlist.core.normalize import normalize_title
from readlist.importing.provenance import CLAIM_FIELDS, Claim
from readlist.store.chunks import chunks
from readlist.store.lite import Reads

if TYPE_CHECKING:  # `show` reads claims without loading the planner (rapidfuzz)
    from readlist.importing.sync import ImportPlan, Incoming

_COLUMNS = ", ".join(CLAIM_FIELDS)
_UPSERT = (f"INSERT OR REPLACE INTO entry_claims (entry_id, source_id, {_COLUMNS}) "
           f"VALUES (?, ?, {', '.join('?' for _ in CLAIM_FIELDS)})")


def claims_of(conn: Reads, entry_ids: list[int]) -> dict[int, list[Claim]]:
    """Every claim on these entries, by entry, earliest source first."""
    found: dict[int, list[Claim]] = {}
    for chunk in chunks([str(i) for i in entry_ids]):
        for row in conn.exec_driver_sql(
                f"SELECT entry_id, source_id, {_COLUMNS} FROM entry_claims "
                f"WHERE entry_id IN ({','.join(chunk)}) ORDER BY entry_id, source_id"):
            found.setdefault(int(row[0]), []).append(Claim(int(row[1]), *row[2:]))
    return found


def cited_by(conn: Reads, entry_id: int) -> list[tuple[str, Claim]]:
    """(source name, claim) of every list that lists the entry now, earliest first."""
    return [(str(row[0]), Claim(int(row[1]), *row[2:])) for row in conn.exec_driver_sql(
        f"SELECT s.name, c.source_id, {', '.join('c.' + f for f in CLAIM_FIELDS)} "
        "FROM entry_claims c JOIN sources s ON s.id = c.source_id WHERE c.entry_id = ? "
        "ORDER BY c.source_id", (entry_id,))]


def write_claims(conn: Reads, source_id: int, plan: ImportPlan, first_new_id: int) -> None:
    """Record what the list said in this import: a claim for each entry it lists (the new
    entries' straight from their rows), none for those it no longer lists."""
    rows: list[tuple[object, ...]] = []
    gone: list[tuple[int, int]] = []
    for d in plan.decisions:
        if d.existing is None:
            continue
        if d.incoming is None:
            if d.existing.own_claim is not None:
                gone.append((int(d.existing.id), source_id))
        elif d.claim is not None and not d.claim.same_as(d.existing.own_claim):
            rows.append((int(d.existing.id), source_id,
                         *(d.claim.value(f) for f in CLAIM_FIELDS)))
    if gone:
        conn.exec_driver_sql(
            "DELETE FROM entry_claims WHERE entry_id = ? AND source_id = ?", gone)
    if rows:
        conn.exec_driver_sql(_UPSERT, rows)
    conn.exec_driver_sql(  # a new entry shows exactly what this list says of it
        f"INSERT INTO entry_claims (entry_id, source_id, {_COLUMNS}) "
        f"SELECT id, ?, {_COLUMNS} FROM entries WHERE id >= ?", (source_id, first_new_id))


def backfill(conn: Reads) -> None:
    """Claims for a library that has none (restored from a dump): each live entry's values,
    claimed by every source that places it."""
    conn.exec_driver_sql(
        f"INSERT OR IGNORE INTO entry_claims (entry_id, source_id, {_COLUMNS}) "
        f"SELECT e.id, p.source_id, {', '.join('e.' + f for f in CLAIM_FIELDS)} "
        "FROM entries e JOIN (SELECT DISTINCT entry_id, source_id FROM placements) p "
        "ON p.entry_id = e.id WHERE e.retired_at IS NULL")


def reshow(conn: Reads, entry_id: int, shown: Incoming) -> None:
    """An entry the importing list no longer lists shows what the other lists say."""
    conn.exec_driver_sql(
        "UPDATE entries SET title = ?, title_norm = ?, url = ?, authors = ?, organization = ?, "
        "year = ?, kind = ?, description = ?, venue = ?, list_note = ? WHERE id = ?",
        (shown.title, normalize_title(shown.title), shown.url, shown.authors,
         shown.organization, shown.year, shown.kind.value, shown.description, shown.venue,
         shown.list_note, entry_id))
