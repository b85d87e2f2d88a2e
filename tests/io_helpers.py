"""A small annotated library shared by the stats, export and restore tests (issue #7)."""

from __future__ import annotations

from pathlib import Path

from readlist.core.models import Status
from readlist.library import Library
from readlist.store import personal

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "io-tiny.md"


def ids_by_key(lib: Library) -> dict[str, int]:
    return {v.key: int(v.id) for v in lib.list_entries("", include_retired=True)}


def set_status_at(lib: Library, key: str, status: Status, at: str) -> None:
    """Record a status change at a fixed time (the Library API always uses now)."""
    eid = ids_by_key(lib)[key]
    with lib.store.write() as conn:
        personal.set_status(conn, lib.store.reader_id, [eid], status, at=at)


def build(path: Path) -> Library:
    lib = Library(path)
    lib.import_text(FIXTURE.read_text(encoding="utf-8"), name="tiny")
    return lib


def annotate(lib: Library) -> dict[str, int]:
    """Statuses with fixed times, notes (with a version), tags, ratings, queues, a search."""
    k = ids_by_key(lib)
    att, longf, bert, rob = (k["arxiv:1706.03762"], k["arxiv:2004.05150"],
                             k["arxiv:1810.04805"], k["arxiv:1907.11692"])
    ill = k["jalammar.github.io/illustrated-transformer"]
    # attention: to-read 2024-01-01, read 2024-01-05 (4 days, week of 2024-01-01)
    set_status_at(lib, "arxiv:1706.03762", Status.TO_READ, "2024-01-01T12:00:00.000000+00:00")
    set_status_at(lib, "arxiv:1706.03762", Status.READ, "2024-01-05T12:00:00.000000+00:00")
    # bert: to-read 2024-01-02, reading, read 2024-01-12 (10 days, week of 2024-01-08)
    set_status_at(lib, "arxiv:1810.04805", Status.TO_READ, "2024-01-02T12:00:00.000000+00:00")
    set_status_at(lib, "arxiv:1810.04805", Status.READING, "2024-01-03T12:00:00.000000+00:00")
    set_status_at(lib, "arxiv:1810.04805", Status.READ, "2024-01-12T12:00:00.000000+00:00")
    # illustrated: read straight from unread in February (not in the to-read median)
    set_status_at(lib, "jalammar.github.io/illustrated-transformer", Status.READ,
                  "2024-02-20T12:00:00.000000+00:00")
    set_status_at(lib, "arxiv:2004.05150", Status.READING, "2024-02-21T12:00:00.000000+00:00")
    set_status_at(lib, "example.com/survey", Status.SKIPPED, "2024-02-22T12:00:00.000000+00:00")
    lib.set_note(att, "First take.")
    lib.set_note(att, "Scaled dot-product attention.\n\n- multi-head\n- positional encoding")
    lib.set_note(bert, "Masked LM + *next sentence*.")
    lib.tag([att, bert], ["nlp"])
    lib.tag([att], ["attention"])
    lib.rate([att], 5)
    lib.rate([bert], 4)
    lib.set_priority([longf], "high")
    lib.queue_new("Next up")
    lib.queue_add("Next up", [rob, longf])
    lib.queue_new("Later")
    lib.queue_add("Later", [ill])
    lib.search_save("Unread papers", "kind:paper status:unread")
    return k
