"""Notes gain a `shared` flag: a note its reader shows to the group (issue 16.4).

`noted-by:NAME` finds another reader's note only where it is shared; every existing note
stays private (0).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE notes ADD COLUMN shared INTEGER NOT NULL DEFAULT 0")


def downgrade() -> None:
    raise NotImplementedError("Readlist does not downgrade; restore a backup instead")
