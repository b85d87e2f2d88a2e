"""The parser's shortcuts give markdown-it-py's own tokens (issue #13 point 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.token import Token
from tests.conftest import ROOT

from readlist.importing.inline_fast import simple_inline
from readlist.importing.tokens import inline_parser_for, parser_for

DATA = ROOT.parent / "shared" / "data"
TRICKY = ["[[Code](http://x)] rest ] x", "a [[b](http://x)](http://y)", "x]y [a](http://u)",
          "[](http://u)", "t [[a](http://u)]]", "[[a](http://u)] [[b](http://v)]",
          "Plain words - with: punctuation #1 = + ^ {x} (y) 50% $3"]
DECLINED = ["[x] [y](http://u)", "[a]( http://u)", "[a](http://u", "[a](javascript:x)",
            "**bold** [a](http://u)", "a\nb", "[a](http://u) [", "x &amp; y", "![i](a.png)"]


def _fields(tokens: list[Token]) -> list[tuple[object, ...]]:
    return [(t.type, t.tag, t.nesting, t.content, t.attrs, t.level, t.markup, t.info, t.meta,
             t.block, t.hidden, t.map, t.children) for t in tokens]


def _slow(content: str, env: dict[str, object]) -> list[Token]:
    children: list[Token] = []
    md = inline_parser_for(content)
    md.inline.parse(content, md, env, children)
    return children


def _runs(text: str) -> list[tuple[str, dict[str, object]]]:
    env: dict[str, object] = {}
    return [(tok.content, env) for tok in parser_for(text).parse(text, env)
            if tok.type == "inline" and tok.content]


@pytest.mark.parametrize("env", [{}, {"references": {"CODE": {"href": "http://r", "title": ""}}}])
def test_simple_runs_match_markdown_it(env: dict[str, object]) -> None:
    for content in TRICKY:
        fast = simple_inline(content)
        assert fast is not None, content
        assert _fields(fast) == _fields(_slow(content, env)), content
    assert all(simple_inline(content) is None for content in DECLINED)


def test_every_inline_run_of_the_real_lists_and_fixtures(fixtures_dir: Path) -> None:
    files = sorted(DATA.glob("*/*.md")) + sorted(fixtures_dir.glob("*.md"))
    if not any(DATA.glob("*/*.md")):
        pytest.skip("../shared/data is not beside this checkout")
    checked = 0
    for path in files:
        for content, env in _runs(path.read_text(encoding="utf-8")):
            fast = simple_inline(content)
            if fast is not None:
                checked += 1
                assert _fields(fast) == _fields(_slow(content, env)), (path.name, content)
    assert checked > 1000


def test_a_long_text_parsed_in_pieces_gives_the_same_list(fixtures_dir: Path) -> None:
    from bench.generate import generate_list

    from readlist.importing.markdown import _parse
    from readlist.importing.pieces import NO_CUT

    texts = [generate_list(600, seed=3)] + [
        p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*/*.md"))
        + sorted(fixtures_dir.glob("*.md"))]
    cut = [t for t in texts if NO_CUT.search(t) is None]
    assert len(cut) >= 2
    for text in cut:
        assert _parse(text, 15) == _parse(text, 10**9)
    assert _parse(texts[0], 15).entries and len(_parse(texts[0], 15).entries) == 600
