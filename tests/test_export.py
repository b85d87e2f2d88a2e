"""Exports (issue #7): Markdown rendered and compared, BibTeX parsed, CSV, notes folder, CLI."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import markdown
import pytest
from io_helpers import annotate, build

from readlist import export
from readlist.cli import main
from readlist.core.errors import BadInputError
from readlist.export_notes import safe_stem


class _Outline(HTMLParser):
    """Headings outside blockquotes, list items' leading text, blockquote texts."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.items: list[str] = []
        self.quotes: list[str] = []
        self._stack: list[str] = []
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "h4", "li", "blockquote"):
            self._stack.append(tag)
            self._buf.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
            text = " ".join(self._buf.pop().split())
            if tag == "li" and "blockquote" not in self._stack:
                self.items.append(text)
            elif tag == "blockquote":
                self.quotes.append(text)
            elif "blockquote" not in self._stack:
                self.headings.append((tag, text))

    def handle_data(self, data: str) -> None:
        if self._buf:
            self._buf[-1] += data


@pytest.fixture
def data(tmp_path: Path) -> dict[str, object]:
    lib = build(tmp_path / "lib.sqlite3")
    annotate(lib)
    out = lib.export_data()
    lib.close()
    return out


def test_markdown_renders_sections_checkboxes_and_notes(data: dict[str, object]) -> None:
    text = export.to_markdown(data)  # type: ignore[arg-type]
    outline = _Outline()
    outline.feed(markdown.markdown(text))
    assert outline.headings == [("h1", "Awesome Tiny NLP"), ("h2", "Papers"),
                                ("h3", "Attention"), ("h3", "Pretraining"),
                                ("h2", "Articles"), ("h2", "Code")]
    assert len(outline.items) == 9
    first = outline.items[0]
    assert first.startswith("[x] Attention Is All You Need")
    assert "read" in first and "#attention" in first and "#nlp" in first
    assert any(i.startswith("[ ] Longformer") and "reading" in i for i in outline.items)
    assert outline.quotes[0].startswith("Scaled dot-product attention.")
    assert "Masked LM + next sentence." in outline.quotes
    assert "- [x] [Attention Is All You Need](https://arxiv.org/abs/1706.03762)" in text


def test_markdown_annotated_only(data: dict[str, object]) -> None:
    outline = _Outline()
    outline.feed(markdown.markdown(export.to_markdown(data, annotated=True)))  # type: ignore[arg-type]
    assert len(outline.items) == 6  # 9 minus the three untouched Code entries
    assert ("h2", "Code") not in outline.headings


def test_bibtex_parses_with_a_real_parser(data: dict[str, object]) -> None:
    text = export.to_bibtex(data)  # type: ignore[arg-type]
    lib = bibtexparser.parse_string(text)
    assert lib.failed_blocks == []
    entries = {e.key: e for e in lib.entries}
    assert set(entries) == {"vaswani2017attention", "beltagy2020longformer", "devlin2018bert",
                            "liu2019roberta"}
    att = entries["vaswani2017attention"]
    assert att.fields_dict["author"].value == "Vaswani, Ashish and Shazeer, Noam and Parmar, Niki"
    assert att.fields_dict["eprint"].value == "1706.03762"
    assert att.fields_dict["archivePrefix"].value == "arXiv"
    assert att.fields_dict["year"].value == "2017"
    rob = entries["liu2019roberta"].fields_dict["title"].value
    assert r"\&" in rob and r"100\%" in rob and r"\_" in rob and r"\{{BERT}\}" in rob
    assert export.to_bibtex(data) == text  # type: ignore[arg-type]  # stable keys


def test_bibtex_keys_stay_unique() -> None:
    entry = {"key": "arxiv:2101.00001", "kind": "paper", "title": "Same words here",
             "authors": "Ann Lee", "organization": "", "year": 2021, "url": None, "tags": []}
    other = {**entry, "key": "arxiv:2101.00002"}
    lib = bibtexparser.parse_string(export.to_bibtex({"entries": [entry, other]}))
    assert [e.key for e in lib.entries] == ["lee2021same", "lee2021samea"]


