"""The store's front door: the reader, read/write transactions, and light reads.

A library already at the current schema opens with plain sqlite3 (`read_lite`); the
SQLAlchemy engine is made on first use of `engine`, `read` or `write`, so commands that only
read (`readlist ls`, `show`, `next`) never import SQLAlchemy (issue 14.12).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from readlist.core.errors import LibraryBusyError
from readlist.store import backups, pg
from readlist.store.db import (
    backup_file,
    damaged,
    make_engine,
    open_current,
    open_engine,
    resolve_path,
)
from readlist.store.lite import LiteConnection, Reads

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

#: Tries at the write lock, each waiting SQLite's busy timeout (db.BUSY_TIMEOUT_MS).
WRITE_ATTEMPTS = 3
#: PostgreSQL: serialisation failure and deadlock, after which a transaction may be re-run.
RETRY_SQLSTATES = frozenset({"40001", "40P01"})
#: Re-runs of a PostgreSQL transaction, waiting RETRY_BACKOFF_S * 2**attempt between them.
PG_WRITE_ATTEMPTS = 8
RETRY_BACKOFF_S = 0.01
#: PostgreSQL writers take this transaction-level advisory lock first, as SQLite's writers
#: take the file's write lock (BEGIN IMMEDIATE): writers queue instead of deadlocking.
PG_WRITE_LOCK = 0x5265_6164_0001
_T = TypeVar("_T")
#: SQLite's words for a file whose pages are not what they should be.
_DAMAGE = ("malformed", "not a database", "corrupt")


class Store:
    """One library file opened for one reader; the database is used by one worker at a time."""

    def __init__(self, db: str | os.PathLike[str], reader: str) -> None:
        self.path: Path | None = resolve_path(db)
        #: A group library on a PostgreSQL server (no file; `read_lite` is SQLAlchemy's).
        self.server = pg.is_server(db)
        #: Where the library is, fit to print: a URL's password hidden.
        self.shown = pg.shown(db)
        self._engine: Engine | None = None
        self._local = threading.local()
        self._raw: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._intact = True
        first = open_current(self.path) if self.path is not None else None
        if first is None:
            self._engine = open_engine(db)  # migrates it (or refuses it), or in memory
        else:
            self._adopt(first)
        self.reader_id = self._reader_id(reader)
        self.reader_name = reader

    @property
    def engine(self) -> Engine:
        """SQLAlchemy's engine, made on first use (the file was checked when it opened)."""
        if self._engine is None:
            self._engine = make_engine(self.path)
        return self._engine

    def _adopt(self, raw: sqlite3.Connection) -> sqlite3.Connection:
        with self._lock:
            self._raw.append(raw)
        self._local.raw = raw
        return raw

    def _thread_raw(self) -> sqlite3.Connection:
        """This thread's own sqlite3 connection (a connection's transaction is per thread)."""
        raw: sqlite3.Connection | None = getattr(self._local, "raw", None)
        if raw is None:
            assert self.path is not None
            opened = open_current(self.path, check=False)
            if opened is None:  # replaced underneath us: let the engine re-check it
                raise sqlite3.OperationalError(f"{self.path} is no longer at this schema")
            raw = self._adopt(opened)
        return raw

    def _reader_id(self, name: str) -> int:
        if self.server:
            return self.transact(lambda conn: _server_reader_id(conn, name))
        find = "SELECT id FROM readers WHERE name = ?"
        with self.read_lite() as conn:  # readers need no write lock: only a new reader writes
            found = conn.exec_driver_sql(find, (name,)).scalar()
        if found is None and self.path is None:
            with self.write() as conn:
                conn.exec_driver_sql("INSERT OR IGNORE INTO readers (name) VALUES (?)", (name,))
                found = conn.exec_driver_sql(find, (name,)).scalar_one()
        elif found is None:  # on the plain connection: a first `ls` loads no SQLAlchemy
            raw = self._thread_raw()
            with self._damage_named():
                try:
                    raw.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                    raise LibraryBusyError(
                        "the library is busy: another Readlist is writing to it (a long "
                        "import?); nothing was changed, try again when it is done") from None
                try:
                    raw.execute("INSERT OR IGNORE INTO readers (name) VALUES (?)", (name,))
                    found = raw.execute(find, (name,)).fetchone()[0]
                    raw.execute("COMMIT")
                except BaseException:
                    raw.execute("ROLLBACK")
                    raise
        return int(found)

    @contextmanager
    def read_lite(self) -> Iterator[Reads]:
        """A read transaction on this thread's plain sqlite3 connection (no SQLAlchemy), for
        the read-path modules (search, views, history); in memory or on PostgreSQL, a
        SQLAlchemy `Connection` (psycopg's paramstyle is %s: callers adapt their SQL)."""
        if self.path is None:
            with self.read() as conn:
                yield conn
            return
        with self._damage_named():
            raw = self._thread_raw()
            raw.execute("BEGIN")
            try:
                yield LiteConnection(raw)
            finally:
                if raw.in_transaction:
                    raw.execute("COMMIT")

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
        if self.server:
            with self._server_write() as conn:
                yield conn
            return
        from sqlalchemy.exc import OperationalError

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
    def _server_write(self) -> Iterator[Connection]:
        """A PostgreSQL write transaction, queued behind other writers (PG_WRITE_LOCK)."""
        with self.engine.connect() as conn, conn.begin():
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
            yield conn

    def transact(self, work: Callable[[Connection], _T]) -> _T:
        """Run `work` in one write transaction; on PostgreSQL re-run it, with backoff, after
        a serialisation failure or a deadlock (SQLSTATE 40001 / 40P01), so concurrent
        writers see no error. SQLite waits out its busy timeout instead (`write`)."""
        from sqlalchemy.exc import DBAPIError

        for attempt in range(PG_WRITE_ATTEMPTS if self.server else 1):
            try:
                with self.write() as conn:
                    return work(conn)
            except DBAPIError as exc:
                state = getattr(exc.orig, "sqlstate", None)
                if state not in RETRY_SQLSTATES or attempt == PG_WRITE_ATTEMPTS - 1:
                    raise
                time.sleep(RETRY_BACKOFF_S * 2 ** attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    @contextmanager
    def _damage_named(self) -> Iterator[None]:
        """A page found damaged mid-command becomes the one-line damaged-library error."""
        try:
            yield
        except Exception as exc:  # SQLAlchemy's DatabaseError wraps sqlite3's as `.orig`
            orig = getattr(exc, "orig", exc)
            if not isinstance(orig, sqlite3.DatabaseError) or self.path is None or not any(
                    word in str(orig).lower() for word in _DAMAGE):
                raise
            self._intact = False
            raise damaged(self.path, str(orig)) from None

    def backup(self, dest: Path) -> None:
        """A copy of the library file; on PostgreSQL `pg_dump` (FileNotFoundError without it)."""
        if self.server:
            assert self._engine is not None
            pg.dump(self._engine.url, dest)
            return
        if self.path is None:
            raise ValueError("an in-memory library has no file to back up")
        backup_file(self.path, dest)

    def close(self) -> None:
        with self._lock:
            raws, self._raw = self._raw, []
        for raw in raws:
            raw.close()
        self._local = threading.local()
        if self._engine is not None:
            self._engine.dispose()
        if self.path is not None and self._intact and self.path.exists():
            backups.stamp_intact(self.path)  # what Readlist itself wrote needs no re-check


def _server_reader_id(conn: Connection, name: str) -> int:
    """The reader's id, adding the reader the first time (two first opens at once: one wins,
    the other finds it)."""
    from sqlalchemy import select
    from sqlalchemy.dialects.postgresql import insert

    from readlist.store.models import readers

    conn.execute(insert(readers).values(name=name).on_conflict_do_nothing())
    return int(conn.execute(select(readers.c.id).where(readers.c.name == name)).scalar_one())
