"""Notes alone: one Markdown file per annotated entry, with YAML front matter (Obsidian vaults)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from readlist.core.errors import BadInputError

_UNSAFE = re.compile(r'[<>:"/\\|?*#^\[\]\x00-\x1f\x7f]+')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
MAX_STEM = 80


def safe_stem(title: str, fallback: str) -> str:
    """A file name stem that is valid on Windows, macOS and Linux."""
    text = _UNSAFE.sub(" ", unicodedata.normalize("NFC", title))
    text = " ".join(text.split()).strip(" .")[:MAX_STEM].rstrip(" .")
    if not text:
        text = fallback
    if text.split(".")[0].lower() in _RESERVED:
        text += "_"
    return text


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def note_file(e: dict[str, Any]) -> str:
    front = ["---", f"title: {_yaml(e['title'])}", f"url: {_yaml(e['url'] or '')}",
             f"status: {e['status']}", "tags: [" + ", ".join(_yaml(t) for t in e["tags"]) + "]",
             f"key: {_yaml(e['key'])}"]
    if e["rating"]:
        front.append(f"rating: {e['rating']}")
    if e["note_updated_at"]:
        front.append(f"updated: {_yaml(e['note_updated_at'])}")
    front.append("---")
    return "\n".join(front) + "\n\n" + str(e["note"]).strip() + "\n"


def write_notes(data: dict[str, Any], folder: Path) -> list[Path]:
    """Write every entry with a note into `folder` (created if missing); returns the files.

    Names come from titles; clashes (case-insensitively) get " (2)", " (3)"… in key order, so
    a re-export writes the same names. Existing files of the same name are replaced.
    """
    if folder.exists() and not folder.is_dir():
        raise BadInputError(f"{folder} is a file; --format notes needs a folder")
    if not folder.parent.resolve().is_dir():
        raise BadInputError(f"folder {folder.parent} does not exist")
    folder.mkdir(exist_ok=True)
    taken: set[str] = set()
    written = []
    for e in sorted((e for e in data["entries"] if e["note"].strip()),
                    key=lambda e: str(e["key"])):
        stem = safe_stem(e["title"], f"entry-{e['id']}")
        name, n = stem, 1
        while name.lower() in taken:
            n += 1
            name = f"{stem} ({n})"
        taken.add(name.lower())
        path = folder / f"{name}.md"
        path.write_text(note_file(e), encoding="utf-8")
        written.append(path)
    return written
