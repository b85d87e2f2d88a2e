"""Issue 12: no import can lose, hide or scramble the reading layer; an unchanged re-import
keeps "What's new"; readers never wait for a writer."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401  (the fixture)
from tests.conftest import MD_2021, MD_2024, RENDERED

from readlist.library import Library

PLM_LIST = "thunlp+PLMpapers.0416bc3.md"


def _lists(real_list_dir: Path) -> Path:
    folder = real_list_dir.parent / "lists"
    if not (folder / PLM_LIST).is_file():
        pytest.skip("../shared/data/lists is not beside this checkout")
    return folder


def _layer(cli: Cli) -> list[tuple[object, ...]]:
    return sorted((e["id"], e["title"], e["authors"], e["year"], e["url"], e["description"],
                   e["retired"]) for e in cli.json("ls", "--all"))


def test_shared_entries_keep_their_richest_metadata(cli: Cli, real_list_dir: Path) -> None:
    plm = _lists(real_list_dir) / PLM_LIST
    awesome = real_list_dir / MD_2024
    cli.ok("import", str(awesome))
    bert = cli.id_of("BERT: Pre-training of Deep Bidirectional")
    before = cli.json("show", str(bert))
    assert "Jacob Devlin" in before["authors"] and before["year"] == 2018
    cli.ok("import", str(plm))
    rounds = []
    for source in (awesome, plm, awesome, plm):
        cli.ok("import", str(source), "--force")  # --force: parse again, not the same-bytes path
        rounds.append(_layer(cli))
        shown = cli.json("show", str(bert))
        assert (shown["authors"], shown["year"]) == (before["authors"], 2018)
    assert all(r == rounds[0] for r in rounds)
    assert cli.json("show", str(cli.id_of("ALBERT: A Lite BERT")))["year"] == 2019


def test_a_newer_copy_under_another_name_is_the_same_list(cli: Cli, real_list_dir: Path,
                                                          tmp_path: Path) -> None:
    old, new = tmp_path / "awesome-old.md", tmp_path / "awesome-new.md"
    shutil.copy(real_list_dir / MD_2021, old)
    shutil.copy(real_list_dir / MD_2024, new)
    first = cli.json("import", str(old))
    out = cli.ok("import", str(new))
    assert "taken as a newer copy of 'Awesome BERT & Transfer Learning in NLP'" in out
    assert "--name" in out
    lib = Library(cli.db)
    assert [s.name for s in lib.sources()] == ["Awesome Transformer & Transfer Learning in NLP"]
    lib.close()
    new_ids = cli.json("ls", "is:new")
    assert 140 <= len(new_ids) <= 170 < first["entries"] + 100
    # a list that cites a few of its papers is another list
    plm = _lists(real_list_dir) / PLM_LIST
    assert cli.json("import", str(plm))["source"].startswith("Must-Read Papers")


def test_the_app_can_ask_before_taking_a_list_for_a_known_one(real_list_dir: Path,
                                                              tmp_path: Path) -> None:
    from readlist.core.errors import UncertainSourceError

    old, new = tmp_path / "awesome-old.md", tmp_path / "awesome-new.md"
    shutil.copy(real_list_dir / MD_2021, old)
    shutil.copy(real_list_dir / MD_2024, new)
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.import_source(str(old))
        with pytest.raises(UncertainSourceError) as asked:
            lib.import_source(str(new), ask_if_unsure=True)
        assert asked.value.source == "Awesome BERT & Transfer Learning in NLP"
        assert "135 entries" in asked.value.why
        assert len(lib.runs()) == 1 and lib.count("") == 135  # nothing was written
        lib.import_source(str(old), ask_if_unsure=True)  # a sure match is not asked about


def test_an_import_never_retires_annotated_entries_without_asking(
        cli: Cli, real_list_dir: Path, tmp_path: Path) -> None:
    full = (real_list_dir / MD_2024).read_text(encoding="utf-8")
    cli.ok("import", str(real_list_dir / MD_2024))
    entries = cli.json("ls")
    late = entries[int(len(entries) * 0.85)]["id"]
    cli.ok("mark", "read", str(late))
    cut = tmp_path / "README.md"  # a download cut to 80 %: the guard at half never fired
    cut.write_text(full[: int(len(full) * 0.8)], encoding="utf-8")
    layer = _layer(cli)
    line = cli.fails("import", str(cut), "--name", "Awesome Transformer & Transfer Learning "
                     "in NLP")
    assert "would retire 1 annotated entry" in line and "--force" in line and str(late) in line
    assert _layer(cli) == layer and len(cli.json("imports")) == 1
    report = cli.json("import", str(cut), "--force", "--name",
                      "Awesome Transformer & Transfer Learning in NLP")
    assert report["retired"] > 0
    assert cli.json("show", str(late))["status"] == "read"


def test_a_copied_page_only_adds_and_enriches(cli: Cli, real_list_dir: Path) -> None:
    cli.ok("import", str(real_list_dir / MD_2024))
    before = {e["id"]: e for e in cli.json("ls")}
    report = cli.json("import", str(real_list_dir / RENDERED))
    assert (report["retired"], report["moved"]) == (0, 0)
    after = {e["id"]: e for e in cli.json("ls")}
    assert all(after[i]["sections"] == e["sections"] and after[i]["url"] == e["url"]
               for i, e in before.items())
    known = [e["title"].lower() for e in before.values()]
    added = [e["title"].lower() for i, e in after.items() if i not in before]
    assert len(added) == report["added"] < 3  # today's copied page: FastBert, cited twice
    assert not any(a.startswith(k) for a in added for k in known)  # no run-on duplicates
    fmt = Library(cli.db)
    assert [s.name for s in fmt.sources()] == ["Awesome Transformer & Transfer Learning in NLP"]
    fmt.close()


def test_unchanged_reimport_keeps_whats_new_and_the_report(cli: Cli,
                                                           fixtures_dir: Path) -> None:
    v1, v2 = fixtures_dir / "cli_list_v1.md", fixtures_dir / "cli_list_v2.md"
    cli.ok("import", str(v1))
    cli.ok("import", str(v2), "--force")
    new = [e["id"] for e in cli.json("ls", "is:new")]
    report = cli.json("changes")
    assert new and report["added"] == 1
    again = cli.json("import", str(v2))
    assert again["unchanged"] == again["entries"] == 7 and again["added"] == 0
    assert [e["id"] for e in cli.json("ls", "is:new")] == new
    assert cli.json("changes") == report
    runs = cli.json("imports")
    assert [r["same_content"] for r in runs] == [True, False, False]
    assert [r["run"] for r in runs] == sorted((r["run"] for r in runs), reverse=True)
    assert "same content, nothing parsed" in cli.ok("imports").splitlines()[0]


def test_changes_shows_old_and_new_values(cli: Cli, fixtures_dir: Path) -> None:
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    cli.ok("import", str(fixtures_dir / "cli_list_v2.md"), "--force")
    text = cli.ok("changes")
    assert ("url: https://arxiv.org/abs/1810.04805 → https://arxiv.org/pdf/1810.04805v2"
            in text)
    bert = next(c for c in cli.json("changes")["changes"] if c["fields"] == ["url"])
    assert bert["values"]["url"] == {"old": "https://arxiv.org/abs/1810.04805",
                                     "new": "https://arxiv.org/pdf/1810.04805v2"}


def test_readers_need_no_write_lock(cli: Cli, fixtures_dir: Path) -> None:
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    writer = sqlite3.connect(cli.db, timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")  # a long import holds the write lock
        writer.execute("UPDATE entries SET title = title || ' (draft)'")
        started = time.perf_counter()
        titles = [e["title"] for e in cli.json("ls")]
        assert time.perf_counter() - started < 5  # far below the 10 s busy timeout
        assert len(titles) == 7 and not any("(draft)" in t for t in titles)
        assert "BERT" in cli.ok("show", str(cli.id_of("BERT")))
    finally:
        writer.rollback()
        writer.close()


def test_a_writer_waits_then_says_the_library_is_busy(cli: Cli, fixtures_dir: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from readlist.store import db as store_db

    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 50)
    writer = sqlite3.connect(cli.db, timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")
        line = cli.fails("mark", "read", "1")
        assert "library is busy" in line and "nothing was changed" in line
    finally:
        writer.rollback()
        writer.close()
    cli.ok("mark", "read", "1")  # the lock gone, the same command goes through
    assert cli.json("show", "1")["status"] == "read"
