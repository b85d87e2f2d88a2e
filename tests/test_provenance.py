"""Issue 12.1: what each list says about an entry is kept (its claim); the entry shows the
richest value of the lists that list it now, and a list that stops listing it takes its say."""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from tests.cli_helpers import Cli, cli  # noqa: F401  (the fixture)
from tests.conftest import MD_2024
from tests.ui_helpers import open_window

from readlist.importing.provenance import Claim, shown_values
from readlist.library import Library

PLM_LIST = "thunlp+PLMpapers.0416bc3.md"
LIST_A = "Awesome Alpha"
LIST_B = "Paper Beta"
KEEP = ("- [Keeper One](https://example.org/one) - always listed.\n"
        "- [Keeper Two](https://example.org/two) - always listed.\n")
KEEP_B = ("- [Beta One](https://example.net/one) - always listed.\n"
          "- [Beta Two](https://example.net/two) - always listed.\n")


def _write(path: Path, title: str, body: str) -> Path:
    path.write_text(f"# {title}\n\n## Papers\n\n{body}", encoding="utf-8")
    return path


def _layer(cli: Cli) -> list[tuple[object, ...]]:
    return sorted((e["id"], e["title"], e["url"], e["authors"], e["year"], e["kind"],
                   e["description"], e["retired"]) for e in cli.json("ls", "--all"))


def _paper(cli: Cli, title: str = "Sparse Mixtures") -> dict[str, object]:
    shown: dict[str, object] = cli.json("show", str(cli.id_of(title)))
    return shown


def test_lists_in_turn_settle_on_one_value(cli: Cli, tmp_path: Path) -> None:
    a = _write(tmp_path / "a.md", LIST_A, KEEP + "- [Sparse Mixtures of Experts]"
               "(https://arxiv.org/abs/2101.00001) by Ann Lee et al., 2021. - Routing.\n")
    b = _write(tmp_path / "b.md", LIST_B, "1. **Sparse Mixtures of Experts**. *Ann Lee, Bo "
               "Chen and Cy Diaz*. ICLR 2022. [[pdf](https://arxiv.org/pdf/2101.00001.pdf)]\n")
    cli.ok("import", str(a))
    cli.ok("import", str(b))
    rounds = []
    for source in (a, b, a, b):
        cli.ok("import", str(source), "--force")  # --force: parse again
        rounds.append(_layer(cli))
    assert all(r == rounds[0] for r in rounds)
    shown = _paper(cli)
    # the longest authors (B's), the first list's year and URL, A's description: no list's
    # lack empties a field
    assert shown["authors"] == "Ann Lee, Bo Chen, Cy Diaz"
    assert (shown["year"], shown["url"]) == (2021, "https://arxiv.org/abs/2101.00001")
    assert shown["description"] == "Routing." and shown["venue"] == "ICLR"
    assert shown["cited_by"] == [LIST_A, LIST_B]
    years = shown["provenance"]["year"]  # type: ignore[index]
    assert years == [{"source": LIST_A, "value": 2021}, {"source": LIST_B, "value": 2022}]
    out = cli.ok("show", str(cli.id_of("Sparse Mixtures")))
    assert f"cited by     {LIST_A}; {LIST_B}" in out


def test_a_shorter_correction_shows_once_the_longer_list_drops_the_entry(
        cli: Cli, tmp_path: Path) -> None:
    a = _write(tmp_path / "a.md", LIST_A, KEEP + "- [Sparse Mixtures](https://example.org/smx)"
               " by Ann Lee, Bo Chen, Cy Diaz and Dee Evans - An old, wrong summary.\n")
    b = _write(tmp_path / "b.md", LIST_B, "- [Sparse Mixtures](https://example.org/smx) by Ann "
               "Lee and Bo Chen - Right.\n")
    cli.ok("import", str(a))
    cli.ok("import", str(b))
    assert _paper(cli)["description"] == "An old, wrong summary."
    _write(a, LIST_A, KEEP)
    report = cli.json("import", str(a))
    assert (report["changed"], report["retired"]) == (1, 0)
    shown = _paper(cli)
    assert (shown["description"], shown["authors"]) == ("Right.", "Ann Lee, Bo Chen")
    assert shown["cited_by"] == [LIST_B] and not shown["retired"]
    change = cli.json("changes")
    assert "description" in str(change) and "Right." in str(change)


