"""Copied-page parsing: a hand-written page, and the real copy against the Markdown parse."""

from __future__ import annotations

from pathlib import Path

from readlist.core.models import Kind
from readlist.core.normalize import normalize_title, title_key
from readlist.importing.markdown import parse_markdown
from readlist.importing.rendered import parse_rendered

CHROME = ["Skip to content", "Latest commit", "History", "README.md",
          "File metadata and controls", "Raw", "Blame", "Expand Table of Contents"]


def test_fixture_page_sections_from_its_table_of_contents(fixtures_dir: Path) -> None:
    parsed = parse_rendered((fixtures_dir / "rendered.txt").read_text(encoding="utf-8"))
    assert parsed.title == "Awesome Tiny NLP"
    assert parsed.format == "rendered"
    assert parsed.sections == [("Papers",), ("Articles",), ("Articles", "Attention"),
                               ("Videos",)]
    assert [(e.title, e.section_path) for e in parsed.entries] == [
        ("BERT: Pre-training of Deep Bidirectional Transformers", ("Papers",)),
        ("Transformer-XL: Attentive Language Models", ("Papers",)),
        ("Training Compute-Optimal Large Language Models", ("Papers",)),
        ("Attention? Attention!", ("Articles", "Attention")),
        ("Watch Łukasz Kaiser’s talk walking through the model", ("Articles", "Attention")),
        ("XLNet Explained", ("Videos",)),
        ("The Future of NLP", ("Videos",)),
    ]
    bert, xl, chinchilla = parsed.entries[:3]
    assert bert.url is None and bert.key == title_key(bert.title)
    assert bert.authors == "Jacob Devlin, Ming-Wei Chang, Kenton Lee, Kristina Toutanova"
    assert xl.description == "- Uses smart caching to improve long-term dependency."
    assert chinchilla.organization == "DeepMind" and chinchilla.authors == "Hoffmann et al."
    assert parsed.entries[4].kind is Kind.VIDEO
    assert parsed.entries[6].organization == "Hugging Face"


def test_fixture_titles_match_the_markdown_parse(fixtures_dir: Path) -> None:
    page = parse_rendered((fixtures_dir / "rendered.txt").read_text(encoding="utf-8"))
    md = parse_markdown((fixtures_dir / "numbered.md").read_text(encoding="utf-8"))
    md_titles = {normalize_title(e.title) for e in md.entries}
    shared = [e for e in page.entries if normalize_title(e.title) in md_titles]
    assert len(shared) == 5


def _page(real_list_dir: Path) -> str:
    return (real_list_dir / "rendered-page.txt").read_text(encoding="utf-8")


def _agreement(real_list_dir: Path, with_sections: bool) -> tuple[float, float, int]:
    """Share of Markdown entries whose title is on the page that the page parse has with the
    same title and (full path, last heading)."""
    md = parse_markdown((real_list_dir / "README.2024-10-27.594ec55.md").read_text("utf-8"))
    text = _page(real_list_dir)
    page = parse_rendered(text, md.sections if with_sections else ())
    folded_page = normalize_title(text)
    paths: dict[str, list[tuple[str, ...]]] = {}
    for e in page.entries:
        paths.setdefault(normalize_title(e.title), []).append(e.section_path)
    total = same_path = same_leaf = 0
    for e in md.entries:
        folded = normalize_title(e.title)
        if folded not in folded_page:
            continue
        total += 1
        found = paths.get(folded, [])
        same_path += e.section_path in found
        same_leaf += any(p[-1:] == e.section_path[-1:] for p in found)
    return same_path / total, same_leaf / total, total


def test_real_page_items_match_markdown_with_known_sections(real_list_dir: Path) -> None:
    same_path, _, total = _agreement(real_list_dir, with_sections=True)
    assert total > 250
    assert same_path >= 0.95


def test_real_page_without_hints_keeps_titles_and_most_headings(real_list_dir: Path) -> None:
    """No table of contents in this copy, so heading levels are guessed: entries keep the
    heading they sit under (image captions are not mistaken for headings); full paths need
    known sections, which the library passes when it has imported the list before."""
    _, same_leaf, _ = _agreement(real_list_dir, with_sections=False)
    assert same_leaf >= 0.95


def test_real_page_numbered_items_and_chrome(real_list_dir: Path) -> None:
    text = _page(real_list_dir)
    parsed = parse_rendered(text)
    numbered = [line for line in text.split("\n")
                if line.startswith("  ") and line.strip()[:1].isdigit()
                and ". " in line.strip()[:5]]
    assert len(parsed.entries) >= 0.95 * len(numbered)
    titles = {e.title for e in parsed.entries}
    assert not titles & set(CHROME)
    assert not any("lines (" in t and "loc)" in t for t in titles)
    assert parsed.title == "Awesome Transformer & Transfer Learning in NLP"
    described = next(e for e in parsed.entries if e.title.startswith("Transformer-XL: Att"))
    assert described.description.startswith("- Uses smart caching")
    assert not any(e.title.startswith("Uses smart caching") for e in parsed.entries)


def test_captions_are_not_headings() -> None:
    page = "\n".join([
        "My List", "", "Papers", "", "  1. Deep Residual Learning by A. Author.", "",
        "Attention", "", "Visualizing Attention", "", "Visualizing Attention", "",
        "  1. Neural Attention Models by B. Author.", "",
        "Videos", "", "demo-clip.mp4", "Live Demo Video", "",
        "  1. Transformers Explained by C. Speaker.", "",
        "Classification", "", "Expand Classification", "  1. Sentiment With BERT by D. Writer.", "",
    ])
    parsed = parse_rendered(page)
    by_title = {e.title: e.section_path[-1] for e in parsed.entries}
    assert by_title == {"Deep Residual Learning": "Papers", "Neural Attention Models": "Attention",
                        "Transformers Explained": "Videos", "Sentiment With BERT": "Classification"}
