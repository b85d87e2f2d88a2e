"""Metadata from an entry's own words: attribution (authors, organisation, year), title, kind.

Both parsers share these helpers so that a Markdown import and a copied-page import of the
same list derive the same title (and therefore the same title key) for the same item.

Conventions:
- ``authors`` are people joined with ", " (a final "and" becomes a comma); "et al." is kept
  on the author it follows ("Anna Rogers et al.").
- ``organization`` holds organisations joined with ", " ("Google Research, Stanford
  University"); "et al." after an organisation is dropped. "X et al. at Y" gives authors X
  et al. and organisation Y; roles ("Research Scientist at OpenAI") keep only the organisation.
- ``year`` comes from the attribution ("2023", "Jul 2024", "(2019)", "ICLR 2024"), else a
  "(2022)" right after the title, else the arXiv id, else a year in the title; 1950..2030.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import emoji

from readlist.core.models import Kind
from readlist.core.normalize import arxiv_year, split_url, url_key

YEAR_MIN, YEAR_MAX = 1950, 2030

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# a year, not the start of an arXiv id ("arXiv:2004.10934")
_YEAR_RE = re.compile(rf"\(?\b(?:{_MONTH}\s+)?((?<![:.])(?:19|20)\d\d)\b(?!\.\d)\)?")
_LEAD_RE = re.compile(
    r"^\s*(?:(?:\([^()]*\)|\[[^\[\]]*\])\s*|[a-z][\w\-]*\s+){0,3}?(?:by|from)\s+"
)
_CLAUSE_END = re.compile(
    r"\s+[-–—]+\s+|\s+\[|[:;!?](?:\s|$)|\s+\|"
    r"|(?<!\b[A-Z])\.(?=\s+[^a-z\s]|\s*$)|\s(?:is|are|was|were|has|have)\s"
    r"|\s(?:that|which|who)\s"  # "by Microsoft that outperforms …": the name ends there
)
_SPLIT_PARTS = re.compile(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_ET_AL = re.compile(r"\s*\be[tl]\.?\s*al\b\.?$")  # "el al" is a common slip
_AT = re.compile(r"\s+(?:at|from|@)\s+")
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_DASH_SPLIT = re.compile(r"\s+[-–—]+\s+")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bvs)(?<!\bet al)\.(?=\s+[A-Z\"“])")
_REPO = re.compile(r"^[\w.\-]+/[\w.\-]+$")
_TRAILING_LABEL = re.compile(
    r"(?:[\s,]+(?:\(?(?:paper|pdf|PDF|tutorial|video|talk|blog|post|article|landing|page"
    r"|technical|write-up|powered|lecture|slides)\)?|\[video\]))+$")
_BY_FROM = re.compile(r"\s(?:by|from)\s")
_PAREN_META = re.compile(r"\s\((?:(?:from|by)\s[^()]*|(?:19|20)\d\d)\)")
_WORD_RUN = re.compile(r"[\w.'’]+")
_YEAR_ONLY = re.compile(r"^\s*\(((?:19|20)\d\d)\)\s*(?:[-–—]+\s+)?")
_INNER_BY = re.compile(r"\sby\s")
_CLAUSE_SEP = re.compile(r"\s*(?:[-–—]+|[.:;])?\s*")
_TITLE_WORD = re.compile(r"[A-Za-z][\w'’\-]*")
_SEGMENT_END = re.compile(r"\s(?:by|from)\s|[.:]\s|$")
_LOWER_WORD = re.compile(r"[a-z]+")

ORG_WORDS = frozenset(
    """google meta openai deepmind microsoft fair research university univ lab labs
    laboratory institute ai inc nvidia apple facebook stanford cmu berkeley team group
    brain anthropic huggingface amazon ibm baidu alibaba tencent huawei yandex salesforce
    uber intel mit harvard oxford cambridge tsinghua college school foundation corporation
    corp company technologies platforms nlp usc uc eth eleutherai cohere allen ai2 academy
    center centre department society association wechat fudan monash adlr gradient
    stability stabilityai mosaicml databricks mistral bigscience deepseek ucla ucl toronto
    mila inria kaist epfl samsung sony adobe twitter x.ai xai huggingface's ltd llc gmbh
    systems labs. co. org project consortium hugging""".split()
)
_VENUES = frozenset(
    "iclr neurips nips acl emnlp naacl icml cvpr iccv eccv aaai ijcai coling arxiv tacl "
    "jmlr eacl interspeech kdd www sigir".split()
)
_VENUE_WORD = re.compile(r"\b(?:" + "|".join(sorted(_VENUES)) + r")\b", re.I)
_PARTICLES = frozenset("von van de der den da di du la le bin al dos del y".split())
_ROLE_WORDS = frozenset(
    "scientist engineer instructor founder researcher professor student author "
    "ops ceo cto director lead manager intern fellow head".split()
)
_GENERIC_LABELS = frozenset(
    """code paper pdf blog post blogpost slides video demo website project page tweet
    tweets thread discussion comments notebook colab dataset data docs documentation
    arxiv github official implementation review summary article weights model models
    site homepage talk podcast poster repo source link""".split()
)


@dataclass(frozen=True)
class Attribution:
    """Who made an entry and when; ``end`` is where the attribution ends in the parsed text."""

    authors: str = ""
    organization: str = ""
    year: int | None = None
    end: int = 0
    venue: str = ""

    @property
    def found(self) -> bool:
        return self.end > 0


def emojize(text: str) -> str:
    """GitHub's emoji shortcodes (":fire:", ":star:") as the emoji they show."""
    return emoji.emojize(text, language="alias") if ":" in text and _SHORTCODE.search(text) \
        else text


