"""Which known source a list is (importing/identity.py): the old list's share decides."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli_helpers import Cli, cli  # noqa: F401  (the fixture)
from tests.conftest import MD_2021, MD_2024

from readlist.importing.identity import identify

KNOWN = [("Awesome BERT & Transfer Learning in NLP", "Awesome BERT & Transfer Learning in NLP"),
         ("PLMs", "Must-Read Papers on Pre-trained Language Models (PLMs)")]
NEW_TITLE = "Awesome Transformer & Transfer Learning in NLP"


def test_a_grown_renamed_copy_is_the_old_list() -> None:
    # 135 of the old list's 135 entries, in a list of 292: the larger list's share is < half
    name, why = identify(NEW_TITLE, KNOWN, None, {KNOWN[0][0]: (135, 135)}, 0.5)
    assert name == KNOWN[0][0] and why == "holds 100% of its 135 entries"


def test_a_list_citing_some_of_a_known_lists_papers_is_another_list() -> None:
    name, why = identify(NEW_TITLE, KNOWN, None, {"PLMs": (40, 127)}, 0.5)
    assert (name, why) == (NEW_TITLE, "")


def test_an_unlike_title_needs_nearly_all_of_the_old_list() -> None:
    other = "Awesome Production Machine Learning"
    assert identify(other, KNOWN, None, {KNOWN[0][0]: (80, 135)}, 0.5) == (other, "")
    assert identify(other, KNOWN, None, {KNOWN[0][0]: (130, 135)}, 0.5)[0] == KNOWN[0][0]


def test_title_then_origin_come_first() -> None:
    assert identify(KNOWN[1][1], KNOWN, None, {}, 0.5) == ("PLMs", "same title")
    earlier = [("PLMs", "PLM papers")]
    assert identify("PLM papers", KNOWN, None, {}, 0.5, earlier)[0] == "PLMs"
    assert identify("Anything", KNOWN, "PLMs", {}, 0.5) == ("PLMs", "same file or address")


def test_an_old_copy_of_a_renamed_list_is_still_that_list(cli: Cli, real_list_dir: Path,
                                                          tmp_path: Path) -> None:
    """2021 then 2024 (the list renamed itself), then the 2021 copy again, under a new name."""
    first, later = tmp_path / "a.md", tmp_path / "b.md"
    shutil.copy(real_list_dir / MD_2021, first)
    shutil.copy(real_list_dir / MD_2024, later)
    cli.ok("import", str(first))
    cli.ok("import", str(later))
    again = tmp_path / "old-copy.md"
    again.write_text((real_list_dir / MD_2021).read_text(encoding="utf-8") + "\n")
    report = cli.json("import", str(again), "--force")
    assert report["source"] == NEW_TITLE and report["added"] == 0


def test_a_0006_library_gains_its_sources_titles(tmp_path: Path) -> None:
    import sqlite3

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from readlist.library import Library
    from readlist.store import db as store_db

    db = tmp_path / "lib.sqlite3"
    engine = create_engine(f"sqlite:///{db}")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(store_db.__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
    engine.dispose()
    with sqlite3.connect(db) as con:
        con.execute("INSERT INTO sources (name, title, origin, format) VALUES "
                    "('Old name', 'Awesome BERT', 'x.md', 'markdown')")
    Library(db).close()
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT title FROM source_titles").fetchall() == [("Awesome BERT",)]
