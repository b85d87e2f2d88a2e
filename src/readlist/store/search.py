"""Run queries: compile a query's syntax tree to one SQL statement over entries and FTS5.

Free words, phrases and author:/title:/org: terms of the top-level AND become one FTS5
MATCH that drives the statement and ranks it by bm25 (title weighted highest; ties by id).
Everything else — fields, and text inside OR/NOT mixed with fields — becomes SQL predicates
of the form `id [NOT] IN (subquery)` (entries is joined only when a predicate or the sort
reads one of its columns), so SQLite can either drive from a small indexed set (a queue, a
status, a tag) or probe a materialised set while walking entries in list order.

An entry with no reading_state row is `unread` with priority `normal`; retired entries are
hidden unless the query mentions is:retired or the caller passes include_retired.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from readlist.core.errors import QueryError
from readlist.core.scope import PATH_SEPARATOR, Scope
from readlist.query.fts import fts_expr, has_tokens, phrase, prune, split_conjuncts
from readlist.query.nodes import And, Field, Node, Not, Or, Range, mentions
from readlist.query.parse import parse_query, suggest
from readlist.store.lite import Reads
from readlist.store.paper_index import has_paper_text
from readlist.store.queries import LATEST_CHANGING_RUNS

__all__ = ["SORTS", "count_many", "count_matches", "search_ids"]

Params = list[object]

#: bm25 column weights: title, authors, organization, description, notes, tags.
_RANK = "bm25(entry_fts, 10.0, 5.0, 3.0, 1.0, 2.0, 4.0)"
_RS = "SELECT entry_id FROM reading_state WHERE reader_id = ?"
_LATEST_RUNS = LATEST_CHANGING_RUNS
_USES_ENTRIES = re.compile(r"\be\.")
_RETIRED = "@id IN (SELECT id FROM entries WHERE retired_at IS NOT NULL)"
_FIRST_PLACE = ("FROM queue_items qi JOIN queues q ON q.id = qi.queue_id WHERE q.reader_id = ? "
                "AND qi.entry_id = e.id ORDER BY q.position, q.id LIMIT 1")
#: Above this many raw FTS matches, relevance is tiered instead of bm25-ranked (bm25 costs
#: ~1 µs a match plus the sort: 60 ms for 59k matches at 100k entries, bench/search.py).
BROAD_MATCHES = 10_000

#: Sort name → keys (SQL expression, descending, nullable). `?` in a key is the reader id.
SORTS: dict[str, tuple[tuple[str, bool, bool], ...]] = {
    "relevance": (),
    "list": (("e.list_order", False, False), ("e.id", False, False)),
    "title": (("e.title COLLATE NOCASE", False, False), ("e.id", False, False)),
    "year": (("e.year", True, True), ("e.list_order", False, False), ("e.id", False, False)),
    "priority": (("coalesce((SELECT priority FROM reading_state WHERE reader_id = ? "
                  "AND entry_id = e.id), 1)", True, False),
                 ("e.list_order", False, False), ("e.id", False, False)),
    "status": (("(SELECT status_changed_at FROM reading_state WHERE reader_id = ? "
                "AND entry_id = e.id)", True, True), ("e.list_order", False, False),
               ("e.id", False, False)),
    "note": (("(SELECT updated_at FROM notes WHERE reader_id = ? AND entry_id = e.id)",
              True, True), ("e.list_order", False, False), ("e.id", False, False)),
    "added": (("e.first_seen", True, False), ("e.id", True, False)),
    # what to read next: priority, then the entry's place in the reader's queues (the first
    # queue it is in, by queue order; unqueued last), then list order
    "next": (("coalesce((SELECT priority FROM reading_state WHERE reader_id = ? "
              "AND entry_id = e.id), 1)", True, False),
             (f"(SELECT q.position {_FIRST_PLACE})", False, True),
             (f"(SELECT qi.position {_FIRST_PLACE})", False, True),
             ("e.list_order", False, False), ("e.id", False, False)),
}
#: A query naming one queue (at its top level, not negated) lists in that queue's order
#: unless a sort is given; `{}` is the queue's id.
_QUEUE_ORDER = (("(SELECT position FROM queue_items WHERE queue_id = {} AND entry_id = e.id)",
                 False, True), ("e.list_order", False, False), ("e.id", False, False))


@dataclass(frozen=True)
class _Plan:
    """A compiled query: the driving FTS5 expression (if any) and the SQL filter."""

    match: str | None
    where: str
    params: tuple[object, ...]
    #: for a word search whose filters are all id sets: (to keep, to drop), for counting
    sets: tuple[Sets, Sets] | None = None
    #: the one queue the query names at its top level: results come in its order
    queue: int | None = None
    #: the words may also match papers' abstracts and PDF text (paper_fts)
    papers: bool = False

    @property
    def id_col(self) -> str:
        return "e.id" if self.match is None else "entry_fts.rowid"

    def from_where(self, join: bool = False) -> tuple[str, Params]:
        """FROM … WHERE …; an FTS-driven plan joins entries only if asked or if it must."""
        # unary + keeps SQLite from handing `rowid IN (…)` to FTS5 as a per-row lookup
        where = self.where.replace("@id", "+entry_fts.rowid" if self.match else "e.id")
        if self.match is None:
            return "FROM entries e" + (f" WHERE {where}" if where else ""), list(self.params)
        join = join or _USES_ENTRIES.search(where) is not None
        sql = ("FROM entry_fts" + (" CROSS JOIN entries e ON e.id = entry_fts.rowid" if join
                                   else "")
               + " WHERE entry_fts MATCH ?" + (f" AND {where}" if where else ""))
        return sql, [self.match, *self.params]


class _Compiler:
    """Turns tree nodes into SQL predicates on `entries e`; looks up queue/source names."""

    def __init__(self, conn: Reads, reader_id: int) -> None:
        self.conn = conn
        self.reader = reader_id
        self.queues: dict[Field, str] = {}
        self.papers = has_paper_text(conn)

    def pred(self, node: Node) -> tuple[str, Params]:
        if isinstance(node, Not):
            sql, params = self.pred(node.child)
            return f"NOT ({sql})", params
        if isinstance(node, And | Or):
            expr = fts_expr(node)
            if expr is not None:
                return self.words(expr)
            parts = [self.pred(child) for child in node.children]
            params = [p for _, child_params in parts for p in child_params]
            if isinstance(node, Or) and all(_is_set(sql) for sql, _ in parts):
                # one IN over a UNION lets SQLite drive from the small sets, not scan entries
                union = " UNION ".join(sql[len("@id IN ("):-1] for sql, _ in parts)
                return f"@id IN ({union})", params
            joiner = " AND " if isinstance(node, And) else " OR "
            return joiner.join(f"({sql})" for sql, _ in parts), params
        if isinstance(node, Range):
            return self.range(node)
        if isinstance(node, Field):
            return self.field(node)
        expr = fts_expr(node)
        assert expr is not None  # pruned terms always have tokens
        return self.words(expr)

    def words(self, expr: str) -> tuple[str, Params]:
        """Entries whose text matches `expr`, or whose paper text does (free words only)."""
        if self.papers and _paper_words(expr):
            return ("@id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? UNION "
                    "SELECT rowid FROM paper_fts WHERE paper_fts MATCH ? ORDER BY 1)",
                    [expr, expr])  # ORDER BY: a merge of the two streams, as below
        return "@id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?)", [expr]

    def field(self, node: Field) -> tuple[str, Params]:
        name, value, r = node.name, node.value, self.reader
        if name == "status":
            if value == "unread":
                return f"@id NOT IN ({_RS} AND status <> 'unread')", [r]
            return f"@id IN ({_RS} AND status = ?)", [r, value]
        if name == "kind":
            return "e.kind = ?", [value]
        if name == "venue":  # a word of the venue or its start: acl is not NAACL
            like: tuple[str, Params] = ("(' ' || e.venue) LIKE ? ESCAPE '\\'",
                                        [f"% {_like_escape(value)}%"])
            if not has_tokens(value):
                return like
            # the index's description column holds the venue too: it finds the few
            # candidates, the LIKE keeps those whose venue (not description) has the word
            return (f"(@id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?) "
                    f"AND {like[0]})", [f"{{description}} : {phrase(value, prefix=True)}",
                                        *like[1]])
        if name == "tag":
            return ("@id IN (SELECT et.entry_id FROM entry_tags et JOIN tags t "
                    "ON t.id = et.tag_id WHERE t.reader_id = ? AND t.name = ? COLLATE NOCASE)",
                    [r, value])
        if name == "section":
            return ("@id IN (SELECT p.entry_id FROM placements p JOIN sections s "
                    "ON s.id = p.section_id WHERE s.path LIKE ? ESCAPE '\\')",
                    [f"%{_like_escape(value)}%"])
        if name == "queue":
            ids = self.lookup(node, "queue", "SELECT id, name FROM queues WHERE reader_id = ?",
                              [r])
            self.queues[node] = ids
            return f"@id IN (SELECT entry_id FROM queue_items WHERE queue_id IN ({ids}))", []
        if name == "source":
            # by name or by current title: a list renamed upstream keeps its saved searches
            ids = self.lookup(node, "source", "SELECT id, name FROM sources UNION "
                              "SELECT id, title FROM sources WHERE title <> ''", [])
            return f"@id IN (SELECT entry_id FROM placements WHERE source_id IN ({ids}))", []
        if name in ("read-by", "noted-by"):
            return self.by_reader(node)
        if name == "has":
            has: dict[str, tuple[str, Params]] = {
                "note": ("@id IN (SELECT entry_id FROM notes INDEXED BY ix_notes_nonempty "
                         "WHERE reader_id = ? AND trim(body) <> '')", [r]),
                "tag": ("@id IN (SELECT et.entry_id FROM entry_tags et JOIN tags t "
                        "ON t.id = et.tag_id WHERE t.reader_id = ?)", [r]),
                "url": ("coalesce(e.url, '') <> ''", []),
                "rating": (f"@id IN ({_RS} AND rating IS NOT NULL)", [r]),
                "queue": ("@id IN (SELECT qi.entry_id FROM queue_items qi JOIN queues q "
                          "ON q.id = qi.queue_id WHERE q.reader_id = ?)", [r]),
                "pdf": ("@id IN (SELECT entry_id FROM paper_files)", []),
                "abstract": ("@id IN (SELECT entry_id FROM enrichment WHERE abstract <> '')",
                             []),
            }
            return has[value]
        if name == "is":
            if value == "retired":
                return _RETIRED, []
            changes = "'added'" if value == "new" else "'changed', 'moved', 'revived'"
            return (f"@id IN (SELECT entry_id FROM entry_changes WHERE change IN ({changes}) "
                    f"AND run_id IN ({_LATEST_RUNS}))", [])
        expr = fts_expr(node)  # author:, title:, org: search one FTS column
        assert expr is not None
        return "@id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?)", [expr]

    def by_reader(self, node: Field) -> tuple[str, Params]:
        """read-by: that reader's status is read; noted-by: that reader has a non-empty note
        the current reader may see (their own, or one shared with the group)."""
        ids = self.lookup(node, "reader", "SELECT id, name FROM readers", [])
        if node.name == "read-by":
            return (f"@id IN (SELECT entry_id FROM reading_state WHERE reader_id IN ({ids}) "
                    "AND status = 'read')", [])
        return (f"@id IN (SELECT entry_id FROM notes WHERE reader_id IN ({ids}) "
                "AND trim(body) <> '' AND (reader_id = ? OR shared = 1))", [self.reader])

    def range(self, node: Range) -> tuple[str, Params]:
        if node.name == "year":
            cond, params = _between("e.year", node.low, node.high)
            return f"(e.year IS NOT NULL AND {cond})", params
        if node.name == "rating":
            cond, params = _between("rating", node.low, node.high)
            return f"@id IN ({_RS} AND {cond})", [self.reader, *params]
        cond, params = _between("priority", node.low, node.high)
        default = 1  # an entry without a reading_state row has priority normal
        if (node.low is None or node.low <= default) and (node.high is None
                                                         or default <= node.high):
            return f"@id NOT IN ({_RS} AND NOT ({cond}))", [self.reader, *params]
        return f"@id IN ({_RS} AND {cond})", [self.reader, *params]

    def lookup(self, node: Field, what: str, sql: str, params: Params) -> str:
        """Ids of the queues/sources named `node.value` (case-insensitive) as an SQL list."""
        rows = self.conn.exec_driver_sql(sql, tuple(params)).all()
        wanted = node.value.casefold()
        ids = sorted({str(int(row[0])) for row in rows if str(row[1]).casefold() == wanted})
        if ids:
            return ", ".join(ids)
        names = sorted(str(row[1]) for row in rows)
        close = suggest(node.value, [n.lower() for n in names])
        hint = ((f"did you mean {next(n for n in names if n.lower() == close)!r}? " if close
                 else "") + (f"{what}s: {', '.join(names)}" if names
                             else f"there are no {what}s yet"))
        raise QueryError(f"no {what} named {node.value!r} (column {node.pos + 1})",
                         node.pos, hint)


def _paper_words(match: str) -> bool:
    """Free words without column filters or negation: what paper text can match too."""
    return "{" not in match and " NOT (" not in match


def _is_set(sql: str) -> bool:
    """True for a predicate that is exactly `@id IN (one subquery)`."""
    if not (sql.startswith("@id IN (") and sql.endswith(")")):
        return False
    depth = 0
    for ch in sql[len("@id IN ("):-1]:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


def _between(column: str, low: int | None, high: int | None) -> tuple[str, Params]:
    if low is not None and high is not None:
        return (f"{column} = ?", [low]) if low == high else (f"{column} BETWEEN ? AND ?",
                                                             [low, high])
    if low is not None:
        return f"{column} >= ?", [low]
    return f"{column} <= ?", [high]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _scope_pred(scope: Scope) -> tuple[str, Params]:
    """The entries placed in the scope's source, under its heading or a subheading of it."""
    where: list[str] = []
    params: Params = []
    if scope.source is not None:
        where.append("p.source_id IN (SELECT id FROM sources WHERE name = ?)")
        params.append(scope.source)
    if scope.section is not None:
        where.append("p.section_id IN (SELECT id FROM sections WHERE path = ? "
                     "OR substr(path, 1, ?) = ?)")
        prefix = scope.section + PATH_SEPARATOR
        params += [scope.section, len(prefix), prefix]
    return (f"@id IN (SELECT p.entry_id FROM placements p WHERE {' AND '.join(where)})",
            params)


