"""Let a large import fill the search index in one statement instead of a trigger per row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Set to 1 only inside an import's own transaction, so no other connection ever sees it.
    op.execute("CREATE TABLE fts_bulk (active INTEGER NOT NULL)")
    op.execute("INSERT INTO fts_bulk (active) VALUES (0)")
    op.execute("DROP TRIGGER entries_fts_insert")
    op.execute("""
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries
WHEN (SELECT active FROM fts_bulk) = 0 BEGIN
    INSERT INTO entry_fts(rowid, title, authors, organization, description, notes, tags)
    VALUES (new.id, new.title, new.authors, new.organization, new.description, '', '');
END""")


def downgrade() -> None:
    raise NotImplementedError("Readlist does not downgrade; restore a backup instead")