_SHORTCODE = re.compile(r":[\w+\-]+:")
_HAS_DIGIT = re.compile(r"\d").search


def sane_year(value: int) -> int | None:
    return value if YEAR_MIN <= value <= YEAR_MAX else None


def find_year(text: str) -> int | None:
    """The first plausible year in ``text`` ("2023", "Jul 2024", "(2022)")."""
    for m in _YEAR_RE.finditer(text):
        year = sane_year(int(m.group(1)))
        if year is not None:
            return year
    return None


_NAME_SUFFIXES = frozenset({"II", "III", "IV", "VI", "JR", "SR"})  # "Robert L. Logan IV"


def _is_org(part: str) -> bool:
    if part.lower().startswith("the ") or not any(ch.isalpha() for ch in part):
        return True
    words = _WORD_RUN.findall(part)
    for word in words:
        low = word.lower().strip(".")
        if low in ORG_WORDS or low.rstrip("'’s") in ORG_WORDS:
            return True
        if len(word) >= 2 and word.isupper() and word.isalpha() and word not in _NAME_SUFFIXES:
            return True
    return False


_NAME_LOWER_OK = frozenset(
    "of the for and with de at in on du la le von van der den".split())


def _is_prose(part: str) -> bool:
    """True when a would-be organisation reads as a sentence ("Microsoft that outperforms
    the state of the art"): a lower-case word that is neither a small word of a name
    ("of", "for", "de") nor an organisation word ("team", "research")."""
    for word in part.split():
        if word.islower() and len(word) > 1 and word not in _NAME_LOWER_OK \
                and word.strip(".,") not in ORG_WORDS:
            return True
    return False


def _is_person(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 5:
        return False
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not (word[0].isupper() and any(ch.isalpha() for ch in word)):
            return False
    return True


def _is_role(part: str) -> bool:
    words = part.lower().split()
    return bool(words) and (words[0] in ("a", "an") or any(w in _ROLE_WORDS for w in words))


def classify_clause(clause: str) -> tuple[list[str], list[str], int | None] | None:
    """Split an attribution clause into (people, organisations, year); None if it is prose."""
    year: int | None = None
    # each regex runs only where its literal can be: most clauses are a few plain names
    if _HAS_DIGIT(clause):
        for m in _YEAR_RE.finditer(clause):
            year = year or sane_year(int(m.group(1)))
        clause = _YEAR_RE.sub("", clause)
    people: list[str] = []
    orgs: list[str] = []
    if "(" in clause:
        for inner in _PAREN.findall(clause):
            if not _is_org(inner.strip()):
                return None
            orgs.append(inner.strip())
        clause = _PAREN.sub("", clause)
    for raw in _SPLIT_PARTS.split(clause):
        part = raw.strip(" .,;")
        if not part:
            continue
        at_org = ""
        if " at " in part or " from " in part or "@" in part:
            pieces = _AT.split(part, maxsplit=1)
            if len(pieces) == 2:
                part, at_org = pieces[0].strip(), pieces[1].strip(" .")
        et_al = "al" in part and _ET_AL.search(part) is not None
        if et_al:
            part = _ET_AL.sub("", part)
        part = part.strip(" .,")
        if at_org and _is_role(part):
            orgs.append(at_org)
            continue
        if part and part[0].islower() and part.split()[0] not in _PARTICLES:
            return None
        if at_org:
            if not _is_org(at_org) and not _is_person(at_org):
                return None
            if not part or _is_role(part):
                orgs.append(at_org)
                continue
            if _is_org(part):
                orgs.extend((part, at_org))
                continue
            orgs.append(at_org)
        if part.lower() in _VENUES or part.lower() == "et al":
            continue
        if _is_org(part):
            if _is_prose(part):
                return None
            orgs.append(part)
        elif _is_person(part):
            people.append(part + (" et al." if et_al else ""))
        else:
            return None
    if not people and not orgs:
        return None
    return people, orgs, year


def parse_attribution(tail: str, strict_from: bool = False) -> Attribution:
    """Read "by X, Y and Z, 2023 - …" (or "from Google AI.") at the start of ``tail``.

    With ``strict_from`` a "from …" clause counts only when it names an organisation (in
    running text "… from Human Feedback" is part of a title, "from Google AI" is not)."""
    # _LEAD_RE needs a literal "by" or "from": skip the (backtracking) match without one
    lead = _LEAD_RE.match(tail) if "by" in tail or "from" in tail else None
    if lead is None:
        year_only = _YEAR_ONLY.match(tail)
        if year_only:
            return Attribution(year=sane_year(int(year_only.group(1))), end=year_only.end())
        return Attribution()
    start = lead.end()
    stop = _CLAUSE_END.search(tail, start)
    clause_end = stop.start() if stop else len(tail)
    clause = tail[start:clause_end]
    result = None if _INNER_BY.search(clause) else classify_clause(clause)
    if result is None or (lead.group(0).rstrip().endswith("from") and strict_from
                          and not result[1]):
        return Attribution()
    people, orgs, year = result
    end = clause_end
    sep = _CLAUSE_SEP.match(tail[end:])
    if sep and not tail[end:].lstrip().startswith("["):
        end += sep.end()
    year = year or find_year(tail[: lead.start() + len(lead.group(0))])
    venue = _VENUE_WORD.search(clause)  # "by Dawei Zhu et al., ICLR 2024"
    return Attribution(", ".join(people), ", ".join(_dedupe(orgs)), year, end,
                       venue.group(0) if venue else "")


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out


_SMALL_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "in", "on", "for", "to", "with", "vs", "via", "at"})


