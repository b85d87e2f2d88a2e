"""The venue and the list's note end to end: import, show/ls --json, venue:, re-import."""

from __future__ import annotations

from pathlib import Path

from tests.cli_helpers import Cli, cli  # noqa: F401  (fixture)


def test_venue_and_list_note_are_shown_searched_and_kept(cli: Cli,  # noqa: F811
                                                         fixtures_dir: Path,
                                                         tmp_path: Path) -> None:
    source = fixtures_dir / "citations.md"
    cli.ok("import", str(source))
    t0 = cli.json("show", str(cli.id_of("Multitask Prompted Training")))
    assert (t0["venue"], t0["year"], t0["list_note"]) == ("ICLR", 2022, "T0")
    assert t0["authors"] == "Victor Sanh et al."
    alexnet = cli.id_of("Imagenet classification")
    assert "(AlexNet" in cli.ok("show", str(alexnet))
    assert [e["id"] for e in cli.json("ls", "venue:advances")] == [alexnet]
    naacl = {e["title"][:4] for e in cli.json("ls", "venue:naacl")}
    assert naacl == {"BERT", "mT5:"}
    assert cli.json("ls", "venue:acl") == []  # a word's start: "acl" is not NAACL
    arxiv = cli.json("ls", "venue:arxiv")
    assert len(arxiv) == 3 and all(e["venue"] == "arXiv" for e in arxiv)
    assert cli.json("ls", "-venue:arxiv venue:iclr")[0]["id"] == t0["id"]
    assert [e["id"] for e in cli.json("ls", "alexnet")] == [alexnet]  # the list's note
    assert t0["id"] in [e["id"] for e in cli.json("ls", "iclr")]
    again = cli.json("import", str(source))
    assert again["changed"] == again["added"] == 0
    edited = tmp_path / "citations.md"
    edited.write_text(source.read_text().replace("ICLR 2022", "NeurIPS 2022"))
    report = cli.json("import", str(edited))
    assert report["changed"] == 1
    assert cli.json("show", str(t0["id"]))["venue"] == "NeurIPS"
    assert t0["id"] in [e["id"] for e in cli.json("ls", "neurips")]
    assert t0["id"] not in [e["id"] for e in cli.json("ls", "iclr")]
    changes = cli.json("changes")["changes"]
    assert [c["fields"] for c in changes if c["id"] == t0["id"]] == [["venue"]]


def test_export_and_restore_keep_the_venue(cli: Cli, fixtures_dir: Path,  # noqa: F811
                                           tmp_path: Path) -> None:
    cli.ok("import", str(fixtures_dir / "citations.md"))
    dump = tmp_path / "dump.json"
    cli.ok("export", "--format", "json", "-o", str(dump))
    other = Cli(tmp_path / "other.sqlite3", cli.capsys)
    other.ok("restore", str(dump))
    restored = other.json("ls", "venue:iclr")
    assert [(e["title"][:9], e["list_note"]) for e in restored] == [("Multitask", "T0")]


def test_bibtex_takes_the_parsed_venue(cli: Cli, fixtures_dir: Path,  # noqa: F811
                                       tmp_path: Path) -> None:
    import bibtexparser

    cli.ok("import", str(fixtures_dir / "citations.md"))
    out = tmp_path / "papers.bib"
    cli.ok("export", "--format", "bibtex", "-o", str(out))
    entries = {e.fields_dict["title"].value: e
               for e in bibtexparser.parse_string(out.read_text()).entries}
    t0 = next(e for t, e in entries.items() if t.startswith("Multitask Prompted"))
    assert (t0.entry_type, t0.fields_dict["booktitle"].value) == ("inproceedings", "ICLR")
    alexnet = next(e for t, e in entries.items() if t.startswith("Imagenet"))
    assert alexnet.fields_dict["author"].value.startswith("Krizhevsky, Alex and Sutskever")


def test_a_bulk_import_indexes_venue_and_note(cli: Cli, tmp_path: Path) -> None:  # noqa: F811
    from readlist.store.importer import BULK_FTS_THRESHOLD

    lines = ["# Many", "", "## Papers", ""]
    lines += [f'{i + 1}. <u>M{i}</u>: **"Paper number {i}"**. *Ada Lovelace et al.* '
              f"ICLR 2022. [[Paper](https://arxiv.org/abs/2201.{i:05d})]"
              for i in range(BULK_FTS_THRESHOLD + 5)]
    source = tmp_path / "many.md"
    source.write_text("\n".join(lines) + "\n")
    cli.ok("import", str(source))
    assert len(cli.json("ls", "iclr", "--limit", "100000")) == BULK_FTS_THRESHOLD + 5
    # quoted: `ls` matches its last bare word as a prefix (m7 would find m70…m79 too)
    assert [e["title"] for e in cli.json("ls", '"m7"')] == ["Paper number 7"]
