"""Plural folding and prefix words in searches: `transformer` finds `transformers` (14.8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401  (fixture)

from readlist.library import Library
from readlist.query.fts import plural, singular, word_forms


@pytest.mark.parametrize("one, many", [
    ("transformer", "transformers"), ("library", "libraries"), ("box", "boxes"),
    ("approach", "approaches"), ("model", "models"), ("day", "days"),
])
def test_singular_and_plural_are_inverse(one: str, many: str) -> None:
    assert plural(one) == many
    assert singular(many) == one


@pytest.mark.parametrize("word", ["process", "corpus", "analysis", "attention"])
def test_words_that_are_not_plurals_have_no_singular(word: str) -> None:
    assert singular(word) is None


def test_word_forms_quote_every_form() -> None:
    assert word_forms("Transformer") == '("transformer" OR "transformers")'
    assert word_forms("models") == '("models" OR "model")'
    assert word_forms("atten", prefix=True) == '"atten"*'  # a prefix finds plurals already
    assert word_forms("models", prefix=True) == '("models"* OR "model")'
    assert word_forms("gpt-4") == '"gpt-4"'  # not one plain word: as typed
    assert word_forms("ab") == '"ab"'


@pytest.fixture
def lib(db_path: Path) -> Library:
    library = Library(db_path)
    library.import_text("\n".join([
        "# Plurals", "", "## Papers", "",
        "1. [Transformers for everyone](https://example.org/1) - a survey.",
        "2. [One transformer to rule them](https://example.org/2) - libraries compared.",
        "3. [A library of models](https://example.org/3) - a model zoo.",
        "4. [Transformational grammar](https://example.org/4) - linguistics.",
    ]))
    return library


def test_singular_finds_plural_and_back(lib: Library) -> None:
    one, two, three, four = lib.find("")
    assert sorted(lib.find("transformer")) == [one, two]
    assert sorted(lib.find("transformers")) == [one, two]
    assert sorted(lib.find("library")) == [two, three]
    assert sorted(lib.find("libraries")) == [two, three]
    assert lib.find('"transformers"') == [one]  # a quoted phrase is exact
    assert lib.count("transformer -libraries") == 1
    assert sorted(lib.find("transform", prefix_last=True)) == [one, two, four]


def test_ls_matches_the_last_word_as_a_prefix(cli: Cli) -> None:  # noqa: F811
    path = cli.db.parent / "list.md"
    path.write_text("# L\n\n## A\n\n1. [Attention heads](https://example.org/a) - x.\n"
                    "2. [Attentive readers](https://example.org/b) - y.\n"
                    "3. [Other](https://example.org/c) - z.\n", encoding="utf-8")
    cli.ok("import", str(path))
    assert len(cli.json("ls", "atten")) == 2
    assert [e["title"] for e in cli.json("ls", "heads", "atten")] == ["Attention heads"]