def _plan(conn: Reads, reader_id: int, query: str, include_retired: bool,
          prefix_last: bool, scope: Scope | None = None) -> _Plan:
    root = prune(parse_query(query, prefix_last=prefix_last))
    match, rest = split_conjuncts(root) if root is not None else (None, [])
    compiler = _Compiler(conn, reader_id)
    parts = [compiler.pred(node) for node in rest]
    if scope is not None and not scope.empty:
        parts.append(_scope_pred(scope))
    if not (include_retired or mentions(root, "is", "retired")):
        # unary +: the (nearly all) live entries are no index range to drive from; walking
        # list order and skipping the few retired gives the first page at once (100k:
        # 30 ms -> 0.2 ms for the empty query)
        parts.insert(0, ("+e.retired_at IS NULL" if match is None else f"NOT ({_RETIRED})", []))
    positive, negative, other = _classify(parts)
    sets = (positive, negative) if match is not None and not other else None
    parts = _combine_sets(parts)
    where = " AND ".join(f"({sql})" for sql, _ in parts)
    named = [compiler.queues[n] for n in rest if isinstance(n, Field) and n.name == "queue"]
    queue = int(named[0]) if len(named) == 1 and named[0].isdigit() else None
    papers = match is not None and compiler.papers and _paper_words(match)
    return _Plan(match, where, tuple(p for _, params in parts for p in params), sets, queue,
                 papers=papers)


