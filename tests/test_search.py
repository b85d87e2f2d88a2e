"""Queries compiled to SQL over a real SQLite library file with the real FTS5 index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy

from readlist.core.errors import QueryError
from readlist.store.db import open_engine
from readlist.store.search import count_many, count_matches, search_ids

NOW = "2026-01-01T00:00:00"
ME = 1


class Lib:
    """Plain-SQL helper that writes a small library the way the importer and Library would."""

    def __init__(self, conn: sqlalchemy.Connection) -> None:
        self.conn = conn
        self.sql("INSERT INTO readers(id, name) VALUES (1, 'me'), (2, 'other')")
        self.sql("INSERT INTO sources VALUES (1, 'awesome-nlp', 'A', 'a.md', 'markdown', ?, '')"
                 ", (2, 'Other List', 'B', 'b.md', 'markdown', ?, '')", NOW, NOW)
        self.sections: dict[str, int] = {}

    def sql(self, statement: str, *params: Any) -> None:
        self.conn.exec_driver_sql(statement, params)

    def entry(self, title: str, *, description: str = "", authors: str = "", org: str = "",
              year: int | None = None, kind: str = "paper", url: str | None = "https://x",
              section: str = "Papers", source: int = 1, retired: bool = False,
              first_seen: str = NOW) -> int:
        eid = int(self.conn.exec_driver_sql("SELECT coalesce(max(id), 0) + 1 FROM entries")
                  .scalar_one())
        self.sql("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,'','')",
                 eid, f"k{eid}", title, title.lower(), url, authors, org, year, kind,
                 description, eid * 10, first_seen, NOW, NOW if retired else None)
        key = f"{source}:{section}"
        if key not in self.sections:
            self.sql("INSERT INTO sections(source_id, parent_id, title, path, position) "
                     "VALUES (?, NULL, ?, ?, 0)", source, section.split(" > ")[-1], section)
            self.sections[key] = int(self.conn.exec_driver_sql(
                "SELECT max(id) FROM sections").scalar_one())
        self.sql("INSERT INTO placements(entry_id, source_id, section_id, position) "
                 "VALUES (?, ?, ?, ?)", eid, source, self.sections[key], eid)
        return eid

    def state(self, eid: int, status: str = "unread", priority: int = 1,
              rating: int | None = None, changed: str = NOW, reader: int = ME) -> None:
        self.sql("INSERT OR REPLACE INTO reading_state(reader_id, entry_id, status, priority, "
                 "rating, status_changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                 reader, eid, status, priority, rating, changed)

    def note(self, eid: int, body: str, updated: str = NOW) -> None:
        self.sql("INSERT INTO notes (reader_id, entry_id, body, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?)", ME, eid, body, NOW, updated)

    def tag(self, eid: int, name: str) -> None:
        self.sql("INSERT OR IGNORE INTO tags(reader_id, name) VALUES (?, ?)", ME, name)
        self.sql("INSERT INTO entry_tags SELECT id, ? FROM tags WHERE name = ?", eid, name)

    def queue(self, name: str, *eids: int) -> None:
        self.sql("INSERT INTO queues(reader_id, name, position) VALUES (?, ?, 0)", ME, name)
        for pos, eid in enumerate(eids):
            self.sql("INSERT INTO queue_items SELECT id, ?, ?, ? FROM queues WHERE name = ?",
                     eid, float(pos), NOW, name)

    def run(self, source: int, changes: dict[int, str]) -> None:
        self.sql("INSERT INTO import_runs(source_id, started_at, seconds, content_hash, entries,"
                 " added, changed, moved, retired, revived, unchanged, forced) "
                 "VALUES (?, ?, 0, '', 0, 0, 0, 0, 0, 0, 0, 0)", source, NOW)
        run = int(self.conn.exec_driver_sql("SELECT max(id) FROM import_runs").scalar_one())
        for eid, change in changes.items():
            self.sql("INSERT INTO entry_changes(run_id, entry_id, change, fields, detail) "
                     "VALUES (?, ?, ?, '', '')", run, eid, change)


@pytest.fixture
def conn(db_path: Path) -> Iterator[sqlalchemy.Connection]:
    engine = open_engine(db_path)
    with engine.connect() as connection:
        yield connection
    engine.dispose()


@pytest.fixture
def lib(conn: sqlalchemy.Connection) -> Lib:
    return Lib(conn)


def ids(conn: sqlalchemy.Connection, query: str, **kw: Any) -> list[int]:
    return search_ids(conn, ME, query, **kw)


def test_empty_query_lists_everything_in_list_order(conn: sqlalchemy.Connection,
                                                     lib: Lib) -> None:
    a, b, c = lib.entry("A"), lib.entry("B"), lib.entry("C")
    lib.sql("UPDATE entries SET list_order = 1 WHERE id = ?", c)
    assert ids(conn, "") == [c, a, b]
    assert count_matches(conn, ME, "") == 3


def test_words_match_every_indexed_column(conn: sqlalchemy.Connection, lib: Lib) -> None:
    t = lib.entry("Attention Is All You Need")
    d = lib.entry("Other", description="uses self-attention heavily")
    au = lib.entry("X", authors="Ashish Vaswani")
    o = lib.entry("Y", org="DeepMind")
    lib.entry("Unrelated")
    assert set(ids(conn, "attention")) == {t, d}
    assert ids(conn, "vaswani") == [au]
    assert ids(conn, "deepmind") == [o]


def test_all_words_must_match_and_phrases_are_exact(conn: sqlalchemy.Connection,
                                                    lib: Lib) -> None:
    a = lib.entry("Language model pretraining")
    b = lib.entry("Model of language")
    assert set(ids(conn, "language model")) == {a, b}
    assert ids(conn, '"language model"') == [a]


def test_title_match_outranks_description_match(conn: sqlalchemy.Connection,
                                                lib: Lib) -> None:
    desc = lib.entry("Some survey", description="a long text about transformers and more")
    title = lib.entry("Transformers explained", description="an article")
    assert ids(conn, "transformers") == [title, desc]
    assert ids(conn, "transformers", sort="-relevance") == [desc, title]


def test_prefix_last_finds_partial_words(conn: sqlalchemy.Connection, lib: Lib) -> None:
    a = lib.entry("Attention mechanisms")
    assert ids(conn, "atten") == []
    assert ids(conn, "atten", prefix_last=True) == [a]
    assert count_matches(conn, ME, "atten", prefix_last=True) == 1
    assert ids(conn, "atten ", prefix_last=True) == []


@pytest.mark.parametrize("text", ['NEAR(', '*', '"', 'a"b', 'AND', 'x OR', '^title',
                                  '{title}: x', 'NOT', 'title:*', '(((', 'col:"" x'])
def test_fts_syntax_never_leaks(conn: sqlalchemy.Connection, lib: Lib, text: str) -> None:
    lib.entry("near title x")
    try:
        ids(conn, text, prefix_last=True)
    except QueryError as err:
        assert str(err)  # a clear error is fine; an sqlite crash is not


def test_punctuation_only_terms_are_ignored(conn: sqlalchemy.Connection, lib: Lib) -> None:
    a, b = lib.entry("alpha"), lib.entry("beta")
    assert ids(conn, "* &") == [a, b]
    assert ids(conn, "alpha *") == [a]


def test_status_unread_includes_untouched_entries(conn: sqlalchemy.Connection,
                                                  lib: Lib) -> None:
    untouched, touched, read, reading = (lib.entry(t) for t in "ABCD")
    lib.state(touched, "unread", priority=3)
    lib.state(read, "read")
    lib.state(reading, "reading")
    lib.state(untouched, "read", reader=2)  # another reader's state does not count
    assert ids(conn, "status:unread") == [untouched, touched]
    assert ids(conn, "status:read") == [read]
    assert ids(conn, "-status:read") == [untouched, touched, reading]
    assert ids(conn, "status:reading OR status:read") == [read, reading]


def test_priority_defaults_to_normal(conn: sqlalchemy.Connection, lib: Lib) -> None:
    plain, high, low, urgent = (lib.entry(t) for t in "ABCD")
    lib.state(high, priority=2)
    lib.state(low, priority=0)
    lib.state(urgent, priority=3)
    assert ids(conn, "priority:>=high") == [high, urgent]
    assert ids(conn, "priority:normal") == [plain]
    assert ids(conn, "priority:<=normal") == [plain, low]
    assert ids(conn, "-priority:low") == [plain, high, urgent]


def test_rating(conn: sqlalchemy.Connection, lib: Lib) -> None:
    none, four, two = lib.entry("A"), lib.entry("B"), lib.entry("C")
    lib.state(four, "read", rating=4)
    lib.state(two, "read", rating=2)
    assert ids(conn, "rating:>=4") == [four]
    assert ids(conn, "rating:2..3") == [two]
    assert ids(conn, "has:rating") == [four, two]
    assert ids(conn, "-has:rating") == [none]


def test_queue_tag_section_kind_source(conn: sqlalchemy.Connection, lib: Lib) -> None:
    a = lib.entry("A", section="Papers > Attention Mechanism", kind="paper")
    b = lib.entry("B", section="Code > Libraries", kind="code", source=2)
    c = lib.entry("C", section="Articles", kind="article")
    lib.queue("Next up", b, a)
    lib.tag(a, "RLHF")
    lib.tag(c, "rlhf-adjacent")
    assert ids(conn, 'queue:"next UP"') == [b, a]  # in the queue's order, not the list's
    assert ids(conn, "tag:rlhf") == [a]
    assert ids(conn, "tag:nothing") == []
    assert ids(conn, "section:attention") == [a]
    assert ids(conn, "section:papers") == [a]
    assert ids(conn, "section:%") == []
    assert ids(conn, "kind:code") == [b]
    assert ids(conn, 'source:"other list"') == [b]
    assert ids(conn, "has:queue") == [a, b]
    assert ids(conn, "has:tag") == [a, c]


def test_year_comparisons_and_negation_keep_unknown_years(conn: sqlalchemy.Connection,
                                                          lib: Lib) -> None:
    y19, y21, y23, none = (lib.entry(str(y), year=y) for y in (2019, 2021, 2023, None))
    assert ids(conn, "year:2021") == [y21]
    assert ids(conn, "year:>=2021") == [y21, y23]
    assert ids(conn, "year:<2021") == [y19]
    assert ids(conn, "year:2019..2021") == [y19, y21]
    assert ids(conn, "-year:>=2021") == [y19, none]


def test_author_title_org_fields(conn: sqlalchemy.Connection, lib: Lib) -> None:
    a = lib.entry("Attention", authors="Ashish Vaswani, Noam Shazeer", org="Google")
    b = lib.entry("About Vaswani", authors="Someone Else")
    assert ids(conn, "author:vaswani") == [a]
    assert ids(conn, "author:vasw") == [a]
    assert ids(conn, "title:vaswani") == [b]
    assert ids(conn, "org:google") == [a]


def test_has_note_url_and_is_fields(conn: sqlalchemy.Connection, lib: Lib) -> None:
    noted, blank, nourl = lib.entry("A"), lib.entry("B"), lib.entry("C", url=None)
    lib.note(noted, "thoughts")
    lib.note(blank, "   ")
    assert ids(conn, "has:note") == [noted]
    assert ids(conn, "-has:url") == [nourl]


def test_is_new_and_changed_use_latest_run_per_source(conn: sqlalchemy.Connection,
                                                      lib: Lib) -> None:
    old, new, changed, other = (lib.entry(t) for t in "ABCD")
    o2 = lib.entry("E", source=2)
    lib.run(1, {old: "added"})
    lib.run(2, {o2: "added"})
    lib.run(1, {new: "added", changed: "moved", other: "retired"})
    assert ids(conn, "is:new") == [new, o2]
    assert ids(conn, "is:changed") == [changed]


def test_retired_hidden_unless_asked(conn: sqlalchemy.Connection, lib: Lib) -> None:
    live = lib.entry("Live paper")
    gone = lib.entry("Gone paper", retired=True)
    assert ids(conn, "paper") == [live]
    assert count_matches(conn, ME, "") == 1
    assert ids(conn, "is:retired") == [gone]
    assert ids(conn, "paper is:retired") == [gone]
    assert ids(conn, "paper -is:retired") == [live]
    assert ids(conn, "paper", include_retired=True) == [live, gone]
    assert count_matches(conn, ME, "", include_retired=True) == 2


def test_or_and_grouping_mix_text_and_fields(conn: sqlalchemy.Connection, lib: Lib) -> None:
    a, b, c = lib.entry("bert base"), lib.entry("gpt two"), lib.entry("t5 model")
    lib.state(c, "read")
    assert ids(conn, "bert OR gpt") == [a, b]
    assert ids(conn, "bert OR status:read") == [a, c]
    assert ids(conn, "-(bert OR gpt)") == [c]
    assert ids(conn, "(bert OR t5) -status:read") == [a]
    assert ids(conn, "-bert") == [b, c]
    assert ids(conn, "model -gpt") == [c]


def test_index_follows_edits(conn: sqlalchemy.Connection, lib: Lib) -> None:
    a = lib.entry("Plain title")
    lib.note(a, "remember the zebra argument")
    assert ids(conn, "zebra") == [a]
    lib.sql("UPDATE notes SET body = 'now about giraffes' WHERE entry_id = ?", a)
    assert ids(conn, "zebra") == [] and ids(conn, "giraffes") == [a]
    lib.sql("DELETE FROM notes WHERE entry_id = ?", a)
    assert ids(conn, "giraffes") == []
    lib.tag(a, "llmops")
    assert ids(conn, "llmops") == [a] and ids(conn, "tag:llmops") == [a]
    lib.sql("DELETE FROM entry_tags WHERE entry_id = ?", a)
    assert ids(conn, "llmops") == []
    lib.sql("UPDATE entries SET title = 'Renamed thing' WHERE id = ?", a)
    assert ids(conn, "plain") == [] and ids(conn, "renamed") == [a]


@pytest.mark.parametrize(("sort", "expected"), [
    ("list", [1, 2, 3]), ("-list", [3, 2, 1]), ("title", [2, 3, 1]), ("year", [3, 1, 2]),
    ("-year", [1, 3, 2]), ("priority", [2, 1, 3]), ("status", [3, 2, 1]), ("note", [2, 1, 3]),
    ("added", [3, 1, 2]), ("relevance", [1, 2, 3]),
])
def test_sorts(conn: sqlalchemy.Connection, lib: Lib, sort: str, expected: list[int]) -> None:
    lib.entry("zeta", year=2020, first_seen="2026-01-02")
    lib.entry("Alpha", year=None, first_seen="2026-01-01")
    lib.entry("beta", year=2024, first_seen="2026-01-03")
    lib.state(2, priority=3, changed="2026-02-01")
    lib.state(3, "read", changed="2026-03-01")
    lib.note(1, "n", updated="2026-01-01")
    lib.note(2, "n", updated="2026-05-01")
    assert ids(conn, "", sort=sort) == expected


def test_limit_and_offset(conn: sqlalchemy.Connection, lib: Lib) -> None:
    made = [lib.entry(f"e{i}") for i in range(5)]
    assert ids(conn, "", limit=2) == made[:2]
    assert ids(conn, "", limit=2, offset=3) == made[3:]


def test_unknown_sort_lists_choices(conn: sqlalchemy.Connection, lib: Lib) -> None:
    with pytest.raises(QueryError) as info:
        ids(conn, "", sort="titel")
    assert "'titel'" in str(info.value) and "did you mean 'title'?" in str(info.value)
    assert "relevance, list, title" in str(info.value)


def test_unknown_queue_and_source_name_the_existing_ones(conn: sqlalchemy.Connection,
                                                         lib: Lib) -> None:
    lib.queue("Next up")
    lib.queue("This week")
    with pytest.raises(QueryError) as info:
        ids(conn, 'kind:paper queue:"Nxt up"')
    assert "no queue named 'Nxt up'" in str(info.value)
    assert "did you mean 'Next up'?" in str(info.value) and "This week" in str(info.value)
    assert info.value.position == 11
    with pytest.raises(QueryError) as info:
        count_matches(conn, ME, "source:nope")
    assert "no source named 'nope'" in str(info.value) and "awesome-nlp" in str(info.value)


def test_syntax_errors_surface_from_search(conn: sqlalchemy.Connection, lib: Lib) -> None:
    with pytest.raises(QueryError, match="did you mean 'status'"):
        ids(conn, "stat:read")


def test_count_many_matches_count_matches(conn: sqlalchemy.Connection, lib: Lib) -> None:
    a, b, c, d = (lib.entry(t) for t in "ABCD")
    lib.entry("R", retired=True)
    lib.state(a, "read")
    lib.state(b, "to-read")
    lib.state(c, "unread")
    lib.queue("Next up", a, b)
    queries = {f"s-{s}": f"status:{s}" for s in ("unread", "to-read", "reading", "read",
                                                  "skipped")}
    queries |= {"q": 'queue:"Next up"', "saved": "-status:read", "bad": "queue:gone",
                "new": "is:new"}
    counts = count_many(conn, ME, queries)
    assert list(counts) == list(queries)
    for key, text in queries.items():
        if key != "bad":
            assert counts[key] == count_matches(conn, ME, text), key
    assert counts["s-unread"] == 2 and counts["bad"] == -1


def test_read_by_and_noted_by_see_only_what_the_reader_may(conn: sqlalchemy.Connection,
                                                          lib: Lib) -> None:
    a, b, c = lib.entry("Alpha"), lib.entry("Beta"), lib.entry("Gamma")
    lib.state(a, "read", reader=2)
    lib.state(b, "reading", reader=2)
    lib.state(c, "read")
    lib.sql("INSERT INTO notes(reader_id, entry_id, body, created_at, updated_at, shared) "
            "VALUES (2, ?, 'private', ?, ?, 0), (2, ?, 'shared', ?, ?, 1), "
            "(2, ?, '  ', ?, ?, 1)", a, NOW, NOW, b, NOW, NOW, c, NOW, NOW)
    assert search_ids(conn, ME, "read-by:other") == [a]
    assert search_ids(conn, ME, "read-by:me") == [c]
    assert search_ids(conn, ME, "noted-by:other") == [b]  # a's note is private, c's empty
    assert search_ids(conn, 2, "noted-by:other") == [a, b]
    assert search_ids(conn, ME, "-read-by:other") == [b, c]
    with pytest.raises(QueryError) as err:
        search_ids(conn, ME, "read-by:othr")
    assert "no reader named 'othr'" in str(err.value)
    assert "did you mean 'other'" in (err.value.hint or "")
