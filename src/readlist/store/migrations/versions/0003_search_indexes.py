"""Indexes measured in bench/search.py at 100,000 entries.

- entries(kind, year, retired_at, list_order): `kind:paper year:>=2022` and the like read
  the index alone, for counts (45 ms -> 14 ms) and list-ordered pages (28 ms -> 15 ms).
- notes(reader_id, entry_id) over non-empty notes: `has:note` without reading note bodies.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_entries_kind_year ON entries (kind, year, retired_at, list_order)")
    op.execute("CREATE INDEX ix_notes_nonempty ON notes (reader_id, entry_id) "
               "WHERE trim(body) <> ''")
    op.execute("ANALYZE")


def downgrade() -> None:
    raise NotImplementedError("Readlist does not downgrade; restore a backup instead")