def _title_case_run(text: str) -> bool:
    """True when ``text`` reads like the rest of a title: every word capitalised, or a
    question ("Food to Media hype or Wake Up Call?") with most words capitalised."""
    words = _TITLE_WORD.findall(text)
    if not words:
        return False
    capital = sum(1 for w in words if w[0].isupper() or w.lower() in _SMALL_WORDS)
    return capital == len(words) or (text.rstrip().endswith("?") and 2 * capital > len(words))


def split_title(text: str) -> tuple[str, str]:
    """Split plain item text into (title, rest) as a reader would: the title ends at a valid
    attribution (" by …", " from …"), a " - " before prose, or the first sentence end."""
    text = " ".join(text.split())
    cut = len(text)
    for m in _DASH_SPLIT.finditer(text):
        after = text[m.end():]
        segment = _SEGMENT_END.split(after, maxsplit=1)[0]
        head = text[:m.start()]
        if _REPO.match(head) or len(segment.split()) < 2 or not _title_case_run(segment):
            cut = m.start()
            break
    paren = _PAREN_META.search(text, 0, cut)
    if paren:
        cut = paren.start()
    sentence = _SENTENCE_END.search(text, 0, cut)
    if sentence:
        cut = sentence.start()
    for m in _BY_FROM.finditer(text, 0, cut):
        if m.start() > 0 and parse_attribution(text[m.start():], strict_from=True).found:
            cut = m.start()
            break
    title = text[:cut].strip().rstrip(".,;:").strip()
    title = _TRAILING_LABEL.sub("", title).strip() or title
    return (title or text.strip()), text[cut:].strip()


def is_generic_label(label: str) -> bool:
    """True for link labels like "Code", "Blog post", "[paper]" that name a facet, not a work."""
    words = _LOWER_WORD.findall(label.lower())
    return bool(words) and len(words) <= 4 and all(w in _GENERIC_LABELS for w in words)


_PAPER_HOSTS = ("arxiv.org", "openreview.net", "aclanthology.org", "aclweb.org",
                "papers.nips.cc", "proceedings.neurips.cc", "proceedings.mlr.press",
                "dl.acm.org", "ieeexplore.ieee.org", "semanticscholar.org", "biorxiv.org")
_VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "bilibili.com")
_ARTICLE_HOSTS = ("medium.com", "substack.com", "towardsdatascience.com", "wordpress.com",
                  "blogspot.com", "dev.to", "hashnode.dev", "lesswrong.com")
_LIST_WORDS = re.compile(r"awesome|papers?[\s\-_]*list|reading[\s\-_]*list|list of|papers\b"
                         r"|curated|collection of", re.I)
