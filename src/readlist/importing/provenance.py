"""Provenance: what each list says about an entry (its claim), and which value the entry shows.

Pure policy; the store only keeps one claim per (entry, source) and hands them back.

The rule, per field (`shown_values`): among the claims of the lists that list the entry now
and state the field (a non-empty text, a year, a kind other than "other"), a text field
(title, authors, organisation, description, venue, list note) shows the longest value, ties
to the earliest source (lowest id, the list imported first); the URL, year and kind show the
earliest source's value (the first list's arXiv year is not replaced by a later list's
conference year). It depends on the claims only, never on the order of imports, so
importing lists A, B, A, B settles on one value. A field no current claim states keeps the
value shown before (a list that lacks a field never empties it), unless the importing list
itself had stated exactly that value and now withdraws it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

#: The fields a list can say something about, in the order of the claims table's columns.
CLAIM_FIELDS = ("title", "url", "authors", "organization", "year", "kind", "description",
                "venue", "list_note")
#: Fields whose richest value is the longest one; the others take the earliest source's.
TEXT_FIELDS = frozenset({"title", "authors", "organization", "description", "venue",
                         "list_note"})
#: The kind a list states when it says nothing about the kind.
UNSTATED_KIND = "other"
#: The rank of a list not saved yet: it is the newest source, so it loses ties.
UNSAVED_SOURCE = 2**62


@dataclass(frozen=True, slots=True)
class Claim:
    """What one list says about one entry."""

    source_id: int
    title: str = ""
    url: str | None = None
    authors: str = ""
    organization: str = ""
    year: int | None = None
    kind: str = UNSTATED_KIND
    description: str = ""
    venue: str = ""
    list_note: str = ""

    def value(self, name: str) -> object:
        return getattr(self, name)

    def states(self, name: str) -> bool:
        return stated(name, getattr(self, name))

    def same_as(self, other: Claim | None) -> bool:
        """The same statements, whoever made them."""
        return other is not None and all(self.value(f) == other.value(f) for f in CLAIM_FIELDS)

    def filled_from(self, older: Claim | None) -> Claim:
        """This claim, its unstated fields taken from `older` (a poorer copy of the same list)."""
        if older is None:
            return self
        mine, old = self.value, older.value
        pick = {f: (mine(f) if self.states(f) or not older.states(f) else old(f))
                for f in CLAIM_FIELDS}
        return Claim(self.source_id, str(pick["title"]), _text_or_none(pick["url"]),
                     str(pick["authors"]), str(pick["organization"]),
                     _int_or_none(pick["year"]), str(pick["kind"]), str(pick["description"]),
                     str(pick["venue"]), str(pick["list_note"]))


assert tuple(f.name for f in fields(Claim))[1:] == CLAIM_FIELDS


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) else None


def stated(name: str, value: object) -> bool:
    """Whether `value` says something about field `name`."""
    if value is None or value == "":
        return False
    return not (name == "kind" and value == UNSTATED_KIND)


def shown_values(claims: Sequence[Claim], previous: Mapping[str, object],
                 withdrawing: Claim | None = None) -> dict[str, object]:
    """The value of each field the entry shows (the rule is the module's docstring).

    Args:
        claims: the claims of every list that lists the entry now (the importing one's new).
        previous: the values the entry showed before, by field.
        withdrawing: the importing list's claim before this import; a field it stated with
            the value shown, and no current claim states, is emptied (the list withdrew it).
    """
    shown: dict[str, object] = {}
    for name in CLAIM_FIELDS:
        text = name in TEXT_FIELDS
        best: object = None
        best_rank: tuple[int, int] | None = None
        for c in claims:  # (one or two claims: a plain loop, the import's inner loop)
            value = getattr(c, name)
            if not stated(name, value):
                continue
            rank = (-len(value) if text else 0, c.source_id)
            if best_rank is None or rank < best_rank:
                best, best_rank = value, rank
        if best_rank is not None:
            shown[name] = best
        elif withdrawing is not None and (before := previous.get(name)) is not None and \
                stated(name, before) and getattr(withdrawing, name) == before:
            shown[name] = getattr(_NOTHING, name)
        else:
            shown[name] = previous.get(name)
    return shown


#: A claim that states nothing: each field's empty value.
_NOTHING = Claim(0)