_COMPOUND = re.compile(r"\b(UNION|INTERSECT|EXCEPT)\b")


def _member(sub: str) -> str:
    """A compound select as one member of another: SQLite's compound operators associate
    left with equal precedence, so `S INTERSECT A UNION B` would mean (S ∩ A) ∪ B."""
    return f"SELECT * FROM ({sub})" if _COMPOUND.search(sub) else sub


def _combine_sets(parts: list[tuple[str, Params]]) -> list[tuple[str, Params]]:
    """Fold the AND of id sets into one compound `@id IN (A INTERSECT B EXCEPT C)`.

    SQLite would otherwise build each set and probe it per candidate row; one compound
    select does the set algebra on sorted temp trees (42 ms -> 17 ms for a typical saved
    search at 100k entries). Needs at least one positive set to start from.
    """
    positive, negative, other = _classify(parts)
    if not positive or len(positive) + len(negative) < 2:
        return parts
    body, params = _compound(positive, negative)
    return [*other, (f"@id IN ({body})", params)]


Sets = list[tuple[str, Params]]


def _classify(parts: list[tuple[str, Params]]) -> tuple[Sets, Sets, Sets]:
    """Split predicates into id sets to keep, id sets to drop, and anything else."""
    positive: Sets = []
    negative: Sets = []
    other: Sets = []
    for sql, params in parts:
        if _is_set(sql):
            positive.append((sql[len("@id IN ("):-1], params))
        elif sql.startswith("NOT (") and sql.endswith(")") and _is_set(sql[5:-1]):
            negative.append((sql[5 + len("@id IN ("):-2], params))
        elif sql.startswith("@id NOT IN (") and _is_set("@id IN (" + sql[len("@id NOT IN ("):]):
            negative.append((sql[len("@id NOT IN ("):-1], params))
        else:
            other.append((sql, params))
    return positive, negative, other


