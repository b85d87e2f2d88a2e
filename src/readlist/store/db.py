"""Open a library file: validate it, set SQLite pragmas, migrate (after a backup), refuse newer."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readlist.core.errors import LibraryDamagedError, LibraryOpenError
from readlist.store import backups, pg

if TYPE_CHECKING:  # SQLAlchemy is imported only where an engine is made (start-up: 14.12)
    from sqlalchemy import Connection, Engine

#: The newest migration this code knows; tests check it equals Alembic's head.
HEAD_REVISION = "0011"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009",
                   "0010", "0011")
_SQLITE_MAGIC = backups.SQLITE_MAGIC
#: How long a statement waits for another writer's lock before SQLite gives up.
BUSY_TIMEOUT_MS = 10_000
#: Automatic backups (before migrations here, before imports in the library) live in this
#: folder beside the library file.
BACKUP_DIR = backups.BACKUP_DIR


def resolve_path(db: str | os.PathLike[str]) -> Path | None:
    """The file behind `db` (a path or a sqlite URL); None for an in-memory database or a
    PostgreSQL library (`pg.is_server`)."""
    text_db = os.fspath(db)
    if not text_db.strip():
        raise LibraryOpenError("the library path is empty; give a library file (--db PATH)")
    if pg.is_server(text_db):
        return None
    if "://" in text_db:
        from sqlalchemy.engine import make_url

        url = make_url(text_db)
        if not url.drivername.startswith("sqlite"):
            raise LibraryOpenError(f"a library is an SQLite file or a postgresql:// URL, "
                                   f"not {url.drivername}")
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
        if not head:
            raise damaged(path, "it is empty (0 bytes)")
        if head != _SQLITE_MAGIC:
            raise LibraryOpenError(f"{path} is not a Readlist library (not an SQLite database)")
        if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK):
            raise LibraryOpenError(f"cannot write to {path}: the file or its folder is read-only")
        _probe(path)
        return
    if not folder.exists():
        raise LibraryOpenError(f"cannot create library {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise LibraryOpenError(f"cannot create library {path}: folder {folder} is read-only")


def _probe(path: Path) -> None:
    """Refuse, without changing a byte, another program's SQLite file, a newer schema or a
    damaged library (`PRAGMA quick_check`, skipped while the file is as last found intact)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            rev = (conn.execute("SELECT version_num FROM alembic_version").fetchone()
                   if "alembic_version" in names else None)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise damaged(path, str(exc)) from None
    if names and rev is None:
        raise LibraryOpenError(f"{path} is an SQLite database but not a Readlist library; "
                               "it was not changed")
    if rev is not None and rev[0] not in KNOWN_REVISIONS:
        raise LibraryOpenError(
            f"this library was written by a newer Readlist (schema {rev[0]}); "
            "upgrade Readlist to open it")
    if backups.is_stamped(path):
        return
    verdict = backups.quick_check(path)
    if verdict != "ok":
        raise damaged(path, verdict)
    backups.stamp_intact(path)


def damaged(path: Path, problem: str) -> LibraryDamagedError:
    """The error for a damaged library, naming its newest intact backup and how to restore it."""
    good = backups.newest_intact(path)
    if good is None:
        hint = "no intact backup was found beside it"
    else:
        hint = (f"the newest intact backup is {good}; restore it with "
                f"`readlist --db {path} restore {good}`")
    return LibraryDamagedError(f"the library {path} is damaged ({problem}); {hint}",
                               str(path), str(good) if good else None)


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN, so writers can ask for BEGIN IMMEDIATE
    # (take the write lock up front instead of failing to upgrade a read lock later).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA temp_store = MEMORY")
    cur.execute("PRAGMA cache_size = -32000")
    cur.close()


def open_current(path: Path, *, check: bool = True) -> sqlite3.Connection | None:
    """A plain sqlite3 connection to a library at HEAD_REVISION, checked like `open_engine`
    checks it, with the same pragmas. A file that does not exist yet (or is empty) becomes a
    new library at the current schema (store/schema.py). None when it needs migrating:
    then `open_engine` must migrate it, or refuse it.

    Args:
        check: read the file's header first. Pass False once this process has the library
            open: closing any other handle on the file drops the process's POSIX locks,
            and with them SQLite's (a reader would lose its WAL snapshot).

    Raises:
        LibraryOpenError: as `open_engine`.
    """
    if check:
        _check_file(path)
    con = sqlite3.connect(str(path), timeout=10, check_same_thread=False)
    try:
        _on_connect(con, None)
        rev, has_tables = _revision(con)
        if rev is None and not has_tables:
            con.execute("BEGIN IMMEDIATE")  # another process may be creating it too
            try:
                rev, has_tables = _revision(con)
                if rev is None and not has_tables:
                    from readlist.store.schema import create_current

                    rev = create_current(con.execute)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
    except sqlite3.DatabaseError as exc:
        con.close()
        raise LibraryOpenError(f"cannot open library {path}: {exc}") from exc
    except BaseException:
        con.close()
        raise
    if rev != HEAD_REVISION:
        con.close()
        return None
    return con


def _revision(con: sqlite3.Connection) -> tuple[str | None, bool]:
    """(revision, has_tables) of a plain sqlite3 connection's database."""
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in names:
        return None, bool(names)
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    return (str(row[0]) if row else None), True


def _on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def open_engine(db: str | os.PathLike[str]) -> Engine:
    """Open (creating if needed) and migrate a library.

    Raises:
        LibraryOpenError: unusable path, not SQLite, not Readlist, or a newer schema.
    """
    if pg.is_server(db):
        return pg.open_engine(os.fspath(db), HEAD_REVISION, KNOWN_REVISIONS)
    path = resolve_path(db)
    if path is not None:
        _check_file(path)
    engine = make_engine(path)
    try:
        migrate(engine, path)
    except LibraryOpenError:
        engine.dispose()
        raise
    except Exception as exc:  # sqlite3 errors here mean an unusable file
        engine.dispose()
        raise LibraryOpenError(f"cannot open library {path or ':memory:'}: {exc}") from exc
    return engine


def make_engine(path: Path | None) -> Engine:
    """An engine with Readlist's pragmas and transactions, without checks or migrations (for
    a library this process already opened and checked; otherwise use `open_engine`)."""
    from sqlalchemy import create_engine, event

    url = f"sqlite:///{path}" if path is not None else "sqlite://"
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def current_revision(engine: Engine) -> tuple[str | None, bool]:
    """(revision, has_other_tables) of the database behind `engine`."""
    from sqlalchemy import text

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
        backup = backups.backup_path(path, f"before migration {HEAD_REVISION}")
        backups.copy_verified(path, backup)
    if rev is None:
        _create_current(engine)
    else:
        run_alembic(engine)
    return backup


def _create_current(engine: Engine) -> None:
    """A new library: the current schema in one transaction, stamped (no Alembic;
    store/schema.py)."""
    from readlist.store.schema import create_current

    with engine.begin() as conn:
        create_current(conn.exec_driver_sql)


def run_alembic(engine: Engine) -> None:
    """Upgrade to head with Alembic (libraries written by an older Readlist)."""
    with engine.begin() as conn:
        alembic_on(conn, "upgrade")


def alembic_on(conn: Connection, action: str) -> None:
    """`alembic upgrade head` or `alembic stamp head` on an open connection (either engine;
    migrations/env.py runs inside the caller's transaction)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["connection"] = conn
    if action == "stamp":
        command.stamp(cfg, "head")
    else:
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
