"""Offline papers (issue 15): downloaded PDFs, arXiv enrichment, and their own text index.

`paper_fts` is separate from `entry_fts` (which an import rewrites and may rebuild with a
different tokenizer): it holds an entry's abstract, arXiv authors and PDF text under the
entry's id, written by the store when a paper is fetched or enriched, never by import.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
CREATE TABLE paper_files (
    entry_id INTEGER NOT NULL PRIMARY KEY REFERENCES entries (id),
    path VARCHAR NOT NULL,
    size INTEGER NOT NULL,
    url VARCHAR NOT NULL,
    fetched_at VARCHAR NOT NULL
)""")
    op.execute("""
CREATE TABLE pdf_positions (
    reader_id INTEGER NOT NULL REFERENCES readers (id),
    entry_id INTEGER NOT NULL REFERENCES entries (id),
    page INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (reader_id, entry_id)
)""")
    op.execute("""
CREATE TABLE enrichment (
    entry_id INTEGER NOT NULL PRIMARY KEY REFERENCES entries (id),
    arxiv_id VARCHAR NOT NULL,
    title VARCHAR NOT NULL DEFAULT '',
    abstract TEXT NOT NULL DEFAULT '',
    authors TEXT NOT NULL DEFAULT '[]',
    published VARCHAR NOT NULL DEFAULT '',
    updated VARCHAR NOT NULL DEFAULT '',
    categories TEXT NOT NULL DEFAULT '[]',
    doi VARCHAR NOT NULL DEFAULT '',
    journal_ref VARCHAR NOT NULL DEFAULT '',
    fetched_at VARCHAR NOT NULL
)""")
    op.execute("""
CREATE VIRTUAL TABLE paper_fts USING fts5(
    abstract, authors, body,
    tokenize = 'unicode61 remove_diacritics 2'
)""")


def downgrade() -> None:
    raise NotImplementedError("Readlist does not downgrade; restore a backup instead")
