"""The query language: text → syntax tree (pure); store/search.py compiles the tree to SQL."""

from __future__ import annotations

from readlist.query.nodes import FIELD_VALUES, FIELDS, And, Field, Node, Not, Or, Range, Term
from readlist.query.parse import caret, parse_query, validate

__all__ = ["FIELDS", "FIELD_VALUES", "And", "Field", "Node", "Not", "Or", "Range", "Term",
           "caret", "parse_query", "validate"]
