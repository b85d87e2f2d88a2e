"""Where a paper's PDF lives, by the address schemes of arXiv and the proceedings sites."""

from __future__ import annotations

import pytest

from readlist.library_papers import file_name
from readlist.papers.links import arxiv_id, known_pdf, pdf_address

BASE = "http://127.0.0.1:9/pdf"


@pytest.mark.parametrize(("url", "pdf"), [
    ("https://openreview.net/forum?id=rJ4km2R5t7", "https://openreview.net/pdf?id=rJ4km2R5t7"),
    ("https://www.aclweb.org/anthology/P19-1285/", "https://aclanthology.org/P19-1285.pdf"),
    ("https://aclanthology.org/2020.acl-main.703", "https://aclanthology.org/2020.acl-main.703.pdf"),
    ("https://papers.nips.cc/paper/2020/hash/1457c0d6bfcb4967418bfb8ac142f64a-Abstract.html",
     "https://papers.nips.cc/paper/2020/file/1457c0d6bfcb4967418bfb8ac142f64a-Paper.pdf"),
    ("https://proceedings.neurips.cc/paper_files/paper/2022/hash/"
     "b1efde53be364a73914f58805a001731-Abstract-Conference.html",
     "https://proceedings.neurips.cc/paper_files/paper/2022/file/"
     "b1efde53be364a73914f58805a001731-Paper-Conference.pdf"),
    ("http://proceedings.mlr.press/v97/houlsby19a.html",
     "https://proceedings.mlr.press/v97/houlsby19a/houlsby19a.pdf"),
    ("https://example.org/papers/x.PDF", "https://example.org/papers/x.PDF"),
    ("https://github.com/google-research/bert", None),
    ("file:///etc/passwd.pdf", None),
])
def test_known_pdf_addresses(url: str, pdf: str | None) -> None:
    assert known_pdf(url) == pdf


def test_arxiv_abs_pdf_and_versions_lead_to_one_pdf() -> None:
    for url in ("https://arxiv.org/abs/1706.03762v5", "http://arxiv.org/pdf/1706.03762.pdf",
                "https://www.arxiv.org/abs/1706.03762"):
        assert pdf_address("x", url, [], BASE).url == f"{BASE}/1706.03762"
    # a blog post with an arXiv link among its extra links
    found = pdf_address("blog.example/post", "https://blog.example/post",
                        ["https://arxiv.org/abs/hep-th/9901001v2"], BASE)
    assert found.url == f"{BASE}/hep-th/9901001"
    assert arxiv_id("arxiv:1810.04805") == "1810.04805"


def test_unknown_addresses_say_why() -> None:
    assert pdf_address("github.com/a/b", "https://github.com/a/b", [], BASE).reason == (
        "no known PDF address for github.com")
    assert pdf_address("title:x", None, [], BASE).reason == "no address"


def test_file_names_are_safe_and_stable() -> None:
    assert file_name("arxiv:1706.03762") == "arxiv-1706.03762.pdf"
    name = file_name("example.org/a b/../../c?x=1")
    assert "/" not in name and "\\" not in name and not name.startswith(".")
    assert name == file_name("example.org/a b/../../c?x=1") != file_name("example.org/c")
