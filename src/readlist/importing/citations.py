"""Citation-shaped items: a paper written as a reference rather than as "[Title](url) - …".

Shapes this reads (they recur across paper lists, so the rule is general, not per list):
- ``**Title** (2015), G. Hinton et al. [[pdf]](url)``: bold title, year, authors, links;
- ``**[4]** Krizhevsky, Alex, …, and Geoffrey E. Hinton. "**Title**." Venue. 2012. [[pdf]](url)
  **(AlexNet)** :star::star:``: numbered citation paragraphs, authors before a quoted title;
- ``**Title**. *Authors*. Venue Year. [[Paper](url)] [[Code](url)]`` and
  ``<u>T0</u>: **"Title"**. *Victor Sanh et al.* ICLR 2022. [[Paper](url)]``.

The inline tokens are first flattened into one string where bold, italic and links are
private-use marker characters, so the shape is read with a few regular expressions over
text instead of token by token. The primary URL is the paper's link ([pdf], [Paper], arXiv,
DOI); the other links stay as labelled links; the list's own marks (a model name, "(AlexNet)",
stars) become the entry's list note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import emoji
from markdown_it.token import Token

from readlist.core.models import ParsedLink
from readlist.importing import metadata as meta
from readlist.importing.names import first_name_first
from readlist.importing.tokens import is_stored_url

BOLD_OPEN, BOLD_CLOSE, EM_OPEN, EM_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
LINK_OPEN, LINK_CLOSE = "\ue004", "\ue005"
_MARKS = BOLD_OPEN + BOLD_CLOSE + EM_OPEN + EM_CLOSE
_STRIP_MARKS = str.maketrans("", "", _MARKS)

_NUMBERING = re.compile(rf"^\s*(?:{BOLD_OPEN}\s*\[?\d+\]?\.?\s*{BOLD_CLOSE}|\[\d+\])\s*")
_MODEL_LABEL = re.compile(r"^\s*<u>(.*?)</u>\s*[:：]?\s*")
_BOLD = re.compile(rf"{BOLD_OPEN}([^{BOLD_CLOSE}]*){BOLD_CLOSE}")
_EM = re.compile(rf"{EM_OPEN}([^{EM_CLOSE}]*){EM_CLOSE}(\s*et\.?\s+al\.?)?")
_QUOTED = re.compile(r"[\"“]([^\"“”]{8,}?)[\"”]")
_LINK = re.compile(rf"{LINK_OPEN}(\d+){LINK_CLOSE}")
_QUOTES = "\"“”'‘’"
_SEGMENT_PUNCT = " .,;:[](){}" + _QUOTES
_PAREN_NOTE = re.compile(r"^\(.*\)$", re.S)
_ONLY_NUMBER = re.compile(r"^\s*\[?\d+\]?\.?\s*$")
_YEAR_AUTHORS = re.compile(r"^\s*\(((?:19|20)\d\d)\)\s*,\s*(.+)$")
_SEGMENTS = re.compile(r"(?<!\b[A-Z])\.\s+|\.$")
_ET_AL_IN = re.compile(r"\be[tl]\.?\s*al\b")
_LINK_GAP = re.compile(r"^[\s\[\](),|/·•\-–—]*$")
_DASH_LEAD = re.compile(r"^\s*[-–—:]\s*")
_PAPER_LABEL = re.compile(r"^\[?\s*(?:pdf|paper|arxiv|doi|html|article|preprint)\b", re.I)
_VENUE_WORDS = re.compile(
    r"\b(?:iclr|neurips|nips|acl|emnlp|naacl|icml|cvpr|iccv|eccv|aaai|ijcai|coling|arxiv|tacl"
    r"|jmlr|eacl|interspeech|kdd|www|sigir|conll|icassp|iclr|uai|aistats|colt|miccai|siggraph"
    r"|preprint|proceedings|conference|journal|transactions|advances|workshop|symposium"
    r"|press|nature|science|magazine|letters|computation|book|technical report|corr)\b", re.I)
_VENUE_CUT = re.compile(r"\s+\d+(?:\.\d+)?\s*(?:[(:].*)?$|,?\s*(?:vol\.|abs/).*$|[\s,]*\(.*$",
                        re.I | re.S)
# "CoRL 2021", "BlackBoxNLP 2019": a short capitalised name and the year
_SHORT_VENUE = re.compile(
    r"^(?:[Ii]n:?\s+)?([A-Z][\w\-&]*(?:\s[A-Z][\w\-&]*){0,3})\s+(?:19|20)\d\d$")
_VENUE_LEAD = re.compile(r"^(?:in:?\s+|(?:19|20)\d\d\s+)", re.I)
_PAPER_HOST = re.compile(r"arxiv\.org|doi\.org|openreview\.net|aclanthology|aclweb\.org"
                         r"|papers\.nips\.cc|proceedings\.|\.pdf(?:$|[?#])", re.I)


@dataclass
class Citation:
    """What a citation-shaped item says, field by field."""

    title: str
    url: str
    links: list[ParsedLink]
    authors: str = ""
    organization: str = ""
    year: int | None = None
    venue: str = ""
    note: str = ""
    description: str = ""
    found: list[str] = field(default_factory=list)


def flatten(children: list[Token]) -> tuple[str, list[ParsedLink]]:
    """Inline tokens as marked text: bold/italic as marker characters, each link as one
    marker holding its index in the returned links (its label kept there). Images dropped."""
    out: list[str] = []
    links: list[ParsedLink] = []
    label: list[str] | None = None
    href = ""
    depth = 0
    for tok in children:
        kind = tok.type
        if kind == "link_open":
            depth += 1
            if depth == 1:
                href, label = str(tok.attrGet("href") or ""), []
            continue
        if kind == "link_close":
            depth -= 1
            if depth == 0 and label is not None:
                out.append(f"{LINK_OPEN}{len(links)}{LINK_CLOSE}")
                links.append(ParsedLink(" ".join("".join(label).split()).strip("[] "), href))
                label = None
            continue
        target = label if label is not None else out
        if kind in ("text", "text_special", "code_inline"):
            target.append(tok.content)
        elif kind in ("softbreak", "hardbreak"):
            target.append(" ")
        elif label is None and kind in ("strong_open", "strong_close", "em_open", "em_close"):
            target.append({"strong_open": BOLD_OPEN, "strong_close": BOLD_CLOSE,
                           "em_open": EM_OPEN, "em_close": EM_CLOSE}[kind])
        elif kind == "html_inline":
            target.append(tok.content)
    return "".join(out), links


def _clean(text: str) -> str:
    return " ".join(text.translate(_STRIP_MARKS).split())


def _title_span(text: str, limit: int) -> tuple[int, int, str] | None:
    """(start, end, title) of the first bold run or quoted phrase before ``limit``."""
    for m in _BOLD.finditer(text, 0, limit):
        inner = _clean(m.group(1)).strip(_QUOTES + " .,:")
        if inner and not _ONLY_NUMBER.match(inner) and not _PAREN_NOTE.match(inner) \
                and not meta.is_generic_label(inner):
            return m.start(), m.end(), inner
    quoted = _QUOTED.search(text, 0, limit)
    if quoted is not None and BOLD_OPEN not in quoted.group(1):
        return quoted.start(), quoted.end(), _clean(quoted.group(1)).strip(" .,")
    return None


def _primary(links: list[ParsedLink]) -> int:
    """Index of the paper's own link: a [pdf]/[Paper]/arXiv/DOI label, else a paper host."""
    for i, link in enumerate(links):
        if _PAPER_LABEL.match(link.label):
            return i
    for i, link in enumerate(links):
        if _PAPER_HOST.search(link.url):
            return i
    return 0