def test_a_value_only_one_list_said_goes_with_it(cli: Cli, tmp_path: Path) -> None:
    a = _write(tmp_path / "a.md", LIST_A, KEEP + "- [Sparse Mixtures](https://example.org/smx)"
               " - Routing tokens.\n")
    b = _write(tmp_path / "b.md", LIST_B, KEEP_B
               + "- [Sparse Mixtures](https://example.org/smx) by Ann Lee, Bo Chen - Routing "
               "tokens to experts, sparsely.\n")
    cli.ok("import", str(a))
    cli.ok("import", str(b))
    both = _paper(cli)
    assert both["description"] == "Routing tokens to experts, sparsely."
    assert both["authors"] == "Ann Lee, Bo Chen"
    _write(b, LIST_B, KEEP_B)
    cli.ok("import", str(b))
    shown = _paper(cli)
    assert shown["description"] == "Routing tokens."  # A has its own: B's is gone
    assert shown["authors"] == "Ann Lee, Bo Chen"  # A says nothing: never emptied
    assert shown["cited_by"] == [LIST_A]
    # and when the last list drops it, it is retired with what it showed
    _write(a, LIST_A, KEEP)
    cli.ok("import", str(a))
    retired = _paper(cli)
    assert retired["retired"] and retired["cited_by"] == []
    assert (retired["description"], retired["authors"]) == (shown["description"],
                                                          shown["authors"])


def test_a_list_that_withdraws_its_own_value_empties_it(cli: Cli, tmp_path: Path) -> None:
    a = _write(tmp_path / "a.md", LIST_A, KEEP + "- [Sparse Mixtures](https://example.org/smx)"
               " by Ann Lee - Routing.\n")
    cli.ok("import", str(a))
    _write(a, LIST_A, KEEP + "- [Sparse Mixtures](https://example.org/smx) - Routing.\n")
    cli.ok("import", str(a))
    assert _paper(cli)["authors"] == ""


def test_real_lists_keep_their_metadata_and_say_who_cites(cli: Cli, real_list_dir: Path) -> None:
    plm = real_list_dir.parent / "lists" / PLM_LIST
    if not plm.is_file():
        pytest.skip("../shared/data/lists is not beside this checkout")
    awesome = real_list_dir / MD_2024
    cli.ok("import", str(awesome))
    bert, albert = cli.id_of("BERT: Pre-training of Deep"), cli.id_of("ALBERT: A Lite BERT")
    before = {i: cli.json("show", str(i)) for i in (bert, albert)}
    cli.ok("import", str(plm))
    rounds = []
    for source in (awesome, plm, awesome, plm):
        cli.ok("import", str(source), "--force")
        rounds.append(_layer(cli))
        for i, was in before.items():
            now = cli.json("show", str(i))
            assert (now["authors"] or was["authors"], now["year"], now["url"]) == (
                was["authors"] or now["authors"], was["year"], was["url"])
            assert "Jacob Devlin" in now["authors"] or i != bert
            assert len(now["cited_by"]) == 2
    assert all(r == rounds[0] for r in rounds)
    assert cli.json("show", str(albert))["year"] == 2019


