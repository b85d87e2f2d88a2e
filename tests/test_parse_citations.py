"""Citation-shaped items (issue #13 points 1–2): entries, authors, years and venues as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.conftest import ROOT

from readlist.core.models import ParsedEntry
from readlist.importing.markdown import parse_markdown
from readlist.importing.names import first_name_first

LISTS = ROOT.parent / "shared" / "data" / "lists"
ROADMAP = "floodsung+Deep-Learning-Papers-Reading-Roadmap.a994642.md"
PLM = "thunlp+PLMpapers.0416bc3.md"
SURVEY = "RUCAIBox+LLMSurvey.4a468e4.md"


def _real(name: str) -> str:
    path = LISTS / name
    if not path.is_file():
        pytest.skip("../shared/data/lists is not beside this checkout")
    return path.read_text(encoding="utf-8")


def _by_title(entries: list[ParsedEntry]) -> dict[str, ParsedEntry]:
    return {e.title: e for e in entries}


@pytest.fixture
def cited(fixtures_dir: Path) -> dict[str, ParsedEntry]:
    return _by_title(parse_markdown((fixtures_dir / "citations.md").read_text()).entries)


def test_bold_title_year_then_authors(cited: dict[str, ParsedEntry]) -> None:
    e = cited["Distilling the knowledge in a neural network"]
    assert (e.authors, e.year, e.url) == ("G. Hinton et al.", 2015,
                                          "http://arxiv.org/pdf/1503.02531")
    e = cited["Deep learning"]
    assert e.authors == "Y. LeCun, Y. Bengio, G. Hinton"
    assert [(link.label, link.url) for link in e.links] == [
        ("html", "https://www.nature.com/articles/nature14539")]


def test_numbered_citation_paragraphs(cited: dict[str, ParsedEntry]) -> None:
    e = cited["Imagenet classification with deep convolutional neural networks"]
    assert e.authors == "Alex Krizhevsky, Ilya Sutskever, Geoffrey E. Hinton"
    assert (e.year, e.venue, e.kind.value) == (2012, "Advances in neural information "
                                               "processing systems", "paper")
    assert e.list_note == "(AlexNet, Deep Learning Breakthrough) ⭐⭐⭐⭐⭐"
    assert e.description == ""
    vgg = cited["Very deep convolutional networks for large-scale image recognition"]
    assert (vgg.authors, vgg.venue, vgg.year, vgg.key) == (
        "Karen Simonyan, Andrew Zisserman", "arXiv", 2014, "arxiv:1409.1556")
    seg = cited["Instance-aware semantic segmentation via multi-task network cascades"]
    assert (seg.authors, seg.venue, seg.year) == ("J. Dai, K. He, J. Sun", "CVPR", 2016)
    dream = cited["Inceptionism: Going Deeper into Neural Networks"]
    assert dream.authors == "Alexander Mordvintsev, Christopher Olah, Mike Tyka"
    assert dream.year == 2015 and dream.list_note == "(Deep Dream) ⭐⭐⭐⭐"


def test_a_stated_year_beats_the_arxiv_id(cited: dict[str, ParsedEntry]) -> None:
    yolo = cited["YOLOv4: Optimal Speed and Accuracy of Object Detection"]
    assert yolo.year == 2020  # "arXiv:2004.10934 (2020)": 2004 is the id, not the year


def test_bold_title_italic_authors_venue_year(cited: dict[str, ParsedEntry]) -> None:
    bert = cited["BERT: Pre-training of Deep Bidirectional Transformers for Language "
                 "Understanding"]
    assert bert.authors == "Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova"
    assert (bert.venue, bert.year, bert.url) == ("NAACL", 2019,
                                                 "https://arxiv.org/pdf/1810.04805.pdf")
    assert [link.label for link in bert.links] == ["code & model"]
    gpt2 = cited["Language Models are Unsupervised Multitask Learners"]
    assert (gpt2.list_note, gpt2.year) == ("(GPT-2)", None)
    t0 = cited["Multitask Prompted Training Enables Zero-Shot Task Generalization"]
    assert (t0.authors, t0.venue, t0.year, t0.list_note) == ("Victor Sanh et al.", "ICLR",
                                                            2022, "T0")
    assert t0.url == "https://arxiv.org/abs/2110.08207"
    assert cited["mT5: A massively multilingual pre-trained text-to-text transformer"]\
        .authors == "Linting Xue et al."
    nllb = cited["No Language Left Behind: Scaling Human-Centered Machine Translation"]
    assert (nllb.authors, nllb.organization) == ("", "NLLB Team")
    assert cited["CommonCrawl"].url == "https://commoncrawl.org/"


def test_prose_and_table_of_contents_are_not_entries(cited: dict[str, ParsedEntry]) -> None:
    assert "this one" not in cited and "Understanding" not in cited
    assert len(cited) == 13


@pytest.mark.parametrize(("written", "expected"), [
    ("Krizhevsky, Alex, Ilya Sutskever, and Geoffrey E. Hinton.",
     "Alex Krizhevsky, Ilya Sutskever, Geoffrey E. Hinton"),
    ("Szegedy, Christian, et al.", "Christian Szegedy et al."),
    ("Pinheiro, P.O., Collobert, R., Dollar, P.", "P.O. Pinheiro, R. Collobert, P. Dollar"),
    ("Mordvintsev, Alexander; Olah, Christopher", "Alexander Mordvintsev, Christopher Olah"),
    ("J. Long, E. Shelhamer, and T. Darrell,", "J. Long, E. Shelhamer, T. Darrell"),
    ("Farhadi,Ali,etal.", "Ali Farhadi et al."),
])
def test_names_first_name_first(written: str, expected: str) -> None:
    assert first_name_first(written) == expected


def test_reading_roadmap_every_citation_is_an_entry() -> None:
    text = _real(ROADMAP)
    cited = len(re.findall(r"^\*\*\[\d+\]\*\*", text, re.M))
    entries = parse_markdown(text).entries
    assert cited > 100 and len(entries) == cited
    assert all(e.authors for e in entries)
    stated = [e for e, para in zip(entries, re.split(r"\n(?=\*\*\[\d+\]\*\*)", text)[1:],
                                   strict=False) if re.search(r"\b(?:19|20)\d\d\b", para)]
    assert sum(1 for e in stated if e.year) >= 0.95 * len(stated)
    alexnet = next(e for e in entries if e.title.startswith("Imagenet classification"))
    assert alexnet.list_note.startswith("(AlexNet")
    book = next(e for e in entries if e.venue == "An MIT Press book")
    assert (book.title, book.kind.value) == ("Deep learning", "book")
    assert sum(1 for e in entries if e.kind.value == "paper") >= 0.95 * len(entries)


@pytest.mark.parametrize("name", [PLM, SURVEY])
def test_paper_lists_authors_and_years_where_written(name: str) -> None:
    text = _real(name)
    entries = parse_markdown(text).entries
    italic = [e for e in entries if e.title and re.search(
        re.escape(e.title[:40]) + r"[^\n]*\*\*\.?\s+\*[A-Z]", text)]
    assert len(italic) > 100
    assert sum(1 for e in italic if e.authors) >= 0.95 * len(italic)
    assert sum(1 for e in italic if e.year) >= 0.95 * len(italic)
    assert not any("**" in e.title or e.title.startswith('"') for e in entries)


# ---- clean text (issue #13 point 3) ----



def test_badges_out_emoji_in_titles_and_organisations_whole(fixtures_dir: Path) -> None:
    entries = _by_title(parse_markdown((fixtures_dir / "clean-text.md").read_text()).entries)
    assert entries["BoTorch"].description == "BoTorch is a library for Bayesian Optimization."
    assert entries["Ax"].description == "An adaptive experimentation platform."
    rogers = entries["Leaderboards"]
    assert (rogers.authors, rogers.description) == ("Anna Rogers", "🔥🔥")
    assert entries["DETR"].description == "🔥 Vision meets Transformers."
    assert "OpenAI’s GPT2 - Food to Media hype or Wake Up Call?" in entries
    turing = entries["Turing-NLG: A 17-billion-parameter language model"]
    assert turing.organization == "Microsoft"


def test_no_real_description_starts_with_a_badge() -> None:
    text = _real("EthicalML+awesome-production-machine-learning.30a2582.md")
    entries = parse_markdown(text).entries
    assert len(entries) > 500
    assert not [e.title for e in entries if "shields.io" in e.description]
    assert not [e.title for e in entries if e.description.startswith(("![", "- "))]


def test_an_item_with_thousands_of_links_keeps_each_href_in_place() -> None:
    n = 3000
    links = " ".join(f"[l{i}](https://x.org/{i})" for i in range(n))
    text = (f"# L\n\n## S\n\n- [Title](https://example.org/t) - see "
            f"[![b](https://img.shields.io/b.svg)](https://ci.example.org) {links}\n")
    (entry,) = parse_markdown(text).entries
    assert entry.description == "see " + links
    assert [link.url for link in entry.links] == [
        "https://ci.example.org", *(f"https://x.org/{i}" for i in range(n))]


def test_a_venue_in_a_by_clause() -> None:
    text = ("# L\n\n## Papers\n\n1. [PoSE: Efficient Context Window Extension](https://arxiv.org/"
            "abs/2309.10400) by Dawei Zhu et al., ICLR 2024 - PoSE simulates longer input.\n")
    (pose,) = parse_markdown(text).entries
    assert (pose.authors, pose.venue, pose.year) == ("Dawei Zhu et al.", "ICLR", 2024)
    assert pose.description == "PoSE simulates longer input."
