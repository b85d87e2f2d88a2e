"""Group libraries on a PostgreSQL server (issue 16.2): URLs, engine, new schema, backups.

A new library is `metadata.create_all` (store/models.py is the one schema) plus the search
objects of pg_search_ddl.py, stamped at Alembic's head, in one transaction. Migrations
0001-0010 are SQLite history: a PostgreSQL library starts at the head it was created at, and
every migration from then on runs on both engines (env.py hands Alembic either connection).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from readlist.core.errors import LibraryOpenError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.engine import URL

#: URL schemes that name a PostgreSQL server (psycopg 3 is the driver for all of them).
SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
DRIVER = "postgresql+psycopg"
#: Serialises creating a library: two first opens at once must not both create it.
_CREATE_LOCK = 0x5265_6164  # "Read"
#: Indexes SQLite spells with NOCASE, in PostgreSQL's words (models.py: ddl_if sqlite).
_PG_ONLY = ("CREATE UNIQUE INDEX ux_tags_reader_name_nocase ON tags (reader_id, lower(name))",)


def is_server(db: str | os.PathLike[str]) -> bool:
    """Whether `db` names a PostgreSQL library rather than an SQLite file."""
    return os.fspath(db).strip().lower().startswith(SCHEMES)


def server_url(db: str) -> URL:
    """The SQLAlchemy URL of a `postgresql://…` library, with the psycopg 3 driver."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(db.strip())
    except ArgumentError:
        raise LibraryOpenError("the library URL is not a valid postgresql:// URL") from None
    return url.set(drivername=DRIVER)


def shown(db: str | os.PathLike[str]) -> str:
    """`db` as it may be printed or logged: a URL's password becomes ***."""
    text = os.fspath(db)
    if not is_server(text):
        return text
    try:
        return server_url(text).set(drivername="postgresql").render_as_string(hide_password=True)
    except LibraryOpenError:
        return "postgresql://…"


def make_engine(url: URL) -> Engine:
    from sqlalchemy import create_engine

    # READ COMMITTED (the server's default); writers serialise on a lock (repository.py)
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def open_engine(db: str, head: str, known: tuple[str, ...]) -> Engine:
    """Connect, create a new library or migrate an older one, refuse a newer one.

    Raises:
        LibraryOpenError: unreachable server, not a Readlist database, or a newer schema.
    """
    from sqlalchemy.exc import DBAPIError

    name = shown(db)
    engine = make_engine(server_url(db))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_CREATE_LOCK})")
            rev, has_tables = revision(conn)
            if rev is not None and rev not in known:
                raise LibraryOpenError(
                    f"this library was written by a newer Readlist (schema {rev}); "
                    "upgrade Readlist to open it")
            if rev is None and has_tables:
                raise LibraryOpenError(f"{name} holds tables but is not a Readlist library; "
                                       "it was not changed")
            if rev is None:
                create_current(conn)
            elif rev != head:
                from readlist.store.db import alembic_on

                alembic_on(conn, "upgrade")
    except LibraryOpenError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise LibraryOpenError(f"cannot open library {name}: {_first_line(exc.orig)}") from None
    return engine


def _first_line(exc: BaseException | None) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def revision(conn: Connection) -> tuple[str | None, bool]:
    """(revision, has_tables) of the schema the connection's search_path points at."""
    from sqlalchemy import inspect

    names = set(inspect(conn).get_table_names())
    if "alembic_version" not in names:
        return None, bool(names)
    rev = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return (str(rev) if rev else None), True


def create_current(conn: Connection) -> None:
    """A new library's whole schema on `conn` (inside its transaction), stamped at head."""
    from readlist.store.db import alembic_on
    from readlist.store.models import metadata
    from readlist.store.pg_search_ddl import STATEMENTS

    metadata.create_all(conn)
    for stmt in (*_PG_ONLY, *STATEMENTS):
        conn.exec_driver_sql(stmt)
    alembic_on(conn, "stamp")


def libpq_url(url: URL) -> str:
    """A libpq connection URI for command-line tools (password left out: see `tool_env`)."""
    return url.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)


def tool_env(url: URL) -> dict[str, str]:
    """The environment for pg_dump: the password travels in PGPASSWORD, never in argv."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return env


def pg_dump_path() -> str | None:
    return shutil.which("pg_dump")


def dump(url: URL, dest: Path) -> None:
    """`pg_dump --format=custom` of the library into `dest` (restore with pg_restore)."""
    exe = pg_dump_path()
    if exe is None:
        raise FileNotFoundError("pg_dump")
    args = [exe, "--format=custom", "--no-owner", f"--file={dest}"]
    schema = _search_path(url)
    if schema:
        args.append(f"--schema={schema}")
    args.append(f"--dbname={libpq_url(url)}")
    done = subprocess.run(args, env=tool_env(url), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        dest.unlink(missing_ok=True)
        problem = done.stderr.strip().splitlines()
        raise OSError(f"pg_dump failed: {problem[-1] if problem else done.returncode}")


def _search_path(url: URL) -> str | None:
    """The schema an `options=-csearch_path=S` URL keeps its library in, if any."""
    options = url.query.get("options")
    text = options if isinstance(options, str) else " ".join(options or ())
    for part in text.split():
        if part.startswith("-csearch_path="):
            return part.split("=", 1)[1].split(",")[0]
    return None
