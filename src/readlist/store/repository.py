"""The store's front door: an engine, the reader, and read/write transactions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from readlist.store.db import backup_file, open_engine, resolve_path


class Store:
    """One library file opened for one reader; the database is used by one worker at a time."""

    def __init__(self, db: str | os.PathLike[str], reader: str) -> None:
        self.path: Path | None = resolve_path(db)
        self.engine: Engine = open_engine(db)
        with self.write() as conn:
            conn.execute(text("INSERT OR IGNORE INTO readers (name) VALUES (:n)"), {"n": reader})
            self.reader_id = int(conn.execute(text("SELECT id FROM readers WHERE name = :n"),
                                              {"n": reader}).scalar_one())
        self.reader_name = reader

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction holding SQLite's write lock from its first statement."""
        with self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    def backup(self, dest: Path) -> None:
        if self.path is None:
            raise ValueError("an in-memory library has no file to back up")
        backup_file(self.path, dest)

    def close(self) -> None:
        self.engine.dispose()
