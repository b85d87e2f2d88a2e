"""BibTeX export of papers: stable keys, LaTeX-escaped fields, arXiv eprint fields."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from readlist.core.normalize import arxiv_year

_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
          "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
          "^": r"\textasciicircum{}"}
_STOP = {"a", "an", "the", "on", "of", "for", "in", "to", "and", "with", "is", "are", "via",
         "towards", "toward", "from", "by", "at", "do", "does", "how", "what", "why", "when"}
_ETAL = re.compile(r",?\s*\bet\s*al\.?$", re.IGNORECASE)


def latex_escape(text: str) -> str:
    """Escape LaTeX's special characters so the text prints as written."""
    return "".join(_LATEX.get(ch, ch) for ch in " ".join(text.split()))


def is_paper(e: dict[str, Any]) -> bool:
    return bool(e["kind"] == "paper" or str(e["key"]).startswith("arxiv:"))


def split_authors(authors: str) -> list[str]:
    """People from "A, B and C" / "A & B" / "A et al."; "et al." becomes BibTeX's `others`."""
    text = " ".join(authors.split())
    etal = bool(_ETAL.search(text))
    text = _ETAL.sub("", text)
    names = [n.strip() for n in re.split(r",|;|\band\b|&", text) if n.strip()]
    return names + (["others"] if etal and names else [])


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _base_key(e: dict[str, Any], year: int | None) -> str:
    people = split_authors(e["authors"])
    last = _ascii_word(people[0].split()[-1]) if people else ""
    last = last or _ascii_word((e["organization"] or "").split(" ")[0]) or "anon"
    words = [w for w in (_ascii_word(t) for t in re.split(r"[\s\-:/]+", e["title"])) if w]
    first = next((w for w in words if w not in _STOP), words[0] if words else "")
    return f"{last}{year or ''}{first}"


def _field(name: str, value: str) -> str:
    return f"  {name} = {{{value}}},"


def _url(url: str) -> str:
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20").replace("\\", "%5C")


def to_bibtex(data: dict[str, Any]) -> str:
    """Papers as @misc/@article entries; keys are stable for the same library content.

    A key is first author's surname + year + first significant title word; clashes get a, b, …
    in the order of the entries' own keys, so re-exporting gives the same keys.
    """
    papers = sorted((e for e in data["entries"] if is_paper(e)), key=lambda e: str(e["key"]))
    used: dict[str, int] = {}
    blocks = []
    for e in papers:
        arxiv = str(e["key"])[6:] if str(e["key"]).startswith("arxiv:") else ""
        year = e["year"] or (arxiv_year(e["key"]) if arxiv else None)
        base = _base_key(e, year)
        n = used.get(base, 0)
        used[base] = n + 1
        key = base if n == 0 else f"{base}{chr(ord('a') + n - 1) if n <= 26 else n}"
        people = split_authors(e["authors"])
        lines = [f"@misc{{{key},", _field("title", "{" + latex_escape(e["title"]) + "}")]
        if people:
            lines.append(_field("author", " and ".join(latex_escape(p) for p in people)))
        elif e["organization"]:
            lines.append(_field("author", "{" + latex_escape(e["organization"]) + "}"))
        if year:
            lines.append(_field("year", str(year)))
        if e["url"]:
            lines.append(_field("url", _url(e["url"])))
        if arxiv:
            lines += [_field("eprint", latex_escape(arxiv)), _field("archivePrefix", "arXiv")]
        if e["tags"]:
            lines.append(_field("keywords", latex_escape(", ".join(e["tags"]))))
        lines[-1] = lines[-1].rstrip(",")
        blocks.append("\n".join(lines) + "\n}")
    return "\n\n".join(blocks) + "\n" if blocks else ""
