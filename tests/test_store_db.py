"""Opening a library: pragmas, migrations with a backup first, newer schemas refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from readlist.core.errors import LibraryOpenError
from readlist.store import db as store_db
from readlist.store.models import metadata

EXPRESSION_INDEXES = {"ux_tags_reader_name_nocase"}


def test_new_library_is_wal_with_foreign_keys(db_path: Path) -> None:
    engine = store_db.open_engine(db_path)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == \
            store_db.HEAD_REVISION
    engine.dispose()


def test_head_revision_matches_alembic_scripts() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(store_db.__file__).parent / "migrations"))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == store_db.HEAD_REVISION
    assert {r.revision for r in script.walk_revisions()} == set(store_db.KNOWN_REVISIONS)


def test_orm_models_match_migrated_schema(db_path: Path) -> None:
    engine = store_db.open_engine(db_path)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn)
        diff = compare_metadata(ctx, metadata)
    engine.dispose()
    # FTS5's shadow tables are the schema's own, not the ORM's
    diff = [d for d in diff if not (d[0] == "remove_table"
                                    and d[1].name.startswith(("entry_fts", "paper_fts")))]
    # Alembic cannot compare expression indexes (name COLLATE NOCASE): it reflects the
    # column, so it reports one removed and one added; test_schema.py compares the SQL
    diff = [d for d in diff if not (d[0] in ("add_index", "remove_index")
                                    and d[1].name in EXPRESSION_INDEXES)]
    assert diff == []


def test_newer_schema_is_refused_and_untouched(db_path: Path) -> None:
    store_db.open_engine(db_path).dispose()
    with sqlite3.connect(db_path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()
    with pytest.raises(LibraryOpenError, match="newer Readlist"):
        store_db.open_engine(db_path)
    assert db_path.read_bytes() == before


def test_old_library_is_backed_up_then_migrated(db_path: Path) -> None:
    """A library written at revision 0001 is copied aside, then upgraded to head."""
    from alembic import command
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{db_path}")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(store_db.__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    with sqlite3.connect(db_path) as con:
        con.execute("INSERT INTO readers (name) VALUES ('before-upgrade')")
    engine = store_db.open_engine(db_path)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == \
            store_db.HEAD_REVISION
        assert conn.execute(text("SELECT name FROM readers")).scalars().all() == [
            "before-upgrade"]
    engine.dispose()
    backups = list((db_path.parent / store_db.BACKUP_DIR).glob(
        f"{db_path.stem}.*.before-migration-{store_db.HEAD_REVISION}.sqlite3"))
    assert len(backups) == 1
    from readlist.library import Library

    lib = Library(db_path)
    assert lib.list_backups() == backups  # the app lists it with the import backups
    lib.close()
    with sqlite3.connect(backups[0]) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert con.execute("SELECT name FROM readers").fetchall() == [("before-upgrade",)]


def test_foreign_sqlite_database_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as con:
        con.execute("CREATE TABLE photos (id INTEGER)")
    with pytest.raises(LibraryOpenError, match="not a Readlist library"):
        store_db.open_engine(db_path)