def _compound(positive: Sets, negative: Sets) -> tuple[str, Params]:
    body = " INTERSECT ".join(_member(sub) for sub, _ in positive)
    if negative:
        body += " EXCEPT " + " EXCEPT ".join(_member(sub) for sub, _ in negative)
    return body, [p for _, ps in positive + negative for p in ps]


def _order_by(sort: str | None, has_match: bool, reader_id: int,
              queue: int | None = None) -> tuple[str, Params]:
    if sort is None and queue is not None:
        return ", ".join(f"{expr.format(queue)} ASC" + (" NULLS LAST" if nullable else "")
                         for expr, _, nullable in _QUEUE_ORDER), []
    name = (sort or "relevance").strip().lower()
    reverse = name.startswith("-")
    name = name.lstrip("-")
    if name not in SORTS:
        close = suggest(name, tuple(SORTS))
        raise QueryError(f"unknown sort {sort!r}",
                         None, (f"did you mean '{close}'? " if close else "")
                         + f"use one of {', '.join(SORTS)} (prefix '-' to reverse)")
    if name == "relevance":
        if has_match:
            return f"{_RANK} {'DESC' if reverse else 'ASC'}, entry_fts.rowid", []
        name = "list"
    keys: list[str] = []
    params: Params = []
    for expr, desc, nullable in SORTS[name]:
        direction = "ASC" if desc == reverse else "DESC"
        keys.append(f"{expr} {direction}" + (" NULLS LAST" if nullable else ""))
        params.extend([reader_id] * expr.count("?"))
    return ", ".join(keys), params


