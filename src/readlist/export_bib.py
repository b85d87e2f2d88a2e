"""BibTeX export worth citing: the entry type from the venue, authors as "Last, First",
stable unique keys (devlin2018bert), arXiv eprint fields, DOIs, optionally non-papers.

Names are split by `nameparser` (particles such as "van der" stay with the surname, "Jr."
becomes BibTeX's suffix part); an organisation is an author only when it is the only one.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from nameparser import HumanName

from readlist.core.normalize import arxiv_year

_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
          "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
          "^": r"\textasciicircum{}"}
_STOP = {"a", "an", "the", "on", "of", "for", "in", "to", "and", "with", "is", "are", "via",
         "towards", "toward", "from", "by", "at", "do", "does", "how", "what", "why", "when"}
_ETAL = re.compile(r",?\s*\bet\s*al\.?$", re.IGNORECASE)
_ORG_WORDS = re.compile(r"\b(research|labs?|laborator(y|ies)|universit(y|ies)|institute|inc|"
                        r"corp(oration)?|team|group|foundation|ai|brain|deepmind|openai|google|"
                        r"microsoft|facebook|meta|nvidia|amazon|apple|ibm|baidu|alibaba|"
                        r"tencent|huawei|salesforce|allen)\b", re.IGNORECASE)
#: Venues printed in proceedings (-> @inproceedings), matched as words of the venue.
_CONFERENCES = re.compile(
    r"\b(iclr|neurips|nips|icml|acl|emnlp|naacl|eacl|aacl|coling|conll|lrec|aaai|ijcai|cvpr|"
    r"iccv|eccv|wacv|bmvc|kdd|www|sigir|wsdm|cikm|recsys|interspeech|icassp|uai|aistats|colt|"
    r"corl|rss|icra|iros|mlsys|osdi|sosp|nsdi|chi|uist|miccai|siggraph|findings|conference|"
    r"workshop|proceedings|symposium|colm|advances)\b", re.IGNORECASE)
#: A short acronym ("CoRL", "BlackBoxNLP") not known above is most likely a conference.
_ACRONYM = re.compile(r"^(?=(?:\w*[A-Z]){2})[A-Za-z][\w\-&]{1,14}$")
#: Venues that are journals (-> @article).
_JOURNALS = re.compile(r"\b(jmlr|tacl|tpami|pami|tmlr|nature|science|pnas|cell|journal|"
                       r"transactions|letters|review|magazine|neural computation)\b",
                       re.IGNORECASE)
_ARXIV_VENUE = re.compile(r"^\s*(arxiv|corr|preprint)\b", re.IGNORECASE)
_VENUE_YEAR = re.compile(r"[\s,'’]*\(?((?:19|20)\d\d)\)?\s*$")
_WORDISH = re.compile(r"([^\W_](?:[^\W_]|-)*)")  # words, kept whole with their hyphens
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s?#]+)")


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


def _is_org(name: str, organization: str) -> bool:
    return bool(organization and name.casefold() == organization.casefold()) or bool(
        _ORG_WORDS.search(name))


def bib_name(name: str) -> str:
    """'Laurens van der Maaten' -> 'van der Maaten, Laurens'; 'King Jr.' keeps its suffix."""
    human = HumanName(name)
    given = " ".join(p for p in (human.first, human.middle) if p)
    last = human.last or given
    if not human.last:
        return latex_escape(last)
    parts = [last] + ([human.suffix] if human.suffix else []) + ([given] if given else [])
    return ", ".join(latex_escape(p) for p in parts)


def bib_authors(authors: str, organization: str) -> str:
    """The `author` field: people as Last, First; organisations (each braced as one name)
    only when no person is named."""
    names = split_authors(authors)
    people = [n for n in names if n == "others" or not _is_org(n, organization)]
    if any(n != "others" for n in people):
        return " and ".join("others" if n == "others" else bib_name(n) for n in people)
    orgs = [n for n in names if n != "others"] or [
        o.strip() for o in re.split(r"[,;]", organization) if o.strip()]
    if not orgs:
        return ""
    braced = ["{" + latex_escape(o) + "}" for o in orgs]
    return " and ".join(braced + (["others"] if "others" in names else []))


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _base_key(e: dict[str, Any], year: int | None) -> str:
    names = split_authors(e["authors"])
    person = next((n for n in names if n != "others" and not _is_org(n, e["organization"])),
                  "")
    surname = HumanName(person).last or person if person else ""
    last = _ascii_word(surname.split()[-1]) if surname.split() else ""
    org = next((n for n in names if n != "others"), "") or e["organization"] or ""
    last = last or _ascii_word(org.split(" ")[0]) or "anon"
    words = [w for w in (_ascii_word(t) for t in re.split(r"[\s\-:/]+", e["title"])) if w]
    first = next((w for w in words if w not in _STOP), words[0] if words else "")
    return f"{last}{year or ''}{first}"


def _title(title: str) -> str:
    """Escaped, with words such as BERT or GPT-2 braced so styles keep their capitals."""
    out = []
    for i, part in enumerate(_WORDISH.split(" ".join(title.split()))):
        if i % 2 == 0:
            out.append("".join(_LATEX.get(ch, ch) for ch in part))
        elif any(ch.isupper() for ch in part[1:]) or (
                any(ch.isdigit() for ch in part) and any(ch.isupper() for ch in part)):
            out.append("{" + part + "}")
        else:
            out.append(part)
    return "".join(out)


def _url(url: str) -> str:
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20").replace("\\", "%5C")


def _doi(e: dict[str, Any]) -> str:
    if str(e["key"]).startswith("doi:"):
        return str(e["key"])[4:]
    for url in [e.get("url") or ""] + [str(link.get("url", "")) for link in e.get("links") or []]:
        if re.match(r"https?://(dx\.)?doi\.org/", url, re.IGNORECASE):
            m = _DOI.search(url)
            if m:
                return m.group(1)
    return ""


def entry_type(venue: str) -> tuple[str, str, str, int | None]:
    """(BibTeX type, the field naming the venue, the venue without its year, the venue's
    year) for a venue as written: "ICLR 2022" -> ("inproceedings", "booktitle", "ICLR", 2022)."""
    m = _VENUE_YEAR.search(venue)
    year = int(m.group(1)) if m else None
    name = venue[:m.start()].strip(" ,") if m else venue.strip()
    if not name or _ARXIV_VENUE.match(name):
        return "misc", "", name, year
    if _JOURNALS.search(name) and not _CONFERENCES.search(name):
        return "article", "journal", name, year
    if _CONFERENCES.search(name) or _ACRONYM.match(name):
        return "inproceedings", "booktitle", name, year
    return "misc", "howpublished", name, year


def _key(base: str, taken: set[str]) -> str:
    key, n = base, 0
    while key in taken:
        n += 1
        key = f"{base}{chr(ord('a') + n - 1)}" if n <= 26 else f"{base}{n}"
    taken.add(key)
    return key


def to_bibtex(data: dict[str, Any], *, all_kinds: bool = False) -> str:
    """Papers (and with `all_kinds` every other entry, as @misc with url and urldate).

    A key is first author's surname + year + first significant title word; clashes get a,
    b, … in the order entries joined the library (their ids, which never change or get
    reused), so a key, once given, stays the same in every later export.
    """
    chosen = [e for e in data["entries"] if all_kinds or is_paper(e)]
    chosen.sort(key=lambda e: (int(e.get("id") or 0), str(e["key"])))
    taken: set[str] = set()
    blocks = []
    for e in chosen:
        paper = is_paper(e)
        arxiv = str(e["key"])[6:] if str(e["key"]).startswith("arxiv:") else ""
        venue = " ".join(str(e.get("venue") or "").split())
        kind, venue_field, venue_name, venue_year = (entry_type(venue) if paper else
                                                     ("misc", "", "", None))
        year = e["year"] or venue_year or (arxiv_year(e["key"]) if arxiv else None)
        key = _key(_base_key(e, year), taken)
        fields: list[tuple[str, str]] = [("title", _title(e["title"]))]
        author = bib_authors(e["authors"], e["organization"] or "")
        if author:
            fields.append(("author", author))
        if venue_field:
            fields.append((venue_field, latex_escape(venue_name)))
        if year:
            fields.append(("year", str(year)))
        doi = _doi(e)
        if doi:
            fields.append(("doi", latex_escape(doi)))
        if arxiv:
            fields += [("eprint", latex_escape(arxiv)), ("archivePrefix", "arXiv")]
            if e.get("primary_class"):
                fields.append(("primaryClass", latex_escape(str(e["primary_class"]))))
        if e["url"]:
            fields.append(("url", _url(e["url"])))
            if not paper and e.get("last_seen"):
                fields.append(("urldate", str(e["last_seen"])[:10]))
        if e["tags"]:
            fields.append(("keywords", latex_escape(", ".join(e["tags"]))))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        blocks.append(f"@{kind}{{{key},\n{body}\n}}")
    return "\n\n".join(blocks) + "\n" if blocks else ""
