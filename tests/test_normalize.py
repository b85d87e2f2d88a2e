"""Identity rules (DESIGN.md §3): URLs and titles that mean the same resource get one key."""

from __future__ import annotations

import pytest

from readlist.core.normalize import arxiv_year, normalize_title, title_key, url_key


@pytest.mark.parametrize("a, b", [
    ("https://arxiv.org/abs/1810.04805", "http://arxiv.org/pdf/1810.04805v2"),
    ("https://arxiv.org/abs/1810.04805", "https://www.arxiv.org/pdf/1810.04805.pdf"),
    ("https://arxiv.org/abs/1810.04805", "https://export.arxiv.org/abs/1810.04805v3/"),
    ("https://github.com/KimiYoung/Transformer-XL", "http://www.github.com/kimiyoung/transformer-xl/"),
    ("https://github.com/kimiyoung/transformer-xl", "https://github.com/kimiyoung/transformer-xl.git"),
    ("https://example.org/post?utm_source=x&id=3", "https://example.org/post/?id=3#comments"),
    ("https://twitter.com/a/status/1?s=20", "https://twitter.com/a/status/1"),
    ("https://doi.org/10.1145/ABC", "http://dx.doi.org/10.1145/abc"),
    ("https://example.org:443/a", "http://example.org:80/a"),
    ("https://old.reddit.com//r/x/comments/1", "https://old.reddit.com/r/x/comments/1"),
])
def test_same_resource_same_key(a: str, b: str) -> None:
    assert url_key(a) == url_key(b)


@pytest.mark.parametrize("a, b", [
    ("https://github.com/a/b/blob/main/README.md", "https://github.com/a/b/blob/main/readme.md"),
    ("https://example.org/post?id=3", "https://example.org/post?id=4"),
    ("https://example.org:8080/a", "https://example.org/a"),
    ("https://arxiv.org/abs/1810.04805", "https://arxiv.org/abs/1810.04806"),
])
def test_different_resources_differ(a: str, b: str) -> None:
    assert url_key(a) != url_key(b)


def test_keys_are_readable() -> None:
    assert url_key("https://arxiv.org/abs/1810.04805v2") == "arxiv:1810.04805"
    assert url_key("https://www.GitHub.com/KimiYoung/Transformer-XL/") == \
        "github.com/kimiyoung/transformer-xl"
    assert url_key("https://doi.org/10.1145/ABC") == "doi:10.1145/abc"


def test_odd_urls_do_not_crash() -> None:
    assert url_key("https://example.com:abc/p") == "example.com/p"
    assert url_key("https://user:pw@Example.com:8080/a") == "example.com:8080/a"
    assert url_key("http://[::1]:8000/x") == "::1:8000/x"
    assert url_key("https://Bücher.de/x") == "bücher.de/x"


def test_titles_fold_case_accents_and_punctuation() -> None:
    assert normalize_title("BERT: Pre-training of Deep…") == normalize_title(
        "bert pre training of deep")
    assert normalize_title("Café  Naïve") == "cafe naive"
    assert title_key("Łukasz Kaiser’s talk") == "title:łukasz kaiser s talk"


def test_arxiv_year() -> None:
    assert arxiv_year("arxiv:1810.04805") == 2018
    assert arxiv_year("arxiv:2401.00001") == 2024
    assert arxiv_year("arxiv:9913.00001") is None  # month 13
    assert arxiv_year("github.com/a/b") is None
