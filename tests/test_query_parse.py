"""The query language parser: tree shapes, precedence, prefix handling and every error message."""

from __future__ import annotations

import pytest

from readlist.core.errors import QueryError
from readlist.query import FIELDS, caret, parse_query, validate
from readlist.query.fts import fts_expr, prune, split_conjuncts
from readlist.query.nodes import And, Field, Not, Or, Range, Term


def test_empty_query_is_none() -> None:
    assert parse_query("") is None
    assert parse_query("   ") is None


def test_words_and_phrases_are_anded() -> None:
    assert parse_query('attention "is all"') == And((Term("attention", 0),
                                                      Term("is all", 10, phrase=True)))


def test_and_binds_tighter_than_or() -> None:
    tree = parse_query("a b OR c")
    assert tree == Or((And((Term("a", 0), Term("b", 2))), Term("c", 7)))


def test_parentheses_group_and_negation() -> None:
    tree = parse_query("-(a OR b) c")
    assert tree == And((Not(Or((Term("a", 2), Term("b", 7))), 0), Term("c", 10)))


def test_explicit_and_is_accepted_and_lowercase_or_is_a_word() -> None:
    assert parse_query("a AND b") == And((Term("a", 0), Term("b", 6)))
    assert parse_query("a or b") == And((Term("a", 0), Term("or", 2), Term("b", 5)))


def test_fields_case_insensitive_and_normalised() -> None:
    assert parse_query("Status:To_Read") == Field("status", "to-read", 0)
    assert parse_query("KIND:Paper") == Field("kind", "paper", 0)
    assert parse_query("is:Retired") == Field("is", "retired", 0)
    assert parse_query("has:NOTE") == Field("has", "note", 0)


def test_quoted_field_value() -> None:
    assert parse_query('queue:"Next up" x') == And((Field("queue", "Next up", 0), Term("x", 16)))


@pytest.mark.parametrize(("text", "low", "high"), [
    ("year:2023", 2023, 2023), ("year:>=2022", 2022, None), ("year:>2022", 2023, None),
    ("year:<2020", None, 2019), ("year:<=2020", None, 2020), ("year:2019..2021", 2019, 2021),
    ("year:2019..", 2019, None), ("year:..2019", None, 2019), ("year:=2000", 2000, 2000),
])
def test_year_ranges(text: str, low: int | None, high: int | None) -> None:
    assert parse_query(text) == Range("year", low, high, 0)


def test_priority_and_rating_ranges() -> None:
    assert parse_query("priority:>=high") == Range("priority", 2, None, 0)
    assert parse_query("priority:urgent") == Range("priority", 3, 3, 0)
    assert parse_query("rating:>=4") == Range("rating", 4, None, 0)
    assert parse_query("rating:2..3") == Range("rating", 2, 3, 0)


def test_prefix_last_marks_only_a_trailing_bare_word() -> None:
    assert parse_query("language mod", prefix_last=True) == And(
        (Term("language", 0), Term("mod", 9, prefix=True)))
    assert parse_query("language mod ", prefix_last=True) == And(
        (Term("language", 0), Term("mod", 9)))
    assert parse_query('"language mod"', prefix_last=True) == Term("language mod", 0,
                                                                    phrase=True)
    assert parse_query("atten", prefix_last=False) == Term("atten", 0)


def test_url_like_word_is_text_not_a_field() -> None:
    assert parse_query("https://arxiv.org/abs/1706") == Term("https://arxiv.org/abs/1706", 0)


def test_fields_table_has_help_for_completion() -> None:
    for name in ("status", "queue", "tag", "section", "kind", "year", "author", "priority",
                 "source", "has", "is", "rating", "title"):
        assert FIELDS[name]


def test_fts_expressions_quote_everything() -> None:
    assert fts_expr(Term('NEAR( "x" *', 0)) == '"NEAR( ""x"" *"'
    assert fts_expr(Term("atten", 0, prefix=True)) == '"atten"*'
    assert fts_expr(Field("author", "vaswani", 0)) == '{authors} : "vaswani"*'
    assert prune(parse_query("* &")) is None
    assert prune(parse_query("a *")) == Term("a", 0)


