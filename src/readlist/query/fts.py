"""Syntax tree → FTS5 MATCH expressions (pure string building, no database).

Every user word reaches FTS5 only inside a double-quoted FTS5 string (quotes doubled), so
nothing the user types — `NEAR(`, `*`, `^`, `"`, `AND` — is read as FTS5 syntax; the
tokenizer then splits the string exactly as it split the indexed text. A word with no
letters or digits (`*`, `-`, `&`) has no tokens: it constrains nothing and `prune` drops it.
"""

from __future__ import annotations

import re

from readlist.query.nodes import FTS_FIELDS, And, Field, Node, Not, Or, Term

_WORD = re.compile(r"[a-z]{3,}")
_SIBILANT = ("s", "x", "z", "ch", "sh")
_NOT_PLURAL = ("ss", "us", "is")


def has_tokens(text: str) -> bool:
    """True when the FTS5 unicode61 tokenizer would find at least one token in `text`."""
    return any(ch.isalnum() for ch in text)


def phrase(text: str, *, prefix: bool = False) -> str:
    """`text` as one FTS5 phrase; with `prefix` its last token matches as a prefix."""
    return '"' + text.replace('"', '""') + '"' + ("*" if prefix else "")


def singular(word: str) -> str | None:
    """The English singular of a lower-case plural (`models` → `model`), or None."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(_SIBILANT):
        return word[:-2]
    if word.endswith("s") and not word.endswith(_NOT_PLURAL):
        return word[:-1]
    return None


def plural(word: str) -> str:
    """The English plural of a lower-case singular (`library` → `libraries`)."""
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(_SIBILANT) else "s")


def word_forms(text: str, *, prefix: bool = False) -> str:
    """A free word as FTS5, folding English plurals: `transformer` finds `transformers`
    and back. A word still being typed (`prefix`) already finds its plurals; a plural one
    also finds its singular. Anything but one plain word is a phrase as typed."""
    word = text.lower()
    if not _WORD.fullmatch(word):
        return phrase(text, prefix=prefix)
    one = singular(word)
    forms = [phrase(word, prefix=prefix)]
    if one is not None:
        forms.append(phrase(one))
    elif not prefix:
        forms.append(phrase(plural(word)))
    return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"


def prune(node: Node | None) -> Node | None:
    """Drop terms that have no tokens (`*`, `&`, `author:-`): they constrain nothing.

    Returns None when nothing is left (the query then matches everything).
    """
    if node is None:
        return None
    if isinstance(node, Term):
        return node if has_tokens(node.text) else None
    if isinstance(node, Field):
        return None if node.name in FTS_FIELDS and not has_tokens(node.value) else node
    if isinstance(node, Not):
        child = prune(node.child)
        return None if child is None else Not(child, node.pos)
    if isinstance(node, And | Or):
        kids = [k for k in (prune(c) for c in node.children) if k is not None]
        if len(kids) <= 1:
            return kids[0] if kids else None
        return And(tuple(kids)) if isinstance(node, And) else Or(tuple(kids))
    return node


def fts_expr(node: Node) -> str | None:
    """The FTS5 expression equivalent to `node`, or None when it needs SQL (fields, lone NOT)."""
    if isinstance(node, Term):
        if node.phrase:
            return phrase(node.text, prefix=node.prefix)
        return word_forms(node.text, prefix=node.prefix)
    if isinstance(node, Field):
        column = FTS_FIELDS.get(node.name)
        return None if column is None else f"{{{column}}} : {phrase(node.value, prefix=True)}"
    if isinstance(node, Or):
        parts = [fts_expr(child) for child in node.children]
        if any(p is None for p in parts):
            return None
        return "(" + " OR ".join(p for p in parts if p) + ")"
    if isinstance(node, And):
        return conjunction(list(node.children))
    return None


def conjunction(nodes: list[Node]) -> str | None:
    """`a AND b AND -c …` as `(a AND b) NOT (c)`, when every part fits FTS5 and one is positive."""
    positive: list[str] = []
    negative: list[str] = []
    for node in nodes:
        target = positive
        if isinstance(node, Not):
            node, target = node.child, negative
        expr = fts_expr(node)
        if expr is None:
            return None
        target.append(expr)
    if not positive:
        return None
    out = "(" + " AND ".join(positive) + ")"
    return out + " NOT (" + " OR ".join(negative) + ")" if negative else out


def split_conjuncts(root: Node) -> tuple[str | None, list[Node]]:
    """Split the top-level AND into one driving FTS5 expression and the rest (for SQL).

    The driving expression joins every top-level term that FTS5 can evaluate (free words,
    phrases, author/title/org fields, OR-groups of them, negated ones once a positive exists);
    it is what ranks results by bm25. `root` must be pruned.
    """
    nodes = list(root.children) if isinstance(root, And) else [root]
    fts_pos: list[Node] = []
    fts_neg: list[Node] = []
    rest: list[Node] = []
    for node in nodes:
        if isinstance(node, Not) and fts_expr(node.child) is not None:
            fts_neg.append(node)
        elif not isinstance(node, Not) and fts_expr(node) is not None:
            fts_pos.append(node)
        else:
            rest.append(node)
    if not fts_pos:
        return None, rest + fts_neg
    return conjunction(fts_pos + fts_neg), rest
