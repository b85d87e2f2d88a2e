"""The one schema definition of both layers (DESIGN.md §2): Core tables that every store
statement is built over. Migrations in migrations/ must produce exactly this (tests/test_store_db.py
compares them); search objects that Core cannot describe (FTS5 tables, triggers) live there."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData()

# ---------------- shared layer: rewritten by import ----------------

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False, unique=True),
    Column("title", String, nullable=False, default=""),
    Column("origin", String, nullable=False, default=""),
    Column("format", String, nullable=False, default="markdown"),
    Column("imported_at", String, nullable=True),
    Column("content_hash", String, nullable=True),
)

#: Every title a source was imported under (lists get renamed upstream).
source_titles = Table(
    "source_titles",
    metadata,
    Column("source_id", Integer, ForeignKey("sources.id"), primary_key=True),
    Column("title", String, primary_key=True),
)

sections = Table(
    "sections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False, index=True),
    Column("parent_id", Integer, ForeignKey("sections.id"), nullable=True),
    Column("title", String, nullable=False),
    Column("path", String, nullable=False),
    Column("position", Integer, nullable=False),
    UniqueConstraint("source_id", "path"),
)

entries = Table(
    "entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String, nullable=False, unique=True),
    Column("title", String, nullable=False),
    Column("title_norm", String, nullable=False, index=True),
    Column("url", String, nullable=True),
    Column("authors", String, nullable=False, default=""),
    Column("organization", String, nullable=False, default=""),
    Column("year", Integer, nullable=True, index=True),
    Column("kind", String, nullable=False, index=True, default="other"),
    Column("description", Text, nullable=False, default=""),
    Column("list_order", Integer, nullable=False, index=True, default=0),
    Column("first_seen", String, nullable=False),
    Column("last_seen", String, nullable=False),
    Column("retired_at", String, nullable=True, index=True),
    Column("added_run", Integer, nullable=True, index=True),
    Column("venue", String, nullable=False, default=""),
    Column("list_note", String, nullable=False, default=""),
    Index("ix_entries_kind_year", "kind", "year", "retired_at", "list_order"),
)

placements = Table(
    "placements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("entries.id"), nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False, index=True),
    Column("section_id", Integer, ForeignKey("sections.id"), nullable=True, index=True),
    Column("position", Integer, nullable=False),
    Index("ix_placements_entry", "entry_id", "source_id", "section_id"),
)

#: What one list says about one entry it lists now (provenance; see store/claims.py).
entry_claims = Table(
    "entry_claims",
    metadata,
    Column("entry_id", Integer, ForeignKey("entries.id"), primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), primary_key=True),
    Column("title", String, nullable=False),
    Column("url", String, nullable=True),
    Column("authors", String, nullable=False, default=""),
    Column("organization", String, nullable=False, default=""),
    Column("year", Integer, nullable=True),
    Column("kind", String, nullable=False, default="other"),
    Column("description", Text, nullable=False, default=""),
    Column("venue", String, nullable=False, default=""),
    Column("list_note", String, nullable=False, default=""),
)

entry_links = Table(
    "entry_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("entries.id"), nullable=False, index=True),
    Column("label", String, nullable=False),
    Column("url", String, nullable=False),
    Column("position", Integer, nullable=False),
)

import_runs = Table(
    "import_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False, index=True),
    Column("started_at", String, nullable=False),
    Column("seconds", Double, nullable=False, default=0.0),
    Column("content_hash", String, nullable=False, default=""),
    Column("entries", Integer, nullable=False, default=0),
    Column("added", Integer, nullable=False, default=0),
    Column("changed", Integer, nullable=False, default=0),
    Column("moved", Integer, nullable=False, default=0),
    Column("retired", Integer, nullable=False, default=0),
    Column("revived", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),
    Column("forced", Integer, nullable=False, default=0),
    Column("same_content", Integer, nullable=False, default=0),
)

entry_changes = Table(
    "entry_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("import_runs.id"), nullable=False, index=True),
    Column("entry_id", Integer, ForeignKey("entries.id"), nullable=False, index=True),
    Column("change", String, nullable=False),
    Column("fields", String, nullable=False, default=""),
    Column("detail", Text, nullable=False, default=""),
    Column("diff", Text, nullable=False, default=""),
)

# ---------------- personal layer: written only by the reader ----------------

readers = Table(
    "readers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False, unique=True),
)

reading_state = Table(
    "reading_state",
    metadata,
    Column("reader_id", Integer, ForeignKey("readers.id"), primary_key=True),
    Column("entry_id", Integer, ForeignKey("entries.id"), primary_key=True),
    Column("status", String, nullable=False, default="unread"),
    Column("priority", Integer, nullable=False, default=1),
    Column("rating", Integer, nullable=True),
    Column("started_at", String, nullable=True),
    Column("finished_at", String, nullable=True),
    Column("status_changed_at", String, nullable=True),
    Index("ix_reading_state_status", "reader_id", "status"),
    Index("ix_reading_state_priority", "reader_id", "priority"),
)

status_events = Table(
    "status_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reader_id", Integer, ForeignKey("readers.id"), nullable=False),
    Column("entry_id", Integer, ForeignKey("entries.id"), nullable=False, index=True),
    Column("old_status", String, nullable=False),
    Column("new_status", String, nullable=False),
    Column("at", String, nullable=False, index=True),
)

notes = Table(
    "notes",
    metadata,
    Column("reader_id", Integer, ForeignKey("readers.id"), primary_key=True),
    Column("entry_id", Integer, ForeignKey("entries.id"), primary_key=True),
    Column("body", Text, nullable=False, default=""),
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False, index=True),
    Column("shared", Integer, nullable=False, default=0),
    Index("ix_notes_nonempty", "reader_id", "entry_id", sqlite_where=text("trim(body) <> ''")),
)

note_versions = Table(
    "note_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reader_id", Integer, ForeignKey("readers.id"), nullable=False),
    Column("entry_id", Integer, ForeignKey("entries.id"), nullable=False, index=True),
    Column("body", Text, nullable=False),
    Column("saved_at", String, nullable=False),
)

tags = Table(
    "tags",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reader_id", Integer, ForeignKey("readers.id"), nullable=False),
    Column("name", String, nullable=False),
    UniqueConstraint("reader_id", "name"),
    # SQLite's NOCASE; a PostgreSQL library gets lower(name) instead (store/pg.py)
    Index("ux_tags_reader_name_nocase", "reader_id", text("name COLLATE NOCASE"),
          unique=True).ddl_if(dialect="sqlite"),
)

entry_tags = Table(
    "entry_tags",
    metadata,
    Column("tag_id", Integer, ForeignKey("tags.id"), primary_key=True),
    Column("entry_id", Integer, ForeignKey("entries.id"), primary_key=True, index=True),
)

queues = Table(
    "queues",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reader_id", Integer, ForeignKey("readers.id"), nullable=False),
    Column("name", String, nullable=False),
    Column("position", Integer, nullable=False, default=0),
    UniqueConstraint("reader_id", "name"),
)

queue_items = Table(
    "queue_items",
    metadata,
    Column("queue_id", Integer, ForeignKey("queues.id"), primary_key=True),
    Column("entry_id", Integer, ForeignKey("entries.id"), primary_key=True, index=True),
    Column("position", Double, nullable=False),
    Column("added_at", String, nullable=False),
    Index("ix_queue_items_order", "queue_id", "position"),
)

saved_searches = Table(
    "saved_searches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("reader_id", Integer, ForeignKey("readers.id"), nullable=False),
    Column("name", String, nullable=False),
    Column("query", Text, nullable=False),
    UniqueConstraint("reader_id", "name"),
)

#: One row: 1 while an import fills the search index itself (see migration 0002).
fts_bulk = Table(
    "fts_bulk",
    metadata,
    Column("active", Integer, primary_key=True),
)

# ---------------- offline papers (migration 0009) ----------------

#: A downloaded PDF; `path` is relative to the `files/` folder beside the library.
paper_files = Table(
    "paper_files",
    metadata,
    Column("entry_id", Integer, ForeignKey("entries.id"), primary_key=True),
    Column("path", String, nullable=False),
    Column("size", Integer, nullable=False),
    Column("url", String, nullable=False),
    Column("fetched_at", String, nullable=False),
)

#: The page a reader was on in an entry's PDF.
pdf_positions = Table(
    "pdf_positions",
    metadata,
    Column("reader_id", Integer, ForeignKey("readers.id"), primary_key=True),
    Column("entry_id", Integer, ForeignKey("entries.id"), primary_key=True),
    Column("page", Integer, nullable=False, default=0),
)

#: arXiv's metadata of an entry, kept beside (never over) the list's own text;
#: `authors` and `categories` are JSON arrays.
enrichment = Table(
    "enrichment",
    metadata,
    Column("entry_id", Integer, ForeignKey("entries.id"), primary_key=True),
    Column("arxiv_id", String, nullable=False),
    Column("title", String, nullable=False, default=""),
    Column("abstract", Text, nullable=False, default=""),
    Column("authors", Text, nullable=False, default="[]"),
    Column("published", String, nullable=False, default=""),
    Column("updated", String, nullable=False, default=""),
    Column("categories", Text, nullable=False, default="[]"),
    Column("doi", String, nullable=False, default=""),
    Column("journal_ref", String, nullable=False, default=""),
    Column("fetched_at", String, nullable=False),
)
