"""Pure parsing half of the importer: bytes → text → ParsedList (no database, no Qt)."""

from __future__ import annotations

from readlist.importing.markdown import parse_markdown
from readlist.importing.rendered import parse_rendered
from readlist.importing.sources import SourceText, detect_format, parse_text, read_source

__all__ = ["SourceText", "detect_format", "parse_markdown", "parse_rendered", "parse_text",
           "read_source"]
