"""Very broad searches: title matches first, then the rest, pages consistent with offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from readlist.library import Library
from readlist.store import search


@pytest.fixture
def lib(db_path: Path) -> Library:
    lines = ["# Broad", "", "## Papers", ""]
    for i in range(1, 41):
        title = f"Graph model number {i}" if i % 3 == 0 else f"Paper number {i}"
        lines.append(f"{i}. [{title}](https://example.org/{i}) by A. Author - a model study.")
    library = Library(db_path)
    library.import_text("\n".join(lines))
    return library


def test_broad_search_puts_title_matches_first(lib: Library, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    ranked = lib.find("model")
    monkeypatch.setattr(search, "BROAD_MATCHES", 10)
    broad = lib.find("model")
    assert sorted(broad) == sorted(ranked)  # same set, different order
    titles = [lib.get(i).title for i in broad]
    first_rest = next(n for n, t in enumerate(titles) if "model" not in t.lower())
    assert all("model" in t.lower() for t in titles[:first_rest])
    assert not any("model" in t.lower() for t in titles[first_rest:])
    assert first_rest == 13
    assert broad[:first_rest] == sorted(broad[:first_rest])  # list order within a tier


def test_broad_search_pages_agree_with_the_whole(lib: Library,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "BROAD_MATCHES", 10)
    whole = lib.find("model")
    pages = [lib.find("model", limit=7, offset=o) for o in range(0, 42, 7)]
    assert [i for page in pages for i in page] == whole
    assert lib.count("model") == len(whole) == 40


def test_broad_search_keeps_filters(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    first = lib.find("model")[0]
    lib.mark([first], "read")
    monkeypatch.setattr(search, "BROAD_MATCHES", 10)
    assert first not in lib.find("model -status:read")
    assert len(lib.find("model -status:read")) == 39


def test_set_algebra_keeps_precedence(lib: Library) -> None:
    """`status:read (tag:a OR tag:b)` is S ∩ (A ∪ B), never (S ∩ A) ∪ B."""
    e1, e2, e3, e4 = lib.find("", limit=4)
    lib.mark([e1, e3], "read")
    lib.tag([e1], ["a"])
    lib.tag([e2], ["b"])
    lib.tag([e4], ["b"])
    assert lib.find("status:read (tag:a OR tag:b)") == [e1]
    assert lib.find("(tag:a OR tag:b) status:read") == [e1]
    assert lib.find("(tag:a OR tag:b) -status:read") == [e2, e4]
    assert lib.find("-(tag:a OR tag:b) status:read") == [e3]
    assert lib.count("(tag:a OR tag:b) -(status:read OR tag:a)") == 2


@pytest.mark.parametrize("query", [
    "transformer", "transformer -bert", "transformer -status:read", "-status:read transformer",
    "attention -tag:a -status:read", "bert OR gpt", "(bert OR gpt) -status:read",
    "model tag:a", "model -(tag:a OR status:read)", "kind:paper -status:read", "is:retired",
    "attention is:retired", "has:note", "attention has:note", "section:attention -bert",
    "priority:>=high", "-priority:low", "year:2019..2021 -kind:paper", '"language model"',
])
def test_count_agrees_with_the_ids_found(db_path: Path, real_list_dir: Path, query: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import MD_2023, MD_2024

    lib = Library(db_path)
    lib.import_text((real_list_dir / MD_2023).read_text(encoding="utf-8"))
    lib.import_text((real_list_dir / MD_2024).read_text(encoding="utf-8"), force=True)
    ids = lib.find("", include_retired=True)
    lib.mark(ids[::5], "read")
    lib.tag(ids[1::9], ["a"])
    lib.set_priority(ids[2::7], "high")
    lib.set_note(ids[3], "attention note")
    for threshold in (search.BROAD_MATCHES, 5):  # ranked, then tiered
        monkeypatch.setattr(search, "BROAD_MATCHES", threshold)
        found = lib.find(query)
        assert len(found) == len(set(found)) == lib.count(query), (query, threshold)
    lib.close()
