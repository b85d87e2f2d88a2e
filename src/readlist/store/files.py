"""Downloaded PDFs of entries (`paper_files`), the reader's page in each, and their totals.

Paths are stored relative to the `files/` folder beside the library file, so a library
moved or restored together with that folder keeps working.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from readlist.core.models import EntryId
from readlist.core.papers import PaperFile
from readlist.store.lite import Reads
from readlist.store.paper_index import set_paper_text
from readlist.store.timeutil import now_iso

if TYPE_CHECKING:
    from sqlalchemy import Connection

FILES_DIR = "files"


def _inlist(ids: Sequence[int]) -> str:
    return ",".join(str(int(i)) for i in ids) or "NULL"


def files_dir(conn: Reads) -> Path | None:
    """The `files/` folder beside the library behind `conn` (None in memory)."""
    rows = conn.exec_driver_sql("PRAGMA database_list").all()
    database = next((str(r[2]) for r in rows if r[1] == "main"), "")
    if not database:
        return None
    return Path(database).parent / FILES_DIR


def record_file(conn: Connection, entry_id: int, path: str, size: int, url: str,
                body: str) -> None:
    """Remember a downloaded PDF and index its text."""
    conn.exec_driver_sql(
        "INSERT INTO paper_files (entry_id, path, size, url, fetched_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (entry_id) DO UPDATE SET path = excluded.path, "
        "size = excluded.size, url = excluded.url, fetched_at = excluded.fetched_at",
        (entry_id, path, size, url, now_iso()))
    set_paper_text(conn, entry_id, body=body)


def paper_files(conn: Reads, ids: Sequence[int]) -> dict[int, PaperFile]:
    out: dict[int, PaperFile] = {}
    for r in conn.exec_driver_sql(
            "SELECT entry_id, path, size, url, fetched_at FROM paper_files "
            f"WHERE entry_id IN ({_inlist(ids)})"):
        out[int(r[0])] = PaperFile(EntryId(int(r[0])), r[1], r[2], r[3], r[4])
    return out


def all_paper_files(conn: Connection) -> list[PaperFile]:
    return [PaperFile(EntryId(int(r[0])), r[1], r[2], r[3], r[4])
            for r in conn.exec_driver_sql("SELECT entry_id, path, size, url, fetched_at "
                                          "FROM paper_files ORDER BY entry_id")]


def forget_files(conn: Connection, ids: Sequence[int]) -> None:
    """Drop the rows and the indexed PDF text of `ids` (the caller deletes the files)."""
    conn.exec_driver_sql(f"DELETE FROM paper_files WHERE entry_id IN ({_inlist(ids)})")
    for i in ids:
        set_paper_text(conn, int(i), body="")


def totals(conn: Reads) -> tuple[int, int]:
    """(files, bytes) of every downloaded PDF."""
    row = conn.exec_driver_sql("SELECT count(*), coalesce(sum(size), 0) FROM paper_files"
                               ).first()
    return int(row[0]), int(row[1])


def read_before(conn: Connection, reader: int, days: float) -> list[int]:
    """Entries with a PDF that `reader` finished reading more than `days` days ago."""
    cutoff = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="microseconds")
    return [int(r[0]) for r in conn.exec_driver_sql(
        "SELECT pf.entry_id FROM paper_files pf JOIN reading_state rs "
        "ON rs.entry_id = pf.entry_id AND rs.reader_id = ? WHERE rs.status = 'read' "
        "AND coalesce(rs.finished_at, rs.status_changed_at) < ? ORDER BY pf.entry_id",
        (reader, cutoff))]


def page(conn: Reads, reader: int, entry_id: int) -> int:
    row = conn.exec_driver_sql("SELECT page FROM pdf_positions WHERE reader_id = ? "
                               "AND entry_id = ?", (reader, entry_id)).first()
    return int(row[0]) if row else 0


def set_page(conn: Connection, reader: int, entry_id: int, number: int) -> None:
    conn.exec_driver_sql("INSERT INTO pdf_positions (reader_id, entry_id, page) VALUES (?, ?, ?) "
                         "ON CONFLICT (reader_id, entry_id) DO UPDATE SET page = excluded.page",
                         (reader, entry_id, number))
