"""Where a long Markdown text can be cut so that its pieces parse like the whole.

A long text is block-parsed a few thousand lines at a time, so only one piece's tokens are
alive at once: at 100,000 entries the whole token list was most of the memory of an import.
"""

from __future__ import annotations

import re

#: Lines a piece has at least (it is cut before a heading that follows a blank line).
CHUNK_LINES = 4000
_HEADING_LINE = re.compile(r"#{1,6}(?:[ \t]|$)")
# Where a heading line may not end the blocks before it, the text is parsed whole: fenced
# code, raw HTML that runs across blank lines, and reference definitions (used anywhere).
NO_CUT = re.compile(
    r"^[ \t]*(?:```|~~~)|<(?:script|pre|style|textarea|!--|\?|![A-Za-z]|!\[CDATA)|\]:",
    re.M | re.I)


def _pieces(lines: list[str], size: int) -> list[tuple[int, int]]:
    """Line ranges of at least ``size`` lines, each cut just before a heading line that
    follows a blank line (a heading there ends every open block)."""
    cuts = [0]
    for i in range(size, len(lines)):
        if i - cuts[-1] >= size and not lines[i - 1].strip() and _HEADING_LINE.match(lines[i]):
            cuts.append(i)
    return list(zip(cuts, [*cuts[1:], len(lines)], strict=True))


def pieces_of(text: str, lines: list[str], size: int) -> list[tuple[int, int]]:
    """Line ranges to parse one after the other: the whole text unless it is long and has
    nothing a cut could split."""
    if len(lines) <= size or NO_CUT.search(text) is not None:
        return [(0, len(lines))]
    return _pieces(lines, size)
