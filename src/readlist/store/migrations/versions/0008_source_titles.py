"""Sources remember every title they were imported under.

`source_titles` keeps each title a source had, so an old copy of a list that renamed itself
upstream is still recognised as that list.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE source_titles (source_id INTEGER NOT NULL REFERENCES sources (id), "
        "title VARCHAR NOT NULL, PRIMARY KEY (source_id, title))"
    )
    op.execute("INSERT INTO source_titles (source_id, title) SELECT id, title FROM sources "
               "WHERE title <> ''")


def downgrade() -> None:
    raise NotImplementedError("Readlist does not downgrade; restore a backup instead")
