"""One tag per name whatever its case: merge case-duplicates, then keep them unique.

Each group of tags one reader spelled differently (`RLHF`, `rlhf`) keeps its first spelling
(the oldest tag); the others' entry links move to it, so no entry loses a tag. The index
uses SQLite's NOCASE, which folds ASCII letters only.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_KEEPER = ("(SELECT min(k.id) FROM tags k WHERE k.reader_id = t.reader_id "
           "AND k.name = t.name COLLATE NOCASE)")


def upgrade() -> None:
    op.execute("INSERT OR IGNORE INTO entry_tags (tag_id, entry_id) "
               f"SELECT {_KEEPER}, et.entry_id FROM entry_tags et JOIN tags t ON t.id = et.tag_id")
    op.execute(f"DELETE FROM entry_tags WHERE tag_id IN (SELECT t.id FROM tags t "
               f"WHERE t.id > {_KEEPER})")
    op.execute(f"DELETE FROM tags WHERE id IN (SELECT t.id FROM tags t WHERE t.id > {_KEEPER})")
    op.execute("CREATE UNIQUE INDEX ux_tags_reader_name_nocase ON tags "
               "(reader_id, name COLLATE NOCASE)")


def downgrade() -> None:
    raise NotImplementedError("Readlist does not downgrade; restore a backup instead")
