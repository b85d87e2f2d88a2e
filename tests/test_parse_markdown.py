"""Markdown parsing: hand-written fixtures for each list shape, and the real list measured
against an independent line-based count."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from readlist.core.models import Kind, ParsedList
from readlist.core.normalize import url_key
from readlist.importing.markdown import parse_markdown

VERSIONS = ["README.2021-01-19.6eb45c8.md", "README.2023-03-09.5ff2fb6.md",
            "README.2024-10-27.594ec55.md"]


def _parse(fixtures_dir: Path, name: str) -> ParsedList:
    return parse_markdown((fixtures_dir / name).read_text(encoding="utf-8"))


def test_numbered_list_title_sections_and_entries(fixtures_dir: Path) -> None:
    parsed = _parse(fixtures_dir, "numbered.md")
    assert parsed.title == "Awesome Tiny NLP"
    assert parsed.sections == [
        ("Papers",), ("Papers", "Articles"), ("Videos",), ("Videos", "BERTology"),
        ("Implementations",), ("Implementations", "PyTorch"),
        ("Implementations", "TensorFlow"), ("Empty Section",)]
    titles = [e.title for e in parsed.entries]
    assert len(titles) == 10
    assert "MIT" not in titles and "Papers" not in titles
    urls = [e.url or "" for e in parsed.entries]
    assert not any("shields.io" in u or "awesome.re" in u or u.endswith(".png") for u in urls)
    bert = parsed.entries[0]
    assert bert.key == "arxiv:1810.04805"
    assert bert.section_path == ("Papers",)
    assert bert.authors == "Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova"
    assert bert.year == 2018 and bert.kind is Kind.PAPER


def test_follow_up_bullets_details_and_quotes_belong_to_the_entry(fixtures_dir: Path) -> None:
    entries = _parse(fixtures_dir, "numbered.md").entries
    xl = entries[1]
    assert xl.authors == "Zihang Dai et al."
    assert "Uses smart caching" in xl.description
    assert "A clever algorithm." in xl.description and "<summary>" not in xl.description
    assert [(link.label, link.url) for link in xl.links] == [
        ("Comments from HN", "https://news.ycombinator.com/item?id=1"),
        ("thread", "https://example.org/thread")]
    npm = entries[3]
    assert npm.organization == "Meta AI" and npm.year == 2022
    assert npm.description.startswith("Nonparametric models.")
    assert "> A quoted remark" in npm.description
    assert "- A follow-up bullet that belongs to entry 4." in npm.description
    assert [link.url for link in npm.links] == ["https://example.org/quote"]


def test_extra_links_and_org_after_at(fixtures_dir: Path) -> None:
    chinchilla = _parse(fixtures_dir, "numbered.md").entries[2]
    assert chinchilla.authors == "Hoffmann et al."
    assert chinchilla.organization == "DeepMind"
    assert [(link.label, link.url) for link in chinchilla.links] == [
        ("Code", "https://github.com/example/chinchilla"),
        ("Blog post", "https://example.org/blog/chinchilla")]
    assert chinchilla.description.startswith("TLDR: a 70B model.")
    assert "(https://example.org/blog/chinchilla)" in chinchilla.description


def test_numbered_item_with_link_inside_is_an_entry(fixtures_dir: Path) -> None:
    entries = _parse(fixtures_dir, "numbered.md").entries
    talk = next(e for e in entries if "youtube.com/watch?v=rBCq" in (e.url or ""))
    assert talk.title == "Watch Łukasz Kaiser’s talk walking through the model"
    assert talk.kind is Kind.VIDEO
    assert entries[4].organization == "Google AI"
    llama = entries[6]
    assert llama.year == 2024 and "Meta" in llama.organization


def test_heading_link_text_is_the_section_and_duplicates_share_a_key(
        fixtures_dir: Path) -> None:
    entries = _parse(fixtures_dir, "numbered.md").entries
    assert entries[7].section_path == ("Videos", "BERTology")
    assert entries[7].description == "- Clear explanation."
    repos = [e for e in entries if e.key == "github.com/kimiyoung/transformer-xl"]
    assert [e.section_path for e in repos] == [("Implementations", "PyTorch"),
                                               ("Implementations", "TensorFlow")]
    assert all(e.kind is Kind.CODE for e in repos)
    assert [e.position for e in entries] == list(range(len(entries)))


def test_category_bullets_become_a_section_level(fixtures_dir: Path) -> None:
    parsed = _parse(fixtures_dir, "categories.md")
    assert parsed.sections == [("Tools",), ("Tools", "Tokenizers"), ("Tools", "Serving")]
    assert [(e.title, e.section_path) for e in parsed.entries] == [
        ("tokenizers", ("Tools", "Tokenizers")),
        ("sentencepiece", ("Tools", "Tokenizers")),
        ("vLLM", ("Tools", "Serving")),
        ("Standalone Tool", ("Tools",))]
    assert parsed.entries[3].description == (
        "Not in a category.\n\n- A note about the standalone tool.")
    assert all(e.kind is Kind.TOOL for e in parsed.entries)


def test_table_rows_are_entries(fixtures_dir: Path) -> None:
    entries = _parse(fixtures_dir, "table.md").entries
    assert len(entries) == 2
    attention, resnet = entries
    assert attention.title == "Attention Is All You Need"
    assert attention.authors == "Ashish Vaswani, Noam Shazeer, Niki Parmar"
    assert attention.year == 2017
    assert [link.url for link in attention.links] == [
        "https://github.com/tensorflow/tensor2tensor"]
    assert resnet.year == 2016 and resnet.kind is Kind.PAPER
    assert resnet.authors == "Kaiming He et al."


def test_bold_links_star_bullets_and_paragraph_entries(fixtures_dir: Path) -> None:
    parsed = _parse(fixtures_dir, "bold_star.md")
    assert [e.title for e in parsed.entries] == [
        "The Illustrated Transformer", "Attention? Attention!",
        "Natural Language Processing with Transformers"]
    illustrated, attention, book = parsed.entries
    assert illustrated.description == "A visual guide by Jay Alammar."
    assert illustrated.kind is Kind.ARTICLE
    assert book.kind is Kind.BOOK and book.section_path == ("Books",)
    assert book.authors == "Lewis Tunstall, Leandro von Werra, Thomas Wolf"


# ---- the real list, counted independently of the parser ----

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_TOP_ITEM = re.compile(r"^(\d+\.|[-*])\s+\S*\[")
_NUMBERED = re.compile(r"^\d+\.\s")
_MD_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\((https?://[^)\s]+)\)")
_HREF = re.compile(r"""href=["'](https?://[^"']+)["']""")


def _expected(text: str) -> tuple[list[tuple[tuple[str, ...], str]], list[str]]:
    """(section, url) of every top-level entry line, and every URL linked in entry items.

    A top-level line starting with a link (or a numbered line with a link) is an entry; a
    "- " line with no blank line between it and the numbered item above is that item's
    follow-up, not an entry. Sections come from the '#' lines, minus the first H1 (the
    title), the table of contents and the licence."""
    stack: list[tuple[int, str]] = []
    entries: list[tuple[tuple[str, ...], str]] = []
    item_urls: list[str] = []
    in_item = in_numbered_run = False
    title_seen = False
    for line in text.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            name = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.group(2)).strip()
            in_item = in_numbered_run = False
            if level == 1 and not title_seen:
                title_seen = True
                continue
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, name))
            continue
        names = [n for _, n in stack]
        skip = not names or names[-1].lower() == "table of contents" or "License" in names
        if not line.strip():
            in_item = in_numbered_run = False
            continue
        if skip:
            continue
        links = [m for m in _MD_LINK.finditer(line) if not m.group(1)]
        top = _TOP_ITEM.match(line)
        if top and not (line.startswith(("-", "*")) and in_numbered_run):
            starts_with_link = re.match(r"^(\d+\.|[-*])\s+(\*\*)?\[", line)
            if links and (starts_with_link or _NUMBERED.match(line)):
                section = tuple(n for n in names if n.lower() != "table of contents")
                entries.append((section, links[0].group(3)))
                in_item = True
                in_numbered_run = bool(_NUMBERED.match(line))
            else:
                in_item = False
        elif re.match(r"^\S", line) and not line.startswith(("-", "*")) and not top:
            in_item = in_numbered_run = False
        if in_item:
            item_urls += [m.group(3) for m in links] + _HREF.findall(line)
    return entries, item_urls


def _stored_keys(parsed: ParsedList) -> set[str]:
    keys = {e.key for e in parsed.entries}
    keys |= {url_key(link.url) for e in parsed.entries for link in e.links}
    return keys


@pytest.mark.parametrize("name", VERSIONS)
def test_real_list_entries_found_with_their_sections(real_list_dir: Path, name: str) -> None:
    text = (real_list_dir / name).read_text(encoding="utf-8")
    parsed = parse_markdown(text)
    expected, _ = _expected(text)
    assert len(expected) > 100 and len(parsed.entries) > 100
    keys = {e.key for e in parsed.entries}
    placed = {(e.section_path, e.key) for e in parsed.entries}
    found = [u for _, u in expected if url_key(u) in keys]
    right = [(s, u) for s, u in expected if (s, url_key(u)) in placed]
    missing = [u for _, u in expected if url_key(u) not in keys]
    misplaced = [(s, u) for s, u in expected if (s, url_key(u)) not in placed]
    assert len(found) / len(expected) >= 0.99, missing
    assert len(right) / len(expected) >= 0.98, misplaced


@pytest.mark.parametrize("name", VERSIONS)
def test_real_list_every_item_url_is_stored(real_list_dir: Path, name: str) -> None:
    text = (real_list_dir / name).read_text(encoding="utf-8")
    parsed = parse_markdown(text)
    _, item_urls = _expected(text)
    stored = _stored_keys(parsed)
    lost = [u for u in item_urls if url_key(u) not in stored]
    assert not lost


@pytest.mark.parametrize("name", VERSIONS)
def test_real_list_has_no_anchor_badge_or_image_entries(real_list_dir: Path, name: str) -> None:
    parsed = parse_markdown((real_list_dir / name).read_text(encoding="utf-8"))
    urls = [e.url or "" for e in parsed.entries]
    urls += [link.url for e in parsed.entries for link in e.links]
    assert all(u.startswith(("http://", "https://")) for u in urls)
    bad = [u for u in urls if "shields.io" in u or "awesome.re/badge" in u
           or re.search(r"\.(png|svg|jpe?g|gif)(\?|#|$)", u.lower())]
    assert not bad
    assert not any(s[0].lower() in ("table of contents", "license") for s in parsed.sections)
    assert parsed.title.startswith("Awesome")
