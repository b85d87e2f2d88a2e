"""Timestamps stored as ISO-8601 UTC text (sortable, readable in exports)."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
