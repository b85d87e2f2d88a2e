"""Entries remember what each list says about them (provenance, issue 12 point 1).

``entry_claims`` holds one row per (entry, source that lists it now): the title, URL,
authors, organisation, year, kind, description, venue and list note that list gives; the
values an entry shows are derived from its claims at import. An existing library's live
entries are claimed, with the values they show, by every source that places them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_FIELDS = ("title", "url", "authors", "organization", "year", "kind", "description", "venue",
           "list_note")


def upgrade() -> None:
    op.execute(
        "CREATE TABLE entry_claims (entry_id INTEGER NOT NULL REFERENCES entries (id), "
        "source_id INTEGER NOT NULL REFERENCES sources (id), title VARCHAR NOT NULL, "
        "url VARCHAR, authors VARCHAR NOT NULL DEFAULT '', "
        "organization VARCHAR NOT NULL DEFAULT '', year INTEGER, "
        "kind VARCHAR NOT NULL DEFAULT 'other', description TEXT NOT NULL DEFAULT '', "
        "venue VARCHAR NOT NULL DEFAULT '', list_note VARCHAR NOT NULL DEFAULT '', "
        "PRIMARY KEY (entry_id, source_id))"
    )
    op.execute(
        f"INSERT INTO entry_claims (entry_id, source_id, {', '.join(_FIELDS)}) "
        f"SELECT e.id, p.source_id, {', '.join('e.' + f for f in _FIELDS)} "
        "FROM entries e JOIN (SELECT DISTINCT entry_id, source_id FROM placements) p "
        "ON p.entry_id = e.id WHERE e.retired_at IS NULL"
    )


def downgrade() -> None:
    raise NotImplementedError("Readlist does not downgrade; restore a backup instead")