def test_csv_has_every_entry_with_its_layer(data: dict[str, object]) -> None:
    rows = list(csv.DictReader(io.StringIO(export.to_csv(data))))  # type: ignore[arg-type]
    assert len(rows) == 9
    att = next(r for r in rows if r["key"] == "arxiv:1706.03762")
    assert (att["status"], att["rating"], att["tags"]) == ("read", "5", "attention, nlp")
    assert att["note"].startswith("Scaled dot-product")
    assert next(r for r in rows if r["key"] == "arxiv:2004.05150")["queues"] == "Next up"


def test_notes_folder_front_matter_and_safe_names(data: dict[str, object],
                                                  tmp_path: Path) -> None:
    entries = data["entries"]  # type: ignore[index]
    for e in entries:  # give both "Same Title" entries a note: names must not collide
        if e["title"] == "Same Title":
            e["note"], e["note_updated_at"] = "dup note", "2024-03-01T00:00:00+00:00"
    files = export.write_notes(data, tmp_path / "vault")  # type: ignore[arg-type]
    names = sorted(p.name for p in files)
    assert names == ["Attention Is All You Need.md",
                     "BERT Pre-training of Deep Bidirectional Transformers.md",
                     "Same Title (2).md", "Same Title.md"]
    text = (tmp_path / "vault" / "Attention Is All You Need.md").read_text(encoding="utf-8")
    front, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    fields = dict(line.split(": ", 1) for line in front.strip().splitlines())
    assert json.loads(fields["title"]) == "Attention Is All You Need"
    assert json.loads(fields["url"]) == "https://arxiv.org/abs/1706.03762"
    assert fields["status"] == "read" and json.loads(fields["tags"]) == ["attention", "nlp"]
    assert body.strip().startswith("Scaled dot-product attention.")


def test_safe_stem() -> None:
    assert safe_stem('a/b: c*?"<>|', "x") == "a b c"
    assert safe_stem("CON", "x") == "CON_"
    assert safe_stem("...", "entry-3") == "entry-3"
    assert len(safe_stem("w" * 300, "x")) == 80


def test_cli_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "lib.sqlite3"
    annotate(build(db))
    for fmt in ("json", "csv", "markdown", "bibtex"):
        out = tmp_path / f"out.{fmt}"
        assert main(["--db", str(db), "export", "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 100
    assert json.loads((tmp_path / "out.json").read_text())["format"] == "readlist-export"
    assert main(["--db", str(db), "export", "--format", "notes", "-o",
                 str(tmp_path / "notes")]) == 0
    assert len(list((tmp_path / "notes").glob("*.md"))) == 2
    capsys.readouterr()
    assert main(["--db", str(db), "export", "--format", "markdown", "--annotated"]) == 0
    assert "Attention Is All You Need" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db), "export", "--format", "notes"])
    assert exc.value.code == 2


def test_export_refuses_a_missing_folder(tmp_path: Path) -> None:
    lib = build(tmp_path / "lib.sqlite3")
    with pytest.raises(BadInputError):
        export.run_export(lib, "json", str(tmp_path / "nope" / "x.json"))


def test_csv_and_the_ls_line_carry_the_venue(fixtures_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "venue.sqlite3"
    assert main(["--db", str(db), "import", str(fixtures_dir / "citations.md")]) == 0
    out = tmp_path / "v.csv"
    assert main(["--db", str(db), "export", "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    t0 = next(r for r in rows if r["title"].startswith("Multitask Prompted Training"))
    assert (t0["venue"], t0["year"]) == ("ICLR", "2022")
    assert any(r["venue"] == "" for r in rows)


def test_the_ls_line_shows_venue_and_year_once(fixtures_dir: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "venue.sqlite3"
    assert main(["--db", str(db), "import", str(fixtures_dir / "citations.md")]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "ls", "venue:iclr"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Multitask" in x)
    assert "(ICLR 2022)" in line
    assert "2022 2022" not in line
