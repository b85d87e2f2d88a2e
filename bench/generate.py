"""Deterministic synthetic awesome lists for benchmarks (`bench.generate.generate_list`).

The shape follows the real lists: an H1 title with a badge, a table of contents, ## sections
with ### subsections, numbered paper entries with authors, year, description and [Code]
links, bullet entries for blogs and repositories, and follow-up description bullets.
Every entry URL is unique, so N entries yield N distinct keys.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

_WORDS = ("attention transformer language model scaling retrieval sparse efficient "
          "pretraining alignment reasoning context memory decoding tokens instruction "
          "feedback multimodal vision speech graph knowledge distillation quantization "
          "adapter prompt chain thought agent benchmark evaluation safety").split()
_FIRST = "Ada Alan Grace Edsger Barbara Donald Leslie Frances Tim Radia Ken Niklaus".split()
_LAST = "Lovelace Turing Hopper Dijkstra Liskov Knuth Lamport Allen Berners-Lee Perlman " \
        "Thompson Wirth".split()
_ORGS = ("Google Research", "Meta AI", "OpenAI", "DeepMind", "Stanford University",
         "Microsoft Research", "UC Berkeley")
_SECTIONS = ("Papers", "Articles", "Videos", "Tools", "Implementations", "Tasks")


def _title(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(3, 8))]
    return " ".join(w.capitalize() for w in words)


def _people(rng: random.Random) -> str:
    names = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(rng.randint(1, 4))]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _entry(rng: random.Random, i: int, number: int) -> str:
    year = 2015 + i % 10
    style = i % 4
    if style in (0, 1):
        arxiv = f"{year % 100:02d}{1 + (i // 100_000) % 12:02d}.{i % 100_000:05d}"
        by = _people(rng) if style == 0 else f"{rng.choice(_ORGS)} et al."
        line = (f"{number}. [{_title(rng)}](https://arxiv.org/abs/{arxiv}v{1 + i % 3}) "
                f"by {by}, {year} - {_title(rng).lower()} improves results. "
                f"[[Code](https://github.com/org{i}/repo{i})]")
        if i % 5 == 0:
            line += f"\n  - Key idea: {_title(rng).lower()}.\n  - See the [thread]" \
                    f"(https://twitter.com/user{i}/status/{i})."
        return line
    if style == 2:
        return (f"{number}. [{_title(rng)}](https://blog.example{i % 97}.com/posts/{i}) "
                f"by {_people(rng)} - a readable post about {rng.choice(_WORDS)}.")
    return (f"{number}. [org{i}/{rng.choice(_WORDS)}-{i}](https://github.com/org{i}/"
            f"{rng.choice(_WORDS)}-{i}) - {_title(rng)} library.")


def generate_list(n_entries: int, seed: int = 0) -> str:
    """A realistic Markdown awesome list with exactly ``n_entries`` entries."""
    rng = random.Random(seed)
    per_sub = 40
    subs_per_section = max(1, -(-n_entries // (per_sub * len(_SECTIONS))))
    out = [f"# Awesome Synthetic List {seed} [![Awesome](https://awesome.re/badge.svg)]"
           "(https://awesome.re)", "", "A generated list for benchmarks.", "",
           "## Table of Contents", ""]
    plan: list[tuple[str, str]] = []
    for s in range(len(_SECTIONS) * subs_per_section):
        section = _SECTIONS[s % len(_SECTIONS)]
        plan.append((section, f"{section} Topic {s // len(_SECTIONS) + 1}"))
    for section in _SECTIONS:
        out.append(f"- [{section}](#{section.lower()})")
    out.append("")
    i = 0
    current = ""
    for section, sub in plan:
        if i >= n_entries:
            break
        if section != current:
            out += [f"## {section}", ""]
            current = section
        out += [f"### {sub}", ""]
        for number in range(1, per_sub + 1):
            if i >= n_entries:
                break
            out.append(_entry(rng, i, number))
            i += 1
        out.append("")
    out += ["## License", "", "[CC0](https://creativecommons.org/publicdomain/zero/1.0/)", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (1, 2):
        print("usage: python -m bench.generate OUT.md [N_ENTRIES]", file=sys.stderr)
        return 2
    n = int(args[1]) if len(args) == 2 else 20_000
    Path(args[0]).write_text(generate_list(n), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