def venue_of(segment: str) -> str:
    """The venue named in a citation segment ("ICLR 2022" → "ICLR", "arXiv preprint
    arXiv:1409.1556 (2014)" → "arXiv"), or "" when the segment names none."""
    text = _clean(segment).strip(" .,;:")
    short = _SHORT_VENUE.match(text)
    if short is not None:
        return short.group(1)
    if not _VENUE_WORDS.search(text):
        return ""
    text = _VENUE_LEAD.sub("", text)
    if text.lower().startswith("arxiv"):
        return "arXiv"
    text = _VENUE_CUT.sub("", text).strip(" .,;:")
    return text if 0 < len(text) <= 120 else ""


def parse_people(text: str) -> tuple[str, str] | None:
    """(authors, organisations) of a written author list, or None if it is not one."""
    clause = first_name_first(_clean(text).strip(" ,;:" + _QUOTES))
    if not clause:
        return None
    split = meta.classify_clause(clause)
    if split is None:
        return None
    people, orgs, _ = split
    return ", ".join(people), ", ".join(orgs)


@dataclass
class _Reading:
    """What has been read of a citation so far."""

    authors: str = ""
    organization: str = ""
    year: int | None = None
    venue: str = ""
    rest: list[str] = field(default_factory=list)  # words that are none of the above
    found: list[str] = field(default_factory=list)

    def people(self, text: str) -> bool:
        """Take ``text`` as the authors if it is an author list; True if it was."""
        people = parse_people(text)
        if people is None:
            return False
        self.authors, self.organization = people[0], self.organization or people[1]
        self.found.append("authors")
        return True

    def after_title(self, post: str) -> None:
        """Authors (*italic*, "(2015), G. Hinton et al."), venue and year after the title."""
        em = _EM.search(post)
        if em is not None and not self.authors and \
                self.people(em.group(1) + (" et al." if em.group(2) else "")):
            post = post[:em.start()] + ". " + post[em.end():]
        year_first = _YEAR_AUTHORS.match(_clean(post))
        if year_first is not None and not self.authors and self.people(year_first.group(2)):
            self.year = self.year or int(year_first.group(1))
            post = ""
        for segment in _SEGMENTS.split(_clean(post).replace("*", "")):
            segment = segment.strip(_SEGMENT_PUNCT)
            if not segment:
                continue
            if not self.authors and _ET_AL_IN.search(segment) and self.people(segment):
                continue  # "*Wang et al. *": an italic the list forgot to close
            seg_year = meta.find_year(segment)
            self.year = self.year or seg_year
            name = venue_of(segment) if not self.venue else ""
            if name:
                self.venue = name
            elif seg_year is None or meta.strip_years(segment).strip(" .,;:()"):
                self.rest.append(segment)
        if self.year is not None:
            self.found.append("year")
        if self.venue:
            self.found.append("venue")


