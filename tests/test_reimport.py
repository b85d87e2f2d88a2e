"""Re-importing a newer list keeps every annotation on the same id and reports what changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401

from readlist.core.errors import AnnotatedRetireError, ImportRefusedError
from readlist.library import Library


def _annotate(lib: Library, entry: int, tag: str) -> None:
    lib.mark([entry], "reading")
    lib.set_note(entry, f"note on {entry}")
    lib.tag([entry], [tag])
    lib.rate([entry], 3)


def _by_title(lib: Library, part: str, include_retired: bool = True) -> int:
    hits = [v for v in lib.list_entries("", include_retired=include_retired) if part in v.title]
    assert len(hits) == 1, [v.title for v in hits]
    return int(hits[0].id)


def test_reimport_edge_cases(db_path: Path, fixtures_dir: Path) -> None:
    lib = Library(db_path)
    v1 = (fixtures_dir / "cli_list_v1.md").read_text()
    v2 = (fixtures_dir / "cli_list_v2.md").read_text()
    lib.import_text(v1)
    transformer = _by_title(lib, "Attention Is All")
    bert = _by_title(lib, "BERT")
    annotated = _by_title(lib, "Annotated Transformer")
    gpt3 = _by_title(lib, "Few-Shot")
    for n, eid in enumerate((transformer, bert, annotated, gpt3)):
        _annotate(lib, eid, f"t{n}")
    lib.queue_new("Next up")
    lib.queue_add("Next up", [gpt3, bert, annotated])

    with pytest.raises(AnnotatedRetireError, match="retire 1 annotated entry .*Few-Shot"):
        lib.import_text(v2)  # GPT-3 left the list, but it is annotated
    report = lib.import_text(v2, force=True)
    assert (report.added, report.retired, report.moved) == (1, 1, 1)
    # the reworded title, and BERT's URL (abs -> pdf v2 is the same key, a new URL)
    assert report.changed == 2
    assert report.unchanged == 3
    changed = {c.entry_id: c for c in report.details if c.change.value == "changed"}
    assert changed[transformer].fields == ("title",)
    assert changed[bert].fields == ("url",)
    assert _by_title(lib, "Attention Is All You Need (Transformer)") == transformer
    assert lib.get(bert).url == "https://arxiv.org/pdf/1810.04805v2"
    moved = lib.get(annotated)
    assert moved.sections == ["Articles > Tutorials"]
    retired = lib.get(gpt3)
    assert retired.retired
    assert gpt3 not in lib.find("")
    assert gpt3 in lib.find("is:retired")
    for n, eid in enumerate((transformer, bert, annotated, gpt3)):
        view = lib.get(eid)
        assert (view.status.value, view.note, view.tags, view.rating) == (
            "reading", f"note on {eid}", [f"t{n}"], 3)
    assert lib.queue_ids("Next up") == [gpt3, bert, annotated]

    again = lib.import_text(v2)
    assert again.nothing_changed and again.unchanged == again.entries

    back = lib.import_text(v1)  # the removed paper comes back: same id, revived
    assert back.revived == 1 and back.retired == 1
    assert not lib.get(gpt3).retired
    assert lib.get(gpt3).note == f"note on {gpt3}"
    lib.close()


def test_swapped_titles_follow_their_urls(db_path: Path, fixtures_dir: Path) -> None:
    lib = Library(db_path)
    v1 = (fixtures_dir / "cli_list_v1.md").read_text()
    lib.import_text(v1)
    xl = _by_title(lib, "kimiyoung")
    hf = _by_title(lib, "huggingface")
    lib.set_note(xl, "XL note")
    swapped = (v1.replace("[kimiyoung/transformer-xl]", "[TMP]")
                 .replace("[huggingface/transformers]", "[kimiyoung/transformer-xl]")
                 .replace("[TMP]", "[huggingface/transformers]"))
    report = lib.import_text(swapped)
    assert report.changed == 2 and report.added == 0 and report.retired == 0
    assert lib.get(xl).url == "https://github.com/kimiyoung/transformer-xl"
    assert lib.get(xl).note == "XL note"
    assert lib.get(hf).title == "kimiyoung/transformer-xl"
    lib.close()


def test_truncated_file_is_refused_without_force(db_path: Path, fixtures_dir: Path) -> None:
    lib = Library(db_path)
    v1 = (fixtures_dir / "cli_list_v1.md").read_text()
    lib.import_text(v1)
    truncated = v1[: v1.index("2. [BERT")]
    before = lib.list_entries("", include_retired=True)
    with pytest.raises(ImportRefusedError, match="retire 6 of the 7"):
        lib.import_text(truncated)
    assert lib.list_entries("", include_retired=True) == before
    forced = lib.import_text(truncated, force=True)
    assert forced.retired == 6
    lib.close()


def test_dry_run_changes_nothing(db_path: Path, fixtures_dir: Path) -> None:
    lib = Library(db_path)
    lib.import_text((fixtures_dir / "cli_list_v1.md").read_text())
    before = lib.list_entries("", include_retired=True)
    report = lib.import_text((fixtures_dir / "cli_list_v2.md").read_text(), dry_run=True)
    assert report.dry_run and report.added == 1 and report.retired == 1
    assert lib.list_entries("", include_retired=True) == before
    assert len(lib.runs()) == 1
    lib.close()


def test_changes_command_reports_last_run(cli: Cli, fixtures_dir: Path) -> None:  # noqa: F811
    cli.ok("import", str(fixtures_dir / "cli_list_v1.md"))
    cli.ok("import", str(fixtures_dir / "cli_list_v2.md"))
    rep = cli.json("changes")
    kinds = sorted(c["change"] for c in rep["changes"])
    assert kinds == ["added", "changed", "changed", "moved", "retired"]
    first = cli.json("changes", "1")
    assert first["added"] == 7 and len(first["changes"]) == 7
    new = cli.json("ls", "is:new")
    assert [e["title"] for e in new] == ["Training language models to follow instructions"]
    text = cli.ok("changes")
    assert "retired" in text and "Few-Shot" in text


def test_import_keeps_an_automatic_backup(db_path: Path, fixtures_dir: Path) -> None:
    lib = Library(db_path)
    lib.import_source(str(fixtures_dir / "cli_list_v1.md"))
    assert lib.list_backups() == []  # nothing to lose yet
    first = _by_title(lib, "BERT")
    lib.set_note(first, "before v2")
    lib.import_source(str(fixtures_dir / "cli_list_v2.md"), dry_run=True)
    assert lib.list_backups() == []
    lib.import_source(str(fixtures_dir / "cli_list_v2.md"))
    backups = lib.list_backups()
    assert len(backups) == 1
    restored = Library(backups[0])
    assert restored.get(first).note == "before v2"
    assert restored.count("is:retired") == 0  # taken before v2 retired anything
    restored.close()
    lib.close()


def test_large_import_fills_search_index_in_bulk(db_path: Path) -> None:
    """Above the bulk threshold the index is filled by one statement; it must match the rows."""
    from readlist.store.importer import BULK_FTS_THRESHOLD

    n = BULK_FTS_THRESHOLD + 20
    lines = ["# Bulk list", "", "## Papers", ""]
    lines += [f"{i}. [Paper number {i} on topic{i}](https://example.org/p/{i}) by A. Author."
              for i in range(1, n + 1)]
    lib = Library(db_path)
    lib.import_text("\n".join(lines))
    assert lib.count("") == n
    assert lib.count("topic7") == 1 and lib.count("paper") == n
    with lib.store.read() as conn:
        from sqlalchemy import text

        assert conn.execute(text("SELECT count(*) FROM entry_fts")).scalar() == n
        assert conn.execute(text("SELECT active FROM fts_bulk")).scalar() == 0
    extra = lines + [f"{n + 1}. [A late addition](https://example.org/late) by B."]
    lib.import_text("\n".join(extra))  # small import: the trigger path
    assert lib.count("late addition") == 1
    lib.close()


def test_list_order_follows_the_latest_import(db_path: Path, fixtures_dir: Path) -> None:
    """Unchanged entries that shift position upstream move in the default order too."""
    lib = Library(db_path)
    v1 = (fixtures_dir / "cli_list_v1.md").read_text()
    lib.import_text(v1)
    reordered = v1.replace(
        "## Papers\n\n",
        "## Papers\n\n0. [A brand new survey](https://arxiv.org/abs/2401.00001) by A. B.\n",
    ).replace("### Implementations\n\n- [kimiyoung/transformer-xl](https://github.com/kimiyoung/"
              "transformer-xl) - Transformer-XL code.\n", "### Implementations\n\n").replace(
        "[[Docs](https://huggingface.co/docs)]\n",
        "[[Docs](https://huggingface.co/docs)]\n- [kimiyoung/transformer-xl](https://github.com/"
        "kimiyoung/transformer-xl) - Transformer-XL code.\n")
    assert reordered != v1
    lib.import_text(reordered)
    titles = [v.title for v in lib.list_entries("")]
    assert titles[0] == "A brand new survey"
    assert titles[-2:] == ["huggingface/transformers", "kimiyoung/transformer-xl"]
    lib.close()


def test_pasted_text_import_keeps_a_backup_too(db_path: Path, fixtures_dir: Path) -> None:
    lib = Library(db_path)
    lib.import_text((fixtures_dir / "cli_list_v1.md").read_text(), backup=True)
    assert lib.list_backups() == []  # nothing to lose yet
    lib.import_text((fixtures_dir / "cli_list_v2.md").read_text(), backup=True)
    assert len(lib.list_backups()) == 1
    with pytest.raises(Exception, match="no entries"):
        lib.import_text("# just a title\n", backup=True)
    assert len(lib.list_backups()) == 1  # bad input: no backup either
    lib.close()
