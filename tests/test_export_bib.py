"""BibTeX worth citing (issue 13.6): types from the venue, Last, First authors, stable keys,
arXiv and DOI fields, non-papers behind --all-kinds; every output parsed by bibtexparser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from tests.cli_helpers import Cli, cli  # noqa: F401

from readlist.export_bib import bib_name, entry_type, to_bibtex


def _entry(n: int, key: str, title: str, authors: str = "", **more: Any) -> dict[str, Any]:
    base = {"id": n, "key": key, "kind": "paper", "title": title, "authors": authors,
            "organization": "", "year": None, "url": None, "tags": [], "links": [],
            "venue": "", "last_seen": "2024-10-27T09:00:00+00:00"}
    return {**base, **more}


def _parse(text: str) -> dict[str, Any]:
    lib = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors(),
                                                             SplitNameParts()])
    assert lib.failed_blocks == [] and len(lib.entries) == text.count("\n@") + 1
    return {e.key: e for e in lib.entries}


LIBRARY = [
    _entry(1, "arxiv:1810.04805", "BERT: Pre-training of Deep Bidirectional Transformers",
           "Jacob Devlin, Ming-Wei Chang, Kenton Lee and Kristina Toutanova", year=2018,
           url="https://arxiv.org/abs/1810.04805", venue="NAACL 2019"),
    _entry(2, "arxiv:2110.08207", "Multitask Prompted Training Enables Zero-Shot Task "
           "Generalization", "Victor Sanh et al.", url="https://arxiv.org/abs/2110.08207",
           venue="ICLR 2022"),
    _entry(3, "doi:10.5555/2627435.2670313", "Dropout: A Simple Way to Prevent Neural "
           "Networks from Overfitting", "Nitish Srivastava and Geoffrey E. Hinton", year=2014,
           url="https://doi.org/10.5555/2627435.2670313", venue="JMLR"),
    _entry(4, "arxiv:1706.03762", "Attention Is All You Need", "", organization="Google Brain",
           url="https://arxiv.org/abs/1706.03762v5"),
    _entry(5, "example.org/tsne", "Visualizing Data using t-SNE",
           "Laurens van der Maaten and Geoffrey Hinton", year=2008, url="https://example.org/tsne",
           links=[{"label": "DOI", "url": "https://dx.doi.org/10.1000/xyz123"}]),
    _entry(6, "jalammar.github.io/illustrated-transformer", "The Illustrated Transformer",
           "Jay Alammar", kind="article", url="https://jalammar.github.io/illustrated-transformer/"),
]


def test_types_fields_and_names_parse_back() -> None:
    entries = _parse(to_bibtex({"entries": LIBRARY}))
    assert set(entries) == {"devlin2018bert", "sanh2022multitask", "srivastava2014dropout",
                            "google2017attention", "maaten2008visualizing"}  # no article
    bert = entries["devlin2018bert"]
    assert bert.entry_type == "inproceedings"
    assert bert.fields_dict["booktitle"].value == "NAACL"
    assert bert.fields_dict["title"].value.startswith("{BERT}: Pre-training")
    people = bert.fields_dict["author"].value
    assert [(p.last, p.first) for p in people][:2] == [(["Devlin"], ["Jacob"]),
                                                       (["Chang"], ["Ming-Wei"])]
    assert bert.fields_dict["eprint"].value == "1810.04805"
    assert bert.fields_dict["archivePrefix"].value == "arXiv"
    t0 = entries["sanh2022multitask"]
    assert t0.entry_type == "inproceedings" and t0.fields_dict["year"].value == "2022"
    assert t0.fields_dict["author"].value[-1].last == ["others"]  # et al. kept
    jmlr = entries["srivastava2014dropout"]
    assert jmlr.entry_type == "article" and jmlr.fields_dict["journal"].value == "JMLR"
    assert jmlr.fields_dict["doi"].value == "10.5555/2627435.2670313"
    assert [p.first for p in jmlr.fields_dict["author"].value] == [["Nitish"], ["Geoffrey", "E."]]
    org = entries["google2017attention"]
    assert org.entry_type == "misc" and "booktitle" not in org.fields_dict
    assert org.fields_dict["author"].value[0].last == ["{Google Brain}"]  # one name, braced
    assert org.fields_dict["year"].value == "2017"  # from the arXiv id
    tsne = entries["maaten2008visualizing"]
    assert tsne.fields_dict["author"].value[0].von == ["van", "der"]
    assert tsne.fields_dict["doi"].value == "10.1000/xyz123"


def test_organisation_is_dropped_when_there_are_people() -> None:
    text = to_bibtex({"entries": [_entry(1, "arxiv:2005.14165", "Language Models are Few-Shot "
                                         "Learners", "Tom B. Brown, OpenAI et al.",
                                         organization="OpenAI", year=2020)]})
    entry = _parse(text)["brown2020language"]
    assert [p.last for p in entry.fields_dict["author"].value] == [["Brown"], ["others"]]


def test_non_papers_behind_the_option_with_url_and_urldate() -> None:
    entries = _parse(to_bibtex({"entries": LIBRARY}, all_kinds=True))
    post = entries["alammarillustrated"]  # no year stated: none invented
    assert post.entry_type == "misc"
    assert post.fields_dict["url"].value == "https://jalammar.github.io/illustrated-transformer/"
    assert post.fields_dict["urldate"].value == "2024-10-27"


def test_keys_unique_and_stable_as_the_library_grows() -> None:
    first = [_entry(5, "arxiv:2101.00005", "Same words here", "Ann Lee", year=2021),
             _entry(9, "arxiv:2101.00009", "Same words here", "Ann Lee", year=2021)]
    before = {e.fields_dict["eprint"].value: k for k, e in _parse(to_bibtex(
        {"entries": first})).items()}
    assert sorted(before.values()) == ["lee2021same", "lee2021samea"]
    # a newer entry with the same base key, whose arXiv id sorts first, takes a new letter
    grown = [*first, _entry(12, "arxiv:2101.00001", "Same words again", "Ann Lee", year=2021)]
    after = {e.fields_dict["eprint"].value: k for k, e in _parse(to_bibtex(
        {"entries": grown})).items()}
    assert {k: after[k] for k in before} == before
    assert after["2101.00001"] == "lee2021sameb"
    assert to_bibtex({"entries": grown}) == to_bibtex({"entries": list(reversed(grown))})


def test_names_and_venues() -> None:
    assert bib_name("Martin Luther King Jr.") == "King, Jr., Martin Luther"
    assert bib_name("Mallory") == "Mallory"
    assert entry_type("Findings of EMNLP 2021") == ("inproceedings", "booktitle",
                                                    "Findings of EMNLP", 2021)
    assert entry_type("arXiv 2020")[:2] == ("misc", "")
    assert entry_type("Nature")[:2] == ("article", "journal")
    assert entry_type("Neural computation")[:2] == ("article", "journal")
    assert entry_type("Advances in neural information processing systems")[0] == \
        "inproceedings"
    assert entry_type("CoRL")[0] == entry_type("BlackBoxNLP 2019")[0] == "inproceedings"
    assert entry_type("Technical report")[:2] == ("misc", "howpublished")
    assert entry_type("")[:2] == ("misc", "")


def test_cli_export_all_kinds(cli: Cli, fixtures_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    cli.ok("import", str(fixtures_dir / "io-tiny.md"))
    papers, everything = tmp_path / "papers.bib", tmp_path / "all.bib"
    cli.ok("export", "--format", "bibtex", "-o", str(papers))
    cli.ok("export", "--format", "bibtex", "--all-kinds", "-o", str(everything))
    few = _parse(papers.read_text(encoding="utf-8"))
    many = _parse(everything.read_text(encoding="utf-8"))
    assert set(few) < set(many) and len(many) == len(cli.json("ls", "--all"))
    assert all("urldate" in e.fields_dict for k, e in many.items() if k not in few)


def test_several_organisations_are_several_braced_authors() -> None:
    text = to_bibtex({"entries": [_entry(1, "arxiv:2206.04615", "Beyond the Imitation Game",
                                         organization="Google Research, Stanford University")]})
    entry = _parse(text)["google2022beyond"]
    assert [p.last for p in entry.fields_dict["author"].value] == [["{Google Research}"],
                                                                    ["{Stanford University}"]]