def _run(conn: Reads, sql: str, params: Params) -> Sequence[Any]:
    try:
        return conn.exec_driver_sql(sql, tuple(params)).scalars().all()
    except Exception as exc:  # defence in depth: user text is always quoted for FTS5
        orig = getattr(exc, "orig", exc)  # SQLAlchemy wraps the sqlite3 error
        if isinstance(orig, sqlite3.OperationalError) and "fts5" in str(orig).lower():
            raise QueryError(f"the search text could not be used: {orig}", None,
                             "remove unusual punctuation") from exc
        raise


def search_ids(conn: Reads, reader_id: int, query: str, *,
               include_retired: bool = False, sort: str | None = None,
               limit: int | None = None, offset: int = 0,
               prefix_last: bool = False, scope: Scope | None = None) -> list[int]:
    """Ids of the entries matching `query`, best first (bm25) or in `sort` order.

    `sort`: relevance (default; list order when the query has no words, queue order when
    it names one queue), list, title, year (newest first), priority (highest first),
    status (latest change first), note (latest edit first), added (newest first), next
    (priority, then place in the queues); prefix with '-' to reverse.

    Raises:
        QueryError: bad syntax, unknown field/value/queue/source or unknown sort.
    """
    plan = _plan(conn, reader_id, query, include_retired, prefix_last, scope)
    order, order_params = _order_by(sort, plan.match is not None, reader_id, plan.queue)
    if (plan.match is not None and plan.queue is None
            and (sort or "relevance").strip().lower() == "relevance"
            and _is_broad(conn, plan.match)):
        ids = _tiered(conn, plan, limit, offset)
    else:
        body, params = plan.from_where(join=_USES_ENTRIES.search(order) is not None)
        sql = f"SELECT {plan.id_col} {body} ORDER BY {order} LIMIT ? OFFSET ?"
        rows = _run(conn, sql, [*params, *order_params, -1 if limit is None else limit,
                                max(0, offset)])
        ids = [int(r) for r in rows]
    if plan.papers and (limit is None or len(ids) < limit):
        ids += _paper_only(conn, plan, reader_id, sort, limit, offset, ids)
    return ids


