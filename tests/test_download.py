"""Importing a list by its address, against a local HTTP server on 127.0.0.1 (never the
internet): GitHub addresses mapped to the raw README, redirects, size cap, time limit."""

from __future__ import annotations

import pytest
from tests.cli_helpers import Cli, cli  # noqa: F401
from tests.http_helpers import BIG, LIST, _Server, base_url, raw_host, server  # noqa: F401

from readlist.core.errors import BadInputError
from readlist.importing.download import GITHUB_RAW_ENV, download, github_raw_candidates
from readlist.importing.sources import read_source


def test_github_addresses_map_to_the_raw_readme(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(GITHUB_RAW_ENV, raising=False)
    raw = "https://raw.githubusercontent.com/cedrickchee/awesome-transformer-nlp"
    repo = github_raw_candidates("https://github.com/cedrickchee/awesome-transformer-nlp")
    assert repo is not None and repo[0] == f"{raw}/HEAD/README.md"
    assert github_raw_candidates(
        "https://github.com/cedrickchee/awesome-transformer-nlp/blob/master/README.md"
    ) == [f"{raw}/master/README.md"]
    tree = github_raw_candidates("https://github.com/o/n/tree/dev/docs")
    assert tree is not None and tree[0].endswith("/o/n/dev/docs/README.md")
    assert github_raw_candidates("https://example.org/o/n") is None
    assert github_raw_candidates("https://github.com/o/n/issues/3") is None


def test_repository_address_fetches_its_readme(raw_host: _Server) -> None:  # noqa: F811
    source = read_source("https://github.com/owner/repo")
    assert source.text == LIST
    assert source.origin == "https://github.com/owner/repo"  # remembered as typed
    assert source.suggested_name == "repo"
    assert raw_host.hits == ["/owner/repo/HEAD/README.md"]


def test_lower_case_readme_is_found_next(raw_host: _Server) -> None:  # noqa: F811
    assert read_source("https://github.com/owner/lower").text == LIST
    assert raw_host.hits == ["/owner/lower/HEAD/README.md", "/owner/lower/HEAD/readme.md"]


def test_blob_address_fetches_that_file(raw_host: _Server) -> None:  # noqa: F811
    assert read_source("https://github.com/owner/repo/blob/main/docs/LIST.md").text == LIST


def test_repository_without_a_readme(raw_host: _Server) -> None:  # noqa: F811
    with pytest.raises(BadInputError) as exc:
        read_source("https://github.com/owner/none")
    message = str(exc.value)
    assert "README of https://github.com/owner/none" in message and "404" in message
    assert "\n" not in message


def test_redirects_are_followed(server: _Server) -> None:  # noqa: F811
    got = download(f"{base_url(server)}/hop", cap=1 << 20, timeout=5)
    assert got.data == LIST.encode() and got.final_url.endswith("/list.md")


def test_redirect_loop_and_redirect_away_are_refused(server: _Server) -> None:  # noqa: F811
    with pytest.raises(BadInputError, match="could not download"):
        download(f"{base_url(server)}/loop", cap=1 << 20, timeout=5)
    with pytest.raises(BadInputError, match="not an https:// address"):
        download(f"{base_url(server)}/away", cap=1 << 20, timeout=5)


@pytest.mark.parametrize("path", ["/big-declared", "/big-streamed"])
def test_size_cap(server: _Server, path: str) -> None:  # noqa: F811
    seen: list[int] = []
    with pytest.raises(BadInputError, match="limit|larger than"):
        download(f"{base_url(server)}{path}", cap=BIG // 2, timeout=5,
                 progress=lambda got, _total: seen.append(got))
    assert all(n <= BIG // 2 for n in seen)  # stopped reading at the cap


def test_time_limit(server: _Server) -> None:  # noqa: F811
    with pytest.raises(BadInputError, match="longer than 0.5 s"):
        download(f"{base_url(server)}/slow", cap=1 << 20, timeout=0.5)


def test_progress_reports_bytes_and_total(server: _Server) -> None:  # noqa: F811
    seen: list[tuple[int, int | None]] = []
    download(f"{base_url(server)}/list.md", cap=1 << 20, timeout=5,
             progress=lambda got, total: seen.append((got, total)))
    assert seen[-1] == (len(LIST.encode()), len(LIST.encode()))


def test_plain_http_only_to_this_machine() -> None:
    with pytest.raises(BadInputError, match="https://"):
        read_source("http://example.org/list.md")


def test_cli_imports_and_reimports_by_address(cli: Cli, raw_host: _Server) -> None:  # noqa: F811
    first = cli.json("import", "https://github.com/owner/repo")
    assert first["entries"] == 2 and first["added"] == 2
    # a new title and other entries: only the remembered address says it is the same list
    raw_host.body = (b"# Renamed upstream\n\n## Papers\n\n"
                     b"1. [Third](https://arxiv.org/abs/2005.14165) by Cy Dee.\n")
    again = cli.json("import", "https://github.com/owner/repo", "--force")
    assert again["source"] == first["source"] and again["retired"] == 2
    assert again["added"] == 1


def test_cli_refuses_a_failed_download_with_one_line(
        cli: Cli, raw_host: _Server) -> None:  # noqa: F811
    cli.ok("import", "https://github.com/owner/repo")
    before = cli.json("ls", "--all")
    message = cli.fails("import", f"{base_url(raw_host)}/missing.md")
    assert message.endswith("/missing.md: HTTP 404 Not Found")
    assert cli.json("ls", "--all") == before
