"""Alembic environment: always run on the connection that `store.db` hands over, SQLite or
PostgreSQL. Migrations 0001-0010 are SQLite history (a PostgreSQL library is created at head);
every migration from 0011 on must run on both engines."""

from __future__ import annotations

from alembic import context

from readlist.store.models import metadata

connection = context.config.attributes["connection"]
# batch mode rebuilds tables for SQLite's limited ALTER; PostgreSQL alters in place
context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
