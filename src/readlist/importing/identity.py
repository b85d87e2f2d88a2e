"""Which known source a list is: identity of lists across renames, origins and file names.

Pure: the store hands over what it knows (titles, the source at this origin, how many of each
source's live entries the list holds), this module decides.
"""

from __future__ import annotations

from collections.abc import Sequence

from readlist.importing.sync import match_source, title_likeness

#: A renamed list keeps words of its old title ("Awesome BERT & Transfer Learning in NLP" ->
#: "Awesome Transformer & Transfer Learning in NLP" scores 93; the other real lists in
#: ../shared/data score 19-63 against it).
LIKE_TITLES = 75.0
#: A list holding this share of a known list is a copy of it whatever its title says.
NEARLY_ALL = 0.9


def identify(title: str, known: list[tuple[str, str]], by_origin: str | None,
             overlap: dict[str, tuple[int, int]], same_list_share: float,
             earlier: Sequence[tuple[str, str]] = ()) -> tuple[str, str]:
    """(name, why) of the known source this list is a version of, else (its title, "").

    Same title (or a title the source had before); else same origin; else most of a known
    list's live entries are in this one (measured against the known list: a newer copy has
    grown, and a small list citing a few of a big list's papers is another list), with a
    title that still resembles the old one unless nearly all of it is there; else a
    near-identical title (a copied page carries badge text in its heading).

    Args:
        known: (name, title) of every source.
        by_origin: the source last imported from the same file or address, if any.
        overlap: per source name, (its live entries this list holds, its live entries).
        earlier: (name, title) of every title each source was imported under.
    """
    wanted = title.strip().lower()
    for name, known_title in known:
        if wanted and wanted in (name.lower(), known_title.lower()):
            return name, "same title"
    for name, old_title in earlier:
        if wanted and wanted == old_title.lower():
            return name, "same title as an earlier version"
    if by_origin:
        return by_origin, "same file or address"
    titles = dict(known)
    for name, (shared, size) in sorted(overlap.items(), key=lambda kv: -kv[1][0]):
        share = shared / size if size else 0.0
        alike = title_likeness(title, titles.get(name, name))
        if share >= same_list_share and (alike >= LIKE_TITLES or share >= NEARLY_ALL):
            return name, f"holds {share:.0%} of its {size} entries"
    similar = match_source(title, known)
    if similar:
        return similar, "nearly the same title"
    return title.strip(), ""
