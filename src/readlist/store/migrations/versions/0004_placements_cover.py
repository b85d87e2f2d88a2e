"""Placements looked up by entry carry their source and heading in the index itself.

Per-heading progress joins the reader's touched entries to their placements and looks for
entries placed twice in one source; with (entry_id, source_id, section_id) both read the
index alone (at 100,000 entries: 61 -> 26 ms and 56 -> 36 ms, bench/search.py library).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP INDEX ix_placements_entry_id")
    op.execute("CREATE INDEX ix_placements_entry ON placements (entry_id, source_id, section_id)")
    op.execute("ANALYZE")


def downgrade() -> None:
    raise NotImplementedError("Readlist does not downgrade; restore a backup instead")
