"""Reading import sources: files, stdin, URLs, encodings and every refusal."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from readlist.core.errors import BadInputError
from readlist.importing.sources import (
    _url_name,
    decode_bytes,
    detect_format,
    parse_text,
    read_source,
)

LIST = "# Awesome X\n\n## Papers\n\n1. [A paper](https://arxiv.org/abs/1810.04805) by Ann Lee.\n"


def _one_line(exc: pytest.ExceptionInfo[BadInputError]) -> str:
    message = str(exc.value)
    assert message and "\n" not in message
    return message


def test_reads_utf8_file_with_origin_name_and_hash(tmp_path: Path) -> None:
    path = tmp_path / "my-list.md"
    path.write_bytes(LIST.encode("utf-8"))
    source = read_source(str(path))
    assert source.text == LIST
    assert source.origin == str(path.resolve())
    assert source.suggested_name == "my-list"
    assert source.content_hash == hashlib.sha256(LIST.encode()).hexdigest()


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf" + LIST.encode("utf-8"),
    LIST.encode("utf-16"),
    "\ufeff".encode("utf-16-be") + LIST.encode("utf-16-be"),
])
def test_bom_encodings_decode(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "list.md"
    path.write_bytes(data)
    assert read_source(str(path)).text == LIST


def test_cp1252_fallback_for_clear_text(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_bytes("# Caf\u00e9 list \u2014 r\u00e9sum\u00e9\n".encode("cp1252"))
    assert read_source(str(path)).text == "# Caf\u00e9 list \u2014 r\u00e9sum\u00e9\n"


def test_stdin(tmp_path: Path) -> None:
    source = read_source("-", stdin=io.BytesIO(LIST.encode()))
    assert source.origin == "-" and source.text == LIST


@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"  \n\n", "empty"),
    (b"# title\x00\x01binary", "binary"),
    (b"\x81\x8d\x8f\x90\x9d not text", "UTF-8"),
    (b"abc\x1b[31m\x07 terminal junk \xe9", "UTF-8"),
])
def test_bad_bytes_are_refused_with_one_line(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    with pytest.raises(BadInputError) as exc:
        read_source(str(path))
    assert words in _one_line(exc)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(BadInputError) as exc:
        read_source(str(tmp_path / "nope.md"))
    assert "no such file" in _one_line(exc)
    with pytest.raises(BadInputError) as exc:
        read_source(str(tmp_path))
    assert "folder" in _one_line(exc)


def test_file_over_the_cap_is_refused_before_reading(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 2048)

    def no_open(self: Path, *args: object, **kwargs: object) -> object:
        raise AssertionError("opened before the size check")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(BadInputError) as exc:
        read_source(str(path), max_bytes=1024)
    assert "limit" in _one_line(exc)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_endless_device_is_read_only_up_to_the_cap() -> None:
    with pytest.raises(BadInputError) as exc:
        read_source("/dev/zero", max_bytes=1024)
    assert "/dev/zero is larger than" in _one_line(exc)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_cli_import_dev_zero_is_refused(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from readlist.cli import main

    with pytest.raises(SystemExit) as code:
        main(["--db", str(tmp_path / "lib.sqlite3"), "import", "/dev/zero"])
    assert code.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("/dev/zero is larger than the 50 MB limit for a list file; refusing it")


def test_stdin_over_the_cap() -> None:
    with pytest.raises(BadInputError) as exc:
        read_source("-", stdin=io.BytesIO(b"x" * 2048), max_bytes=1024)
    assert "larger" in _one_line(exc)


@pytest.mark.parametrize("url", ["http://example.org/list.md", "file:///etc/passwd",
                                 "ftp://example.org/list.md"])
def test_non_https_urls_are_refused(url: str) -> None:
    with pytest.raises(BadInputError) as exc:
        read_source(url)
    assert "https://" in _one_line(exc)


def test_unreachable_https_gives_a_clear_message() -> None:
    with pytest.raises(BadInputError) as exc:
        read_source("https://127.0.0.1:9/x", timeout=5)
    message = _one_line(exc)
    assert "could not download https://127.0.0.1:9/x" in message and "offline" in message


def test_url_names() -> None:
    raw = "https://raw.githubusercontent.com/cedrickchee/awesome-transformer-nlp/master/README.md"
    assert _url_name(raw) == "awesome-transformer-nlp"
    assert _url_name("https://example.org/lists/ml-papers.md") == "ml-papers"


def test_decode_refuses_utf16_garbage() -> None:
    with pytest.raises(BadInputError):
        decode_bytes(b"\xff\xfe\x00\xd8", "x")


def test_detect_format_and_parse_text(fixtures_dir: Path) -> None:
    md = (fixtures_dir / "numbered.md").read_text(encoding="utf-8")
    page = (fixtures_dir / "rendered.txt").read_text(encoding="utf-8")
    assert detect_format(md) == "markdown"
    assert detect_format(page) == "rendered"
    assert parse_text(md).format == "markdown"
    assert parse_text(page).format == "rendered"
    assert parse_text(page, "rendered").entries


@pytest.mark.parametrize("text", ["# Just a title\n\nSome prose without any list.\n",
                                  "Hello there.\n"])
def test_parse_text_refuses_lists_without_entries(text: str) -> None:
    with pytest.raises(BadInputError) as exc:
        parse_text(text)
    assert "contains no entries" in _one_line(exc)


def test_parse_text_unknown_format() -> None:
    with pytest.raises(BadInputError):
        parse_text(LIST, "html")
