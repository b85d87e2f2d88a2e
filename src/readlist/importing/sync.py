"""Plan a re-import: match incoming entries to the library and decide, as data, what changes.

Pure: the store gathers the candidates, this module decides, the store applies the plan.
Matching order (DESIGN.md §3): normalised URL key, then normalised title, then a close title
match (rapidfuzz) among this source's unmatched entries in the same section.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from readlist.core.gcpause import gc_paused
from readlist.core.models import ChangeKind, EntryId, Kind, ParsedEntry, ParsedLink, ParsedList
from readlist.core.normalize import normalize_title
from readlist.importing.provenance import UNSAVED_SOURCE, Claim, shown_values

FUZZY_CUTOFF = 88.0
NOTE_JOINER = " · "
COMPARED_FIELDS = ("title", "url", "authors", "organization", "year", "kind", "description",
                   "links", "venue", "list_note")


@dataclass(frozen=True, slots=True)
class Existing:
    """An entry already in the library that the incoming list may refer to."""

    id: EntryId
    key: str
    title: str
    url: str | None
    authors: str
    organization: str
    year: int | None
    kind: str
    description: str
    links: tuple[ParsedLink, ...]
    retired: bool
    placements: tuple[tuple[tuple[str, ...], int], ...]  # in the source being imported
    placed_elsewhere: bool  # has a live placement in another source
    venue: str = ""
    list_note: str = ""
    own_claim: Claim | None = None  # what the importing list said last time
    other_claims: tuple[Claim, ...] = ()  # what the other lists that list it say

    def shown(self) -> dict[str, object]:
        return {"title": self.title, "url": self.url, "authors": self.authors,
                "organization": self.organization, "year": self.year, "kind": self.kind,
                "description": self.description, "venue": self.venue,
                "list_note": self.list_note}


@dataclass(slots=True)
class Incoming:
    """One resource of the incoming list, its occurrences merged."""

    key: str
    title: str
    url: str | None
    authors: str
    organization: str
    year: int | None
    kind: Kind
    description: str
    links: list[ParsedLink]
    placements: list[tuple[tuple[str, ...], int]]
    venue: str = ""
    list_note: str = ""

    def fields(self) -> dict[str, object]:
        return {"title": self.title, "url": self.url, "authors": self.authors,
                "organization": self.organization, "year": self.year,
                "kind": self.kind.value, "description": self.description,
                "links": tuple(self.links), "venue": self.venue, "list_note": self.list_note}

    def claim(self, source_id: int) -> Claim:
        """What this list says about the resource."""
        return Claim(source_id, self.title, self.url, self.authors, self.organization,
                     self.year, self.kind.value, self.description, self.venue, self.list_note)


@dataclass
class Decision:
    incoming: Incoming | None
    existing: Existing | None
    changes: list[ChangeKind]
    fields: tuple[str, ...] = ()
    detail: str = ""
    matched_by: str = ""
    claim: Claim | None = None  # what the importing list says now (None: it no longer lists it)
    shown: Incoming | None = None  # a vanished entry's values, shown from the other lists


@dataclass
class ImportPlan:
    decisions: list[Decision] = field(default_factory=list)
    entries: int = 0
    live_before: int = 0

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for d in self.decisions if kind in d.changes)

    @property
    def unchanged(self) -> int:
        return sum(1 for d in self.decisions if d.incoming is not None and not d.changes)


@gc_paused()
def merge_occurrences(parsed: ParsedList) -> list[Incoming]:
    """Fold occurrences of one key into one resource with several placements, list order kept."""
    by_key: dict[str, Incoming] = {}
    for occ in parsed.entries:
        found = by_key.get(occ.key)
        if found is None:
            by_key[occ.key] = _incoming(occ)
            continue
        found.placements.append((occ.section_path, occ.position))
        seen = {link.url for link in found.links}
        found.links.extend(link for link in occ.links if link.url not in seen)
        if not found.description and occ.description:
            found.description = occ.description
        for attr in ("authors", "organization", "venue"):
            if not getattr(found, attr) and getattr(occ, attr):
                setattr(found, attr, getattr(occ, attr))
        if occ.list_note and occ.list_note not in found.list_note.split(NOTE_JOINER):
            # each placement's own mark ("T5" among models, "C4" among corpora) is kept
            found.list_note = NOTE_JOINER.join(x for x in (found.list_note, occ.list_note) if x)
        if found.year is None:
            found.year = occ.year
    return list(by_key.values())


def _incoming(occ: ParsedEntry) -> Incoming:
    return Incoming(key=occ.key, title=occ.title, url=occ.url, authors=occ.authors,
                    organization=occ.organization, year=occ.year, kind=occ.kind,
                    description=occ.description, links=list(occ.links),
                    placements=[(occ.section_path, occ.position)], venue=occ.venue,
                    list_note=occ.list_note)


def plan_import(parsed: ParsedList, candidates: list[Existing],
                incoming: list[Incoming] | None = None, *,
                enrich_only: bool = False, source_id: int | None = None) -> ImportPlan:
    """Decide what an import does.

    Args:
        parsed: the incoming list.
        candidates: library entries that share a key or normalised title with the incoming
            list, plus every entry placed in this source (live or retired).
        enrich_only: the text is a poorer copy of the list (a copied page of a Markdown
            list): it retires and moves nothing, and an item whose title begins with a
            known entry's title (the page ran its description on) is that entry.
        source_id: the importing list (None: a new one), for its claims' rank.

    Returns:
        One decision per incoming resource and one per live entry of this source that vanished.
    """
    with gc_paused():
        return _plan(parsed, candidates, incoming, enrich_only, source_id)


def _plan(parsed: ParsedList, candidates: list[Existing], incoming: list[Incoming] | None,
          enrich_only: bool, source_id: int | None) -> ImportPlan:
    if incoming is None:
        incoming = merge_occurrences(parsed)
    plan = ImportPlan(entries=len(incoming))
    plan.live_before = sum(1 for c in candidates if c.placements and not c.retired)
    by_key = {c.key: c for c in candidates}
    by_title: dict[str, list[Existing]] = {}
    for c in candidates:
        by_title.setdefault(normalize_title(c.title), []).append(c)
    claimed: set[EntryId] = set()
    matches: dict[int, tuple[Existing, str]] = {}

    for i, inc in enumerate(incoming):
        hit = by_key.get(inc.key)
        if hit is not None:
            matches[i] = (hit, "key")
            claimed.add(hit.id)
    incoming_keys = {inc.key for inc in incoming}
    for i, inc in enumerate(incoming):
        if i in matches:
            continue
        options = [c for c in by_title.get(normalize_title(inc.title), [])
                   if c.id not in claimed and c.key not in incoming_keys]
        if options:
            best = min(options, key=lambda c: (not c.placements, c.retired, c.id))
            matches[i] = (best, "title")
            claimed.add(best.id)
    _fuzzy_matches(incoming, candidates, matches, claimed, incoming_keys)
    if enrich_only:
        _prefix_matches(incoming, candidates, matches, claimed)

    for i, inc in enumerate(incoming):
        found = matches.get(i)
        if found is None:
            plan.decisions.append(Decision(inc, None, [ChangeKind.ADDED]))
            continue
        if enrich_only and found[0].placements:
            inc.placements = list(found[0].placements)  # a copied page's headings are poorer
        plan.decisions.append(_compare(inc, found[0], found[1],
                                       UNSAVED_SOURCE if source_id is None else source_id))
    if enrich_only:
        return plan
    for c in candidates:
        if c.id in claimed or c.retired or not c.placements:
            continue
        changes = [] if c.placed_elsewhere else [ChangeKind.RETIRED]
        plan.decisions.append(_reshown(Decision(None, c, changes, detail=_paths(c.placements))))
    return plan


def _fuzzy_matches(incoming: list[Incoming], candidates: list[Existing],
                   matches: dict[int, tuple[Existing, str]], claimed: set[EntryId],
                   incoming_keys: set[str]) -> None:
    """Close title matches among this source's unmatched entries in the same section."""
    pool: dict[tuple[str, ...], list[Existing]] = {}
    for c in candidates:
        if c.id in claimed or c.key in incoming_keys:
            continue
        for path, _pos in c.placements:
            pool.setdefault(path, []).append(c)
    if not pool:
        return
    for i, inc in enumerate(incoming):
        if i in matches:
            continue
        for path, _pos in inc.placements:
            options = [c for c in pool.get(path, []) if c.id not in claimed]
            if not options:
                continue
            choices = {j: normalize_title(c.title) for j, c in enumerate(options)}
            best = process.extractOne(normalize_title(inc.title), choices,
                                      scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                chosen = options[best[2]]
                matches[i] = (chosen, "fuzzy")
                claimed.add(chosen.id)
                break


#: A known title must be this long to be taken as the start of a run-on copied title.
MIN_PREFIX = 8


def _prefix_matches(incoming: list[Incoming], candidates: list[Existing],
                    matches: dict[int, tuple[Existing, str]], claimed: set[EntryId]) -> None:
    """An unmatched copied item whose title starts with the title of an unclaimed entry of
    this source, on a word boundary, is that entry (the longest such title wins)."""
    pool = sorted(((normalize_title(c.title), c) for c in candidates
                   if c.placements and c.id not in claimed), key=lambda tc: -len(tc[0]))
    for i, inc in enumerate(incoming):
        if i in matches:
            continue
        wanted = normalize_title(inc.title)
        for known, c in pool:
            if (len(known) >= MIN_PREFIX and c.id not in claimed and wanted.startswith(known)
                    and wanted[len(known):len(known) + 1] in ("", " ")):
                matches[i] = (c, "prefix")
                claimed.add(c.id)
                break


def _compare(inc: Incoming, ex: Existing, matched_by: str, source_id: int) -> Decision:
    claim = inc.claim(source_id)
    if inc.url is None and ex.url:
        claim = claim.filled_from(ex.own_claim)
        _keep_richer(inc, ex)
    else:
        _show_claimed(inc, ex, claim)
    old = {"title": ex.title, "url": ex.url, "authors": ex.authors,
           "organization": ex.organization, "year": ex.year, "kind": ex.kind,
           "description": ex.description, "links": ex.links, "venue": ex.venue,
           "list_note": ex.list_note}
    new = inc.fields()
    changed = tuple(f for f in COMPARED_FIELDS if old[f] != new[f])
    changes: list[ChangeKind] = []
    if ex.retired:
        changes.append(ChangeKind.REVIVED)
    elif changed:
        changes.append(ChangeKind.CHANGED)
    old_paths = sorted({p for p, _ in ex.placements})
    new_paths = sorted({p for p, _ in inc.placements})
    detail = ""
    if ex.placements and old_paths != new_paths and not ex.retired:
        changes.append(ChangeKind.MOVED)
        detail = f"{_paths(ex.placements)} → {_paths(inc.placements)}"
    elif not ex.placements and not ex.retired:
        # known from another source: new to this one
        changes.append(ChangeKind.ADDED)
    return Decision(inc, ex, changes, fields=changed, detail=detail, matched_by=matched_by,
                    claim=claim)


def _keep_richer(inc: Incoming, ex: Existing) -> None:
    """A URL-less item (a copied page) knows less than the entry it matched: keep the entry's
    URL, links and text, and take only its place in the list."""
    inc.key, inc.url, inc.title = ex.key, ex.url, ex.title
    inc.links = list(ex.links)
    inc.kind = Kind(ex.kind) if ex.kind in Kind.__members__.values() else inc.kind
    inc.authors = ex.authors or inc.authors
    inc.organization = ex.organization or inc.organization
    inc.year = ex.year if ex.year is not None else inc.year
    inc.description = ex.description or inc.description
    inc.venue = ex.venue or inc.venue
    inc.list_note = ex.list_note or inc.list_note


def _show_claimed(inc: Incoming, ex: Existing, claim: Claim) -> None:
    """Show what the lists that list the entry say, by the rule of importing/provenance.py:
    a field is never emptied because this list lacks it, and importing several lists in turn
    settles on one value; an entry other lists cite keeps their links too."""
    shown = shown_values((*ex.other_claims, claim), ex.shown(), ex.own_claim)
    url = shown["url"]
    if url != inc.url:
        inc.key = ex.key  # the URL shown is another list's: so is the key
    inc.url = url if isinstance(url, str) else None
    for attr in ("title", "authors", "organization", "description", "venue", "list_note"):
        setattr(inc, attr, str(shown[attr]))
    year = shown["year"]
    inc.year = year if isinstance(year, int) else None
    kind = str(shown["kind"])
    inc.kind = Kind(kind) if kind in Kind.__members__.values() else inc.kind
    if ex.placed_elsewhere or ex.other_claims:
        seen = {link.url for link in ex.links}
        inc.links = list(ex.links) + [link for link in inc.links if link.url not in seen]


def _reshown(d: Decision) -> Decision:
    """An entry this list no longer lists shows what the other lists that list it say."""
    ex = d.existing
    if ex is None or not ex.other_claims:
        return d
    shown = shown_values(ex.other_claims, ex.shown())
    before = ex.shown()
    changed = tuple(f for f in COMPARED_FIELDS if f in shown and shown[f] != before[f])
    if not changed:
        return d
    url, year, kind = shown["url"], shown["year"], str(shown["kind"])
    d.shown = Incoming(key=ex.key, title=str(shown["title"]),
                       url=url if isinstance(url, str) else None,
                       authors=str(shown["authors"]), organization=str(shown["organization"]),
                       year=year if isinstance(year, int) else None,
                       kind=Kind(kind) if kind in Kind.__members__.values() else Kind.OTHER,
                       description=str(shown["description"]), links=list(ex.links),
                       placements=[], venue=str(shown["venue"]),
                       list_note=str(shown["list_note"]))
    d.fields = changed
    if ChangeKind.RETIRED not in d.changes:
        d.changes.append(ChangeKind.CHANGED)
    return d


def _paths(placements: tuple[tuple[tuple[str, ...], int], ...] | list[
        tuple[tuple[str, ...], int]]) -> str:
    return "; ".join(sorted({" > ".join(p) for p, _ in placements})) or "(no section)"


def match_source(title: str, sources: list[tuple[str, str]]) -> str | None:
    """Name of the known source that `title` most likely is (the same list in another shape).

    A copied web page's heading carries badge text ("… in NLP Awesome") that the Markdown
    heading spells as an image, so titles are compared loosely.

    Args:
        title: the incoming list's title.
        sources: (name, title) of every source in the library.
    """
    wanted = normalize_title(title)
    if not wanted:
        return None
    best: tuple[float, str] | None = None
    for name, known in sources:
        for candidate in (normalize_title(known), normalize_title(name)):
            if not candidate:
                continue
            score = fuzz.ratio(wanted, candidate)
            if score >= 88 and (best is None or score > best[0]):
                best = (score, name)
    return best[1] if best else None


def title_likeness(a: str, b: str) -> float:
    """0-100: how much two list titles share, word by word (a renamed list keeps most)."""
    return float(fuzz.token_set_ratio(normalize_title(a), normalize_title(b)))
