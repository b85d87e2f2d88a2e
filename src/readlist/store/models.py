"""Typed ORM models of both layers (DESIGN.md §2). The schema itself lives in migrations/."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


# ---------------- shared layer: rewritten by import ----------------


class Source(Base):
    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    title: Mapped[str] = mapped_column(String, default="")
    origin: Mapped[str] = mapped_column(String, default="")
    format: Mapped[str] = mapped_column(String, default="markdown")
    imported_at: Mapped[str | None] = mapped_column(String)
    content_hash: Mapped[str | None] = mapped_column(String)


class SourceTitle(Base):
    """Every title a source was imported under (lists get renamed upstream)."""

    __tablename__ = "source_titles"
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    title: Mapped[str] = mapped_column(String, primary_key=True)


class Section(Base):
    __tablename__ = "sections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id"))
    title: Mapped[str] = mapped_column(String)
    path: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(Integer)
    __table_args__ = (UniqueConstraint("source_id", "path"),)


class Entry(Base):
    __tablename__ = "entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True)
    title: Mapped[str] = mapped_column(String)
    title_norm: Mapped[str] = mapped_column(String, index=True)
    url: Mapped[str | None] = mapped_column(String)
    authors: Mapped[str] = mapped_column(String, default="")
    organization: Mapped[str] = mapped_column(String, default="")
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String, default="other", index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    list_order: Mapped[int] = mapped_column(Integer, default=0, index=True)
    first_seen: Mapped[str] = mapped_column(String)
    last_seen: Mapped[str] = mapped_column(String)
    retired_at: Mapped[str | None] = mapped_column(String, index=True)
    added_run: Mapped[int | None] = mapped_column(Integer, index=True)
    venue: Mapped[str] = mapped_column(String, default="")
    list_note: Mapped[str] = mapped_column(String, default="")
    __table_args__ = (Index("ix_entries_kind_year", "kind", "year", "retired_at", "list_order"),)


class Placement(Base):
    __tablename__ = "placements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    __table_args__ = (Index("ix_placements_entry", "entry_id", "source_id", "section_id"),)


class EntryClaim(Base):
    """What one list says about one entry it lists now (provenance; see store/claims.py)."""

    __tablename__ = "entry_claims"
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    title: Mapped[str] = mapped_column(String)
    url: Mapped[str | None] = mapped_column(String)
    authors: Mapped[str] = mapped_column(String, default="")
    organization: Mapped[str] = mapped_column(String, default="")
    year: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String, default="other")
    description: Mapped[str] = mapped_column(Text, default="")
    venue: Mapped[str] = mapped_column(String, default="")
    list_note: Mapped[str] = mapped_column(String, default="")


class EntryLink(Base):
    __tablename__ = "entry_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), index=True)
    label: Mapped[str] = mapped_column(String)
    url: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(Integer)


class ImportRun(Base):
    __tablename__ = "import_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    started_at: Mapped[str] = mapped_column(String)
    seconds: Mapped[float] = mapped_column(default=0.0)
    content_hash: Mapped[str] = mapped_column(String, default="")
    entries: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    moved: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[int] = mapped_column(Integer, default=0)
    revived: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    forced: Mapped[int] = mapped_column(Integer, default=0)
    same_content: Mapped[int] = mapped_column(Integer, default=0)


class EntryChangeRow(Base):
    __tablename__ = "entry_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), index=True)
    change: Mapped[str] = mapped_column(String)
    fields: Mapped[str] = mapped_column(String, default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    diff: Mapped[str] = mapped_column(Text, default="")


# ---------------- personal layer: written only by the reader ----------------


class Reader(Base):
    __tablename__ = "readers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)


class ReadingState(Base):
    __tablename__ = "reading_state"
    reader_id: Mapped[int] = mapped_column(ForeignKey("readers.id"), primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String, default="unread")
    priority: Mapped[int] = mapped_column(Integer, default=1)
    rating: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[str | None] = mapped_column(String)
    finished_at: Mapped[str | None] = mapped_column(String)
    status_changed_at: Mapped[str | None] = mapped_column(String)
    __table_args__ = (
        Index("ix_reading_state_status", "reader_id", "status"),
        Index("ix_reading_state_priority", "reader_id", "priority"),
    )


class StatusEvent(Base):
    __tablename__ = "status_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reader_id: Mapped[int] = mapped_column(ForeignKey("readers.id"))
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), index=True)
    old_status: Mapped[str] = mapped_column(String)
    new_status: Mapped[str] = mapped_column(String)
    at: Mapped[str] = mapped_column(String, index=True)


class Note(Base):
    __tablename__ = "notes"
    reader_id: Mapped[int] = mapped_column(ForeignKey("readers.id"), primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), primary_key=True)
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[str] = mapped_column(String)
    updated_at: Mapped[str] = mapped_column(String, index=True)
    __table_args__ = (Index("ix_notes_nonempty", "reader_id", "entry_id",
                            sqlite_where=text("trim(body) <> ''")),)


class NoteVersionRow(Base):
    __tablename__ = "note_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reader_id: Mapped[int] = mapped_column(ForeignKey("readers.id"))
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[str] = mapped_column(String)


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reader_id: Mapped[int] = mapped_column(ForeignKey("readers.id"))
    name: Mapped[str] = mapped_column(String)
    __table_args__ = (UniqueConstraint("reader_id", "name"),
                      Index("ux_tags_reader_name_nocase", "reader_id",
                            text("name COLLATE NOCASE"), unique=True))


class EntryTag(Base):
    __tablename__ = "entry_tags"
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id"), primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), primary_key=True, index=True)


class Queue(Base):
    __tablename__ = "queues"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reader_id: Mapped[int] = mapped_column(ForeignKey("readers.id"))
    name: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (UniqueConstraint("reader_id", "name"),)


class QueueItem(Base):
    __tablename__ = "queue_items"
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id"), primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), primary_key=True, index=True)
    position: Mapped[float] = mapped_column()
    added_at: Mapped[str] = mapped_column(String)
    __table_args__ = (Index("ix_queue_items_order", "queue_id", "position"),)


class SavedSearchRow(Base):
    __tablename__ = "saved_searches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reader_id: Mapped[int] = mapped_column(ForeignKey("readers.id"))
    name: Mapped[str] = mapped_column(String)
    query: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("reader_id", "name"),)


class FtsBulk(Base):
    """One row: 1 while an import fills the search index itself (see migration 0002)."""

    __tablename__ = "fts_bulk"
    active: Mapped[int] = mapped_column(Integer, primary_key=True)


# ---------------- offline papers (migration 0009) ----------------


class PaperFileRow(Base):
    """A downloaded PDF; `path` is relative to the `files/` folder beside the library."""

    __tablename__ = "paper_files"
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), primary_key=True)
    path: Mapped[str] = mapped_column(String)
    size: Mapped[int] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(String)
    fetched_at: Mapped[str] = mapped_column(String)


class PdfPosition(Base):
    """The page a reader was on in an entry's PDF."""

    __tablename__ = "pdf_positions"
    reader_id: Mapped[int] = mapped_column(ForeignKey("readers.id"), primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), primary_key=True)
    page: Mapped[int] = mapped_column(Integer, default=0)


class EnrichmentRow(Base):
    """arXiv's metadata of an entry, kept beside (never over) the list's own text."""

    __tablename__ = "enrichment"
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id"), primary_key=True)
    arxiv_id: Mapped[str] = mapped_column(String)
    title: Mapped[str] = mapped_column(String, default="")
    abstract: Mapped[str] = mapped_column(Text, default="")
    authors: Mapped[str] = mapped_column(Text, default="[]")  # JSON array
    published: Mapped[str] = mapped_column(String, default="")
    updated: Mapped[str] = mapped_column(String, default="")
    categories: Mapped[str] = mapped_column(Text, default="[]")  # JSON array
    doi: Mapped[str] = mapped_column(String, default="")
    journal_ref: Mapped[str] = mapped_column(String, default="")
    fetched_at: Mapped[str] = mapped_column(String)
