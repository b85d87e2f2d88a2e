"""The store's front door: an engine, the reader, and read/write transactions."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DatabaseError, OperationalError

from readlist.core.errors import LibraryBusyError
from readlist.store import backups
from readlist.store.db import backup_file, damaged, open_engine, resolve_path

#: Tries at the write lock, each waiting SQLite's busy timeout (db.BUSY_TIMEOUT_MS).
WRITE_ATTEMPTS = 3
#: SQLite's words for a file whose pages are not what they should be.
_DAMAGE = ("malformed", "not a database", "corrupt")


class Store:
    """One library file opened for one reader; the database is used by one worker at a time."""

    def __init__(self, db: str | os.PathLike[str], reader: str) -> None:
        self.path: Path | None = resolve_path(db)
        self.engine: Engine = open_engine(db)
        self._intact = True
        with self.read() as conn:  # readers need no write lock: only a new reader writes
            found = conn.execute(text("SELECT id FROM readers WHERE name = :n"),
                                 {"n": reader}).scalar()
        if found is None:
            with self.write() as conn:
                conn.execute(text("INSERT OR IGNORE INTO readers (name) VALUES (:n)"),
                             {"n": reader})
                found = conn.execute(text("SELECT id FROM readers WHERE name = :n"),
                                     {"n": reader}).scalar_one()
        self.reader_id = int(found)
        self.reader_name = reader

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._damage_named(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction holding SQLite's write lock from its first statement.

        Taking the lock waits out another writer (SQLite's busy timeout, then a few more
        tries); a library still locked after that is one clear error, never a traceback.
        """
        with self._damage_named(), self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            for attempt in range(WRITE_ATTEMPTS):
                try:
                    transaction = conn.begin()
                    break
                except OperationalError as exc:
                    conn.rollback()
                    if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
                        raise
                    if attempt == WRITE_ATTEMPTS - 1:
                        raise LibraryBusyError(
                            "the library is busy: another Readlist is writing to it (a long "
                            "import?); nothing was changed, try again when it is done"
                        ) from None
            with transaction:
                yield conn

    @contextmanager
    def _damage_named(self) -> Iterator[None]:
        """A page found damaged mid-command becomes the one-line damaged-library error."""
        try:
            yield
        except DatabaseError as exc:
            if not isinstance(exc.orig, sqlite3.DatabaseError) or self.path is None or not any(
                    word in str(exc.orig).lower() for word in _DAMAGE):
                raise
            self._intact = False
            raise damaged(self.path, str(exc.orig)) from None

    def backup(self, dest: Path) -> None:
        if self.path is None:
            raise ValueError("an in-memory library has no file to back up")
        backup_file(self.path, dest)

    def close(self) -> None:
        self.engine.dispose()
        if self.path is not None and self._intact and self.path.exists():
            backups.stamp_intact(self.path)  # what Readlist itself wrote needs no re-check