def parse_citation(children: list[Token]) -> Citation | None:
    """The citation an item's inline tokens spell, or None if they are not one."""
    text, all_links = flatten(children)
    keep = {i for i, link in enumerate(all_links) if is_stored_url(link.url)}
    if not keep:
        return None
    marks: list[str] = []
    got = _Reading()
    pos = 0
    number = _NUMBERING.match(text)
    if number:
        pos = number.end()
        got.found.append("number")
    label = _MODEL_LABEL.match(text, pos)
    if label:
        marks.append(_clean(label.group(1)))
        pos = label.end()
    first_link = _LINK.search(text, pos)
    limit = first_link.start() if first_link else len(text)
    span = _title_span(text, limit)
    if span is None and marks and not _clean(text[pos:limit]).strip(_SEGMENT_PUNCT):
        span = (pos, pos, marks.pop())  # "<u>C4</u>: [[Source](url)]": the label names it
        got.found.append("label")
    if span is None or span[0] < pos:
        return None
    start, end, title = span
    pre = text[pos:start].strip()
    if pre and not (pre.endswith(tuple(_QUOTES)) or text[start] in _QUOTES):
        return None  # authors come right before a quoted title; anything else is prose
    pre = pre.rstrip(_QUOTES).strip()
    if pre:
        got.year = meta.find_year(pre)
        if not got.people(meta.strip_years(pre)) and not got.found:
            return None
    stored_links = [lm for lm in _LINK.finditer(text, end) if int(lm.group(1)) in keep]
    if not stored_links:
        return None
    got.after_title(text[end:stored_links[0].start()].lstrip(_QUOTES + " .,:"))
    if not got.found:
        return None
    chosen = [all_links[int(lm.group(1))] for lm in stored_links]
    primary = _primary(chosen)
    description, mark = _after_links(text, stored_links, got.rest)
    note = " ".join(m.strip() for m in [*marks, mark] if m.strip())
    return Citation(title=title, url=chosen[primary].url,
                    links=[link for i, link in enumerate(chosen) if i != primary],
                    authors=got.authors, organization=got.organization, year=got.year,
                    venue=got.venue, note=note, description=description, found=got.found)


def _after_links(text: str, links: list[re.Match[str]], rest: list[str]) -> tuple[str, str]:
    """(description, the list's mark): words between the links and what follows them: after
    a dash it is a description, else the list's own mark ("(AlexNet) ⭐⭐⭐")."""
    description = ". ".join(rest)
    between = _clean(_LINK.sub(" ", text[links[0].start():links[-1].end()]))
    if _LINK_GAP.match(between) is None:
        description = (description + " " + between).strip()
    tail = emoji.emojize(text[links[-1].end():], language="alias")
    tail_text = _clean(_LINK.sub("", tail)).lstrip(")]").strip()
    if _DASH_LEAD.match(tail_text):
        return (description + " " + _DASH_LEAD.sub("", tail_text)).strip(), ""
    return description, tail_text