_SECTION_KINDS: tuple[tuple[re.Pattern[str], Kind], ...] = (
    (re.compile(r"\bbooks?\b", re.I), Kind.BOOK),
    (re.compile(r"\btools?\b|librar(?:y|ies)|software|frameworks?", re.I), Kind.TOOL),
    (re.compile(r"\bvideos?\b|\btalks?\b|lectures?|courses?", re.I), Kind.VIDEO),
)
_WORD_KINDS: tuple[tuple[re.Pattern[str], Kind], ...] = (
    (re.compile(r"\(paper\)|\bpaper\b|\bpreprint\b", re.I), Kind.PAPER),
    (re.compile(r"\[video\]|\bvideo\b|\btalk\b|\blecture\b|\bwatch\b", re.I), Kind.VIDEO),
    (re.compile(r"\bbook\b", re.I), Kind.BOOK),
    (re.compile(r"\bblog post\b|\barticle\b|\btutorial\b", re.I), Kind.ARTICLE),
)


def _host_test(hosts: tuple[str, ...]) -> Callable[[str], bool]:
    """A test for "host is one of ``hosts`` or a subdomain of one"."""
    exact = frozenset(hosts)
    suffixes = tuple("." + h for h in hosts)
    return lambda host: host in exact or host.endswith(suffixes)


_IS_PAPER_HOST = _host_test(_PAPER_HOSTS)
_IS_VIDEO_HOST = _host_test(_VIDEO_HOSTS)
_IS_ARTICLE_HOST = _host_test(_ARTICLE_HOSTS)
# Matches wherever one of _WORD_KINDS does: lets guess_kind skip the four searches.
_ANY_WORD_KIND = re.compile("|".join(f"(?:{p.pattern})" for p, _ in _WORD_KINDS), re.I)
_PAPERS_SECTION = re.compile(r"\bpapers?\b|publications", re.I)
_CODE_SECTION = re.compile(r"implementations?|\bcode\b", re.I)
_ARTICLES_SECTION = re.compile(r"articles?|blogs?|posts?|reading|tutorials?|news", re.I)


@lru_cache(maxsize=4096)
def _section_facts(section_path: tuple[str, ...]) -> tuple[Kind | None, bool, bool, bool]:
    """What guess_kind reads from a section path: the kind its words name (_SECTION_KINDS),
    and whether it speaks of papers, of code, of articles. A list has a few hundred paths
    and thousands of entries, so this is worked out once per path."""
    joined = " / ".join(reversed(section_path))
    named = next((kind for pattern, kind in _SECTION_KINDS if pattern.search(joined)), None)
    return (named, _PAPERS_SECTION.search(joined) is not None,
            _CODE_SECTION.search(joined) is not None,
            _ARTICLES_SECTION.search(joined) is not None)


def guess_kind(url: str | None, words: str, section_path: tuple[str, ...],
               key: str = "") -> Kind:
    """Kind from the URL first, then the entry's own label words, then its section.
    ``key`` is the entry key when already computed (saves normalising the URL again)."""
    host, path = "", ""
    if url:
        _scheme, netloc, raw_path, _query = split_url(url)
        if "@" in netloc or "[" in netloc or not netloc.isascii():
            host = (urlsplit(url).hostname or "").lower()
        else:
            host = netloc.lower().partition(":")[0]
        host = host.removeprefix("www.")
        path = raw_path.lower()
    if url and (_IS_PAPER_HOST(host) or path.endswith(".pdf")
                or (key or url_key(url)).startswith(("arxiv:", "doi:"))):
        return Kind.PAPER
    if _IS_VIDEO_HOST(host):
        return Kind.VIDEO
    is_repo = host in ("github.com", "gitlab.com") and len(path.strip("/").split("/")) >= 2
    if is_repo and _LIST_WORDS.search(words + " " + path):
        return Kind.LIST
    if _ANY_WORD_KIND.search(words):
        for pattern, kind in _WORD_KINDS:
            if pattern.search(words):
                return kind
    named, papers, code, articles = _section_facts(tuple(section_path))
    if named is not None:
        return named
    if is_repo:
        return Kind.CODE
    if papers:
        return Kind.PAPER
    if code:
        return Kind.CODE
    if _IS_ARTICLE_HOST(host) or "blog" in host or "/blog" in path:
        return Kind.ARTICLE
    if url and articles:
        return Kind.ARTICLE
    return Kind.OTHER


def entry_year(attribution: Attribution, key: str, title: str) -> int | None:
    """Attribution year, else the arXiv id's year (from the entry key), else a year written
    in the title."""
    if attribution.year is not None:
        return attribution.year
    if key.startswith("arxiv:"):
        year = arxiv_year(key)
        if year is not None:
            return sane_year(year)
    return find_year(title)


def strip_years(text: str) -> str:
    """``text`` without its years ("(2015)", "2012", "Jul 2024")."""
    return _YEAR_RE.sub("", text)
