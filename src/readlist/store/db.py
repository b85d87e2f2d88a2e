"""Open a library file: validate it, set SQLite pragmas, migrate (after a backup), refuse newer."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from readlist.core.errors import LibraryOpenError

#: The newest migration this code knows; tests check it equals Alembic's head.
HEAD_REVISION = "0006"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0006")
_SQLITE_MAGIC = b"SQLite format 3\x00"
#: Automatic backups (before migrations here, before imports in the library) live in this
#: folder beside the library file; the newest few are kept.
BACKUP_DIR = "backups"


def resolve_path(db: str | os.PathLike[str]) -> Path | None:
    """The file behind `db` (a path or a sqlite URL); None for an in-memory database."""
    text_db = os.fspath(db)
    if "://" in text_db:
        url = make_url(text_db)
        if not url.drivername.startswith("sqlite"):
            raise LibraryOpenError(f"only SQLite libraries are supported, not {url.drivername}")
        if not url.database or url.database == ":memory:":
            return None
        return Path(url.database)
    return Path(text_db)


def _check_file(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists():
        if path.is_dir():
            raise LibraryOpenError(f"{path} is a folder, not a library file")
        if not os.access(path, os.R_OK):
            raise LibraryOpenError(f"cannot read {path}: permission denied")
        with path.open("rb") as fh:
            head = fh.read(16)
        if head and head != _SQLITE_MAGIC:
            raise LibraryOpenError(f"{path} is not a Readlist library (not an SQLite database)")
        if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
            raise LibraryOpenError(f"cannot write to {path}: the file or its folder is read-only")
        return
    if not folder.exists():
        raise LibraryOpenError(f"cannot create library {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise LibraryOpenError(f"cannot create library {path}: folder {folder} is read-only")


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN, so writers can ask for BEGIN IMMEDIATE
    # (take the write lock up front instead of failing to upgrade a read lock later).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout = 10000")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.execute("PRAGMA cache_size = -32000")
    cur.close()


def _on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def open_engine(db: str | os.PathLike[str]) -> Engine:
    """Open (creating if needed) and migrate a library.

    Raises:
        LibraryOpenError: unusable path, not SQLite, not Readlist, or a newer schema.
    """
    path = resolve_path(db)
    if path is not None:
        _check_file(path)
        url = f"sqlite:///{path}"
    else:
        url = "sqlite://"
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    try:
        migrate(engine, path)
    except LibraryOpenError:
        engine.dispose()
        raise
    except Exception as exc:  # sqlite3 errors here mean an unusable file
        engine.dispose()
        raise LibraryOpenError(f"cannot open library {path or ':memory:'}: {exc}") from exc
    return engine


def current_revision(engine: Engine) -> tuple[str | None, bool]:
    """(revision, has_other_tables) of the database behind `engine`."""
    with engine.connect() as conn:
        names = {
            r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        }
        if "alembic_version" not in names:
            return None, bool(names)
        rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return (str(rev) if rev else None), True


def migrate(engine: Engine, path: Path | None) -> Path | None:
    """Bring the schema to HEAD; back the file up first when it already holds a library.

    Returns:
        The backup's path, when one was taken.
    """
    rev, has_tables = current_revision(engine)
    if rev == HEAD_REVISION:
        return None
    if rev is not None and rev not in KNOWN_REVISIONS:
        raise LibraryOpenError(
            f"this library was written by a newer Readlist (schema {rev}); "
            "upgrade Readlist to open it"
        )
    if rev is None and has_tables:
        raise LibraryOpenError(f"{path} is an SQLite database but not a Readlist library")
    backup = None
    if rev is not None and path is not None:
        folder = path.parent / BACKUP_DIR
        folder.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        backup = folder / f"{path.stem}.{stamp}.before-migration-{HEAD_REVISION}.sqlite3"
        backup_file(path, backup)
    _run_alembic(engine)
    return backup


def _run_alembic(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def backup_file(src: Path, dest: Path) -> None:
    """Copy a live library with SQLite's online backup API (safe while others use it)."""
    source = sqlite3.connect(str(src), timeout=10)
    try:
        target = sqlite3.connect(str(dest))
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