def _paper_only_from(plan: _Plan) -> tuple[str, Params]:
    """FROM … WHERE … of entries matching only by their paper text (abstract, PDF)."""
    where = plan.where.replace("@id", "e.id")
    # ORDER BY makes SQLite merge the two rowid-ordered FTS streams instead of building a
    # temp tree of every entry match (13 vs 27 ms for `model` at 100k, 2,000 papers)
    return ("FROM entries e WHERE e.id IN (SELECT rowid FROM paper_fts WHERE paper_fts MATCH ? "
            "EXCEPT SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? ORDER BY 1)"
            + (f" AND {where}" if where else ""), [plan.match, plan.match, *plan.params])


def _paper_only(conn: Reads, plan: _Plan, reader_id: int, sort: str | None,
                limit: int | None, offset: int, primary: list[int]) -> list[int]:
    """The page's share of entries found only inside papers: they follow the entries whose
    own text matched (those rank first), in list order or in `sort` order."""
    skip = 0
    if offset > 0 and not primary:
        primary_plan = _Plan(plan.match, plan.where, plan.params, plan.sets)
        body, params = primary_plan.from_where()
        skip = max(0, offset - int(_run(conn, f"SELECT count(*) {body}", params)[0]))
    order, order_params = _order_by(sort, False, reader_id)
    body, params = _paper_only_from(plan)
    want = -1 if limit is None else limit - len(primary)
    rows = _run(conn, f"SELECT e.id {body} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, *order_params, want, skip])
    return [int(r) for r in rows]


def _is_broad(conn: Reads, match: str) -> bool:
    """More raw matches than bm25 can rank within the latency budget (a bounded probe)."""
    n = _run(conn, "SELECT count(*) FROM (SELECT 1 FROM entry_fts WHERE entry_fts MATCH ? "
                   "LIMIT ?)", [match, BROAD_MATCHES + 1])[0]
    return int(n) > BROAD_MATCHES


def _tiered(conn: Reads, plan: _Plan, limit: int | None,
            offset: int) -> list[int]:
    """Relevance for very broad searches: entries with every word in the title first, then
    the rest, each in the order they entered the library. Both tiers stream from FTS5 in
    rowid order, so a page costs the same however many entries match."""
    # the whole match in both tiers: `{title} : (a NOT b)` alone would let in an entry
    # with `a` in its title and `b` elsewhere
    in_title = f"{{title}} : ({plan.match})"
    tiers = (f"({plan.match}) AND ({in_title})", f"({plan.match}) NOT ({in_title})")
    out: list[int] = []
    skip = max(0, offset)
    for match in tiers:
        tier = _Plan(match, plan.where, plan.params)
        body, params = tier.from_where()
        want = -1 if limit is None else limit - len(out)
        if want == 0:
            break
        rows = _run(conn, f"SELECT {tier.id_col} {body} ORDER BY entry_fts.rowid "
                          "LIMIT ? OFFSET ?", [*params, want, skip])
        out.extend(int(r) for r in rows)
        if skip:
            total = int(_run(conn, f"SELECT count(*) {body}", params)[0])
            skip = max(0, skip - total)
    return out


def count_matches(conn: Reads, reader_id: int, query: str, *,
                  include_retired: bool = False, prefix_last: bool = False,
                  scope: Scope | None = None) -> int:
    """How many entries `query` matches (same rules as search_ids).

    Raises:
        QueryError: as search_ids.
    """
    plan = _plan(conn, reader_id, query, include_retired, prefix_last, scope)
    extra = 0
    if plan.papers:
        body, params = _paper_only_from(plan)
        extra = int(_run(conn, f"SELECT count(*) {body}", params)[0])
    if plan.match is not None and plan.sets is not None and any(plan.sets):
        # set algebra on sorted temp trees beats probing each set per matching row
        # (31 ms -> 19 ms for `transformer -bert -status:read` at 100k entries)
        words: Sets = [("SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?", [plan.match])]
        body, params = _compound(words + plan.sets[0], plan.sets[1])
        return extra + int(_run(conn, f"SELECT count(*) FROM ({body})", params)[0])
    body, params = plan.from_where()
    return extra + int(_run(conn, f"SELECT count(*) {body}", params)[0])


def count_many(conn: Reads, reader_id: int,
               queries: dict[str, str]) -> dict[str, int]:
    """Counts for many queries at once (the sidebar), keyed like `queries`.

    All plain `status:X` queries share one grouped statement. A query that is not valid
    (say a saved search naming a deleted queue) counts -1 instead of failing the sidebar.
    """
    out: dict[str, int] = {}
    statuses: dict[str, str] = {}
    for key, text in queries.items():
        try:
            root = prune(parse_query(text))
            if isinstance(root, Field) and root.name == "status":
                statuses[key] = root.value
            else:
                out[key] = count_matches(conn, reader_id, text)
        except QueryError:
            out[key] = -1
    if statuses:
        per_status = status_counts(conn, reader_id)
        out.update({key: per_status.get(value, 0) for key, value in statuses.items()})
    return {key: out[key] for key in queries}


def status_counts(conn: Reads, reader_id: int) -> dict[str, int]:
    """Non-retired entries per reading status (unread includes entries never touched).

    Counted from reading_state (small) and the retired entries (few), never by joining
    every entry.
    """
    total = int(conn.exec_driver_sql(
        "SELECT (SELECT count(*) FROM entries) - "
        "(SELECT count(*) FROM entries WHERE retired_at IS NOT NULL)").scalar_one())
    counts: dict[str, int] = {}
    for status, n in conn.exec_driver_sql(
            "SELECT status, count(*) FROM reading_state WHERE reader_id = ? "
            "AND status <> 'unread' GROUP BY status", (reader_id,)).all():
        counts[str(status)] = int(n)
    for status, n in conn.exec_driver_sql(
            # CROSS JOIN: drive from the few retired entries (38 ms -> <1 ms at 100k)
            "SELECT rs.status, count(*) FROM entries e CROSS JOIN reading_state rs "
            "ON rs.entry_id = e.id AND rs.reader_id = ? WHERE e.retired_at IS NOT NULL "
            "AND rs.status <> 'unread' GROUP BY rs.status", (reader_id,)).all():
        counts[str(status)] = counts.get(str(status), 0) - int(n)
    counts["unread"] = total - sum(counts.values())
    return counts
