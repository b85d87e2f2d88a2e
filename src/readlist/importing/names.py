"""Author lists as citations write them, turned first-name-first ("Krizhevsky, Alex, Ilya
Sutskever, and Geoffrey E. Hinton" -> "Alex Krizhevsky, Ilya Sutskever, Geoffrey E. Hinton")."""

from __future__ import annotations

import re

from readlist.importing.metadata import _ET_AL, _is_org

_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.?-?\s*){1,4}$")
_LAST_INITIAL = re.compile(r"(?:^|[\s.\-])[A-Z]\.$")
_ONE_WORD = re.compile(r"^[^\s,;]+$")
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def first_name_first(text: str) -> str:
    """An author list as written in citations, first-name-first and comma-joined.

    "Krizhevsky, Alex, Ilya Sutskever, and Geoffrey E. Hinton" (only the first name
    inverted), "Dai, J., He, K., Sun, J." and "Mordvintsev, Alexander; Olah, Christopher"
    (every name inverted) all become "First Last, First Last"; "et al." stays on the last."""
    text = _trim(" ".join(text.split()))
    et_al = bool(_ET_AL.search(text))
    text = _trim(_ET_AL.sub("", text))
    if ";" in text:
        names = [_invert(part) for part in text.split(";")]
    else:
        parts = [t for t in map(_trim, _NAME_SPLIT.split(text)) if t]
        if len(parts) >= 2 and len(parts) % 2 == 0 and all(
                _ONE_WORD.match(p) or _INITIALS.match(p) for p in parts) and all(
                _ONE_WORD.match(p) for p in parts[::2]):
            names = [f"{parts[i + 1]} {parts[i]}" for i in range(0, len(parts), 2)]
        elif len(parts) >= 2 and _ONE_WORD.match(parts[0]) and not _is_org(parts[0]) \
                and "," in text.split(parts[1], 1)[0]:
            names = [f"{parts[1]} {parts[0]}", *parts[2:]]
        else:
            names = parts
    names = [n for n in (" ".join(n.split()) for n in names) if n]
    if et_al and names:
        names[-1] += " et al."
    return ", ".join(names)


def _trim(name: str) -> str:
    """A name without surrounding separators; a final "." only kept after an initial."""
    name = name.strip(" ,;")
    return name[:-1].rstrip() if name.endswith(".") and not _LAST_INITIAL.search(name) \
        else name


def _invert(name: str) -> str:
    last, _, first = name.partition(",")
    return f"{_trim(first)} {_trim(last)}".strip()
