"""Entries carry where a paper was published and the list's own marks on it (issue #13).

``venue`` is the venue as the list writes it ("ICLR", "NeurIPS", "arXiv"; the year is the
year column), searched by ``venue:``; ``list_note`` holds the list's marks ("(AlexNet, Deep
Learning Breakthrough) ⭐⭐⭐⭐⭐", a model name); free words find both. Both are rewritten
by every import.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


#: What the full-text index's description column holds: the description, then the venue and
#: the list's note, so free words find "AlexNet" or "NeurIPS" too (no new FTS column: the
#: bm25 weights and every query stay as they are).
FTS_DESCRIPTION = "{0}.description || ' ' || {0}.venue || ' ' || {0}.list_note"


def upgrade() -> None:
    op.execute("ALTER TABLE entries ADD COLUMN venue VARCHAR NOT NULL DEFAULT ''")
    op.execute("ALTER TABLE entries ADD COLUMN list_note VARCHAR NOT NULL DEFAULT ''")
    op.execute("DROP TRIGGER entries_fts_insert")
    op.execute(f"""
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries
WHEN (SELECT active FROM fts_bulk) = 0 BEGIN
    INSERT INTO entry_fts(rowid, title, authors, organization, description, notes, tags)
    VALUES (new.id, new.title, new.authors, new.organization, {FTS_DESCRIPTION.format("new")},
            '', '');
END""")
    op.execute("DROP TRIGGER entries_fts_update")
    op.execute(f"""
CREATE TRIGGER entries_fts_update
AFTER UPDATE OF title, authors, organization, description, venue, list_note ON entries BEGIN
    UPDATE entry_fts SET title = new.title, authors = new.authors,
        organization = new.organization, description = {FTS_DESCRIPTION.format("new")}
    WHERE rowid = new.id;
END""")


def downgrade() -> None:
    raise NotImplementedError("Readlist does not downgrade; restore a backup instead")