def test_a_migrated_library_keeps_what_it_showed(cli: Cli, real_list_dir: Path) -> None:
    plm = real_list_dir.parent / "lists" / PLM_LIST
    if not plm.is_file():
        pytest.skip("../shared/data/lists is not beside this checkout")
    awesome = real_list_dir / MD_2024
    cli.ok("import", str(awesome))
    cli.ok("import", str(plm))
    shown = _layer(cli)
    before_claims = importlib.import_module(
        "readlist.store.migrations.versions.0010_entry_claims").down_revision
    with sqlite3.connect(cli.db) as con:  # the library as the revision before left it
        con.execute("DROP TABLE entry_claims")
        con.execute("ALTER TABLE notes DROP COLUMN shared")  # and what 0011 added
        con.execute("UPDATE alembic_version SET version_num = ?", (before_claims,))
    con.close()
    assert _layer(cli) == shown  # opening migrates it, values untouched
    with sqlite3.connect(cli.db) as con:
        per_source = dict(con.execute(
            "SELECT source_id, count(*) FROM entry_claims GROUP BY source_id").fetchall())
        placed = dict(con.execute(
            "SELECT p.source_id, count(DISTINCT p.entry_id) FROM placements p JOIN entries e "
            "ON e.id = p.entry_id WHERE e.retired_at IS NULL GROUP BY p.source_id").fetchall())
    con.close()
    assert per_source == placed and len(per_source) == 2
    for source in (awesome, plm):
        cli.ok("import", str(source), "--force")
        assert _layer(cli) == shown


def test_the_rule_is_order_free_and_never_empties() -> None:
    a = Claim(1, title="T", year=2018, authors="J. D.", description="long text here")
    b = Claim(2, title="T", year=2019, authors="Jacob Devlin", venue="NAACL")
    before: dict[str, object] = {"organization": "Google", "kind": "paper"}
    one, two = shown_values([a, b], before), shown_values([b, a], before)
    assert one == two
    assert (one["year"], one["authors"], one["venue"]) == (2018, "Jacob Devlin", "NAACL")
    assert (one["organization"], one["kind"]) == ("Google", "paper")
    withdrawn = shown_values([Claim(1, title="T")], {"authors": "J. D."}, a)
    assert withdrawn["authors"] == ""


def test_a_dry_run_writes_no_claims(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.md", LIST_A, KEEP)
    with Library(tmp_path / "lib.sqlite3") as lib:
        lib.import_source(str(a), dry_run=True)
        lib.import_source(str(a))
        assert [name for name, _ in lib.cited_by(1)] == [LIST_A]


def test_a_restored_library_knows_who_cites_its_entries(cli: Cli, tmp_path: Path) -> None:
    a = _write(tmp_path / "a.md", LIST_A, KEEP)
    cli.ok("import", str(a))
    dump = tmp_path / "all.json"
    cli.ok("export", "--format", "json", "-o", str(dump))
    other = Cli(tmp_path / "restored.sqlite3", cli.capsys)
    other.ok("restore", str(dump))
    assert other.json("show", str(other.id_of("Keeper One")))["cited_by"] == [LIST_A]


def test_the_detail_pane_names_the_lists_that_cite_an_entry(qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    from readlist.ui.main_window import MainWindow

    db = tmp_path / "lib.sqlite3"
    with Library(db) as lib:
        lib.import_source(str(_write(tmp_path / "a.md", LIST_A, KEEP + "- [Sparse Mixtures]"
                                     "(https://example.org/smx) by Ann Lee - Routing.\n")))
        lib.import_source(str(_write(tmp_path / "b.md", LIST_B, "- [Sparse Mixtures]"
                                     "(https://example.org/smx) by Ann Lee, Bo Chen - R.\n")))
        shared, alone = lib.find("sparse")[0], lib.find("keeper")[0]
    with open_window(db, tmp_path) as window:
        assert isinstance(window, MainWindow)
        qtbot.waitUntil(lambda: window.session.pending() == 0, timeout=30000)
        window.detail.set_entry(shared)
        qtbot.waitUntil(lambda: window.detail.cited.isVisible())
        assert window.detail.cited.text() == f"Cited by {LIST_A}; {LIST_B}"
        tip = window.detail.cited.toolTip()
        assert "authors: Ann Lee (Awesome Alpha); Ann Lee, Bo Chen (Paper Beta)" in tip
        assert "title" not in tip  # only where the lists disagree
        window.grab().save("/tmp/prov-detail.png")
        window.detail.set_entry(alone)
        qtbot.waitUntil(lambda: not window.detail.cited.isVisible())
