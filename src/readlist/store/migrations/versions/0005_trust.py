"""Import runs remember when the content was unchanged; changes remember old and new values.

`import_runs.same_content` marks a re-import whose bytes matched the last one (answered
without parsing; it keeps "What's new"). `entry_changes.diff` holds {field: [old, new]} of a
changed entry, so `readlist changes` can show what a field was.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE import_runs ADD COLUMN same_content INTEGER NOT NULL DEFAULT 0")
    op.execute("ALTER TABLE entry_changes ADD COLUMN diff TEXT NOT NULL DEFAULT ''")


def downgrade() -> None:
    raise NotImplementedError("Readlist does not downgrade; restore a backup instead")
