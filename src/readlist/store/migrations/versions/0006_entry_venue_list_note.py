"""Entries carry where a paper was published and the list's own marks on it (issue #13).

``venue`` is the venue as the list writes it ("ICLR", "NeurIPS", "arXiv"; the year is the
year column), searched by ``venue:``; ``list_note`` holds the list's marks ("(AlexNet, Deep
Learning Breakthrough) ⭐⭐⭐⭐⭐", a model name). Both are rewritten by every import.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE entries ADD COLUMN venue VARCHAR NOT NULL DEFAULT ''")
    op.execute("ALTER TABLE entries ADD COLUMN list_note VARCHAR NOT NULL DEFAULT ''")


def downgrade() -> None:
    raise NotImplementedError("Readlist does not downgrade; restore a backup instead")