def test_split_conjuncts_merges_text_and_keeps_fields_for_sql() -> None:
    root = prune(parse_query("bert -gpt status:read (a OR b)"))
    assert root is not None
    match, rest = split_conjuncts(root)
    assert match == '(("bert" OR "berts") AND ("a" OR "b")) NOT (("gpt" OR "gpts"))'
    assert rest == [Field("status", "read", 10)]


def _error(text: str) -> QueryError:
    with pytest.raises(QueryError) as info:
        validate(text)
    return info.value


def test_unknown_field_suggests_the_closest() -> None:
    err = _error("stat:read")
    assert "unknown field 'stat'" in str(err)
    assert "did you mean 'status'?" in str(err)
    assert err.position == 0
    assert "column 1" in str(err)


def test_unknown_field_without_close_match_lists_fields_and_quoting() -> None:
    err = _error("foo zzzq:1")
    assert "unknown field 'zzzq'" in str(err) and "known fields: status" in str(err)
    assert '"zzzq:1"' in str(err)
    assert err.position == 4


def test_unknown_status_lists_valid_values() -> None:
    err = _error("status:reed")
    assert "'reed'" in str(err) and "did you mean 'read'?" in str(err)
    assert "unread|to-read|reading|read|skipped" in str(err)
    assert err.position == 7


@pytest.mark.parametrize(("text", "bad", "fix"), [
    ("kind:papr", "'papr'", "did you mean 'paper'?"),
    ("has:notes", "'notes'", "did you mean 'note'?"),
    ("is:neww", "'neww'", "did you mean 'new'?"),
    ("is:read", "'read'", "status:read"),
    ("priority:hihg", "'hihg'", "did you mean 'high'?"),
    ("year:abc", "'abc'", "year:>=2022"),
    ("year:2021..2019", "2021..2019", "year:2019..2021"),
    ("rating:9", "'9'", "0 to 5"),
    ("status:", "status:", "unread|to-read"),
    ("queue:", "queue:", "Next up"),
])
def test_bad_values_name_the_token_and_the_fix(text: str, bad: str, fix: str) -> None:
    message = str(_error(text))
    assert bad in message and fix in message


@pytest.mark.parametrize(("text", "pos", "words"), [
    ("(a b", 0, ("unclosed '('", "add a ')'")),
    ("a (b (c)", 2, ("unclosed '('", "column 3")),
    ("a b)", 3, ("unexpected ')'", "column 4")),
    (") a", 0, ("unexpected ')'", "remove it")),
    ("a ()", 2, ("empty parentheses", "column 3")),
    ('a "bc', 2, ("unclosed quote", 'add a closing "')),
    ('queue:"Next', 6, ("unclosed quote", "column 7")),
    ("OR a", 0, ("'OR'", "no term before it")),
    ("a OR", 2, ("'OR'", "no term after it")),
    ("a OR OR b", 2, ("'OR'", "no term after it")),
    ("a - b", 2, ("'-'", "not followed by a term")),
    ("a -", 2, ("'-'", "not followed by a term")),
    ("-OR a", 0, ("'-'", "not followed by a term")),
    ("NEAR(", 4, ("unclosed '('", "column 5")),
    ("AND", 0, ("'AND'", "put terms around AND")),
])
def test_syntax_errors_point_at_the_problem(text: str, pos: int,
                                            words: tuple[str, ...]) -> None:
    err = _error(text)
    assert err.position == pos
    for word in words:
        assert word in str(err)


def test_deep_nesting_is_refused_not_a_crash() -> None:
    err = _error("(" * 100 + "a" + ")" * 100)
    assert "nested too deeply" in str(err)


def test_caret_excerpt() -> None:
    err = _error("kind:paper stat:read")
    assert caret("kind:paper stat:read", err.position, 4) == (
        "kind:paper stat:read\n           ^^^^")
