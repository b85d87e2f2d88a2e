"""PostgreSQL search objects (tsvector table, triggers, GIN index) a new group library gets
after `metadata.create_all`; helper "pgsearch" fills this in (issue 16.3)."""

from __future__ import annotations

STATEMENTS: tuple[str, ...] = ()
