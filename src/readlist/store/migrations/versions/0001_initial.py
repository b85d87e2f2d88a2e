"""Initial schema: shared layer, personal layer and the FTS5 index kept in step by triggers.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = r"""
CREATE TABLE entries (
	id INTEGER NOT NULL,
	"key" VARCHAR NOT NULL,
	title VARCHAR NOT NULL,
	title_norm VARCHAR NOT NULL,
	url VARCHAR,
	authors VARCHAR NOT NULL,
	organization VARCHAR NOT NULL,
	year INTEGER,
	kind VARCHAR NOT NULL,
	description TEXT NOT NULL,
	list_order INTEGER NOT NULL,
	first_seen VARCHAR NOT NULL,
	last_seen VARCHAR NOT NULL,
	retired_at VARCHAR,
	added_run INTEGER,
	PRIMARY KEY (id),
	UNIQUE ("key")
);
CREATE INDEX ix_entries_added_run ON entries (added_run);
CREATE INDEX ix_entries_kind ON entries (kind);
CREATE INDEX ix_entries_list_order ON entries (list_order);
CREATE INDEX ix_entries_retired_at ON entries (retired_at);
CREATE INDEX ix_entries_title_norm ON entries (title_norm);
CREATE INDEX ix_entries_year ON entries (year);
CREATE TABLE readers (
	id INTEGER NOT NULL,
	name VARCHAR NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (name)
);
CREATE TABLE sources (
	id INTEGER NOT NULL,
	name VARCHAR NOT NULL,
	title VARCHAR NOT NULL,
	origin VARCHAR NOT NULL,
	format VARCHAR NOT NULL,
	imported_at VARCHAR,
	content_hash VARCHAR,
	PRIMARY KEY (id),
	UNIQUE (name)
);
CREATE TABLE entry_links (
	id INTEGER NOT NULL,
	entry_id INTEGER NOT NULL,
	label VARCHAR NOT NULL,
	url VARCHAR NOT NULL,
	position INTEGER NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(entry_id) REFERENCES entries (id)
);
CREATE INDEX ix_entry_links_entry_id ON entry_links (entry_id);
CREATE TABLE import_runs (
	id INTEGER NOT NULL,
	source_id INTEGER NOT NULL,
	started_at VARCHAR NOT NULL,
	seconds DOUBLE NOT NULL,
	content_hash VARCHAR NOT NULL,
	entries INTEGER NOT NULL,
	added INTEGER NOT NULL,
	changed INTEGER NOT NULL,
	moved INTEGER NOT NULL,
	retired INTEGER NOT NULL,
	revived INTEGER NOT NULL,
	unchanged INTEGER NOT NULL,
	forced INTEGER NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(source_id) REFERENCES sources (id)
);
CREATE INDEX ix_import_runs_source_id ON import_runs (source_id);
CREATE TABLE note_versions (
	id INTEGER NOT NULL,
	reader_id INTEGER NOT NULL,
	entry_id INTEGER NOT NULL,
	body TEXT NOT NULL,
	saved_at VARCHAR NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(reader_id) REFERENCES readers (id),
	FOREIGN KEY(entry_id) REFERENCES entries (id)
);
CREATE INDEX ix_note_versions_entry_id ON note_versions (entry_id);
CREATE TABLE notes (
	reader_id INTEGER NOT NULL,
	entry_id INTEGER NOT NULL,
	body TEXT NOT NULL,
	created_at VARCHAR NOT NULL,
	updated_at VARCHAR NOT NULL,
	PRIMARY KEY (reader_id, entry_id),
	FOREIGN KEY(reader_id) REFERENCES readers (id),
	FOREIGN KEY(entry_id) REFERENCES entries (id)
);
CREATE INDEX ix_notes_updated_at ON notes (updated_at);
CREATE TABLE queues (
	id INTEGER NOT NULL,
	reader_id INTEGER NOT NULL,
	name VARCHAR NOT NULL,
	position INTEGER NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (reader_id, name),
	FOREIGN KEY(reader_id) REFERENCES readers (id)
);
CREATE TABLE reading_state (
	reader_id INTEGER NOT NULL,
	entry_id INTEGER NOT NULL,
	status VARCHAR NOT NULL,
	priority INTEGER NOT NULL,
	rating INTEGER,
	started_at VARCHAR,
	finished_at VARCHAR,
	status_changed_at VARCHAR,
	PRIMARY KEY (reader_id, entry_id),
	FOREIGN KEY(reader_id) REFERENCES readers (id),
	FOREIGN KEY(entry_id) REFERENCES entries (id)
);
CREATE INDEX ix_reading_state_priority ON reading_state (reader_id, priority);
CREATE INDEX ix_reading_state_status ON reading_state (reader_id, status);
CREATE TABLE saved_searches (
	id INTEGER NOT NULL,
	reader_id INTEGER NOT NULL,
	name VARCHAR NOT NULL,
	"query" TEXT NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (reader_id, name),
	FOREIGN KEY(reader_id) REFERENCES readers (id)
);
CREATE TABLE sections (
	id INTEGER NOT NULL,
	source_id INTEGER NOT NULL,
	parent_id INTEGER,
	title VARCHAR NOT NULL,
	path VARCHAR NOT NULL,
	position INTEGER NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (source_id, path),
	FOREIGN KEY(source_id) REFERENCES sources (id),
	FOREIGN KEY(parent_id) REFERENCES sections (id)
);
CREATE INDEX ix_sections_source_id ON sections (source_id);
CREATE TABLE status_events (
	id INTEGER NOT NULL,
	reader_id INTEGER NOT NULL,
	entry_id INTEGER NOT NULL,
	old_status VARCHAR NOT NULL,
	new_status VARCHAR NOT NULL,
	at VARCHAR NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(reader_id) REFERENCES readers (id),
	FOREIGN KEY(entry_id) REFERENCES entries (id)
);
CREATE INDEX ix_status_events_at ON status_events (at);
CREATE INDEX ix_status_events_entry_id ON status_events (entry_id);
CREATE TABLE tags (
	id INTEGER NOT NULL,
	reader_id INTEGER NOT NULL,
	name VARCHAR NOT NULL,
	PRIMARY KEY (id),
	UNIQUE (reader_id, name),
	FOREIGN KEY(reader_id) REFERENCES readers (id)
);
CREATE TABLE entry_changes (
	id INTEGER NOT NULL,
	run_id INTEGER NOT NULL,
	entry_id INTEGER NOT NULL,
	change VARCHAR NOT NULL,
	fields VARCHAR NOT NULL,
	detail TEXT NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(run_id) REFERENCES import_runs (id),
	FOREIGN KEY(entry_id) REFERENCES entries (id)
);
CREATE INDEX ix_entry_changes_entry_id ON entry_changes (entry_id);
CREATE INDEX ix_entry_changes_run_id ON entry_changes (run_id);
CREATE TABLE entry_tags (
	tag_id INTEGER NOT NULL,
	entry_id INTEGER NOT NULL,
	PRIMARY KEY (tag_id, entry_id),
	FOREIGN KEY(tag_id) REFERENCES tags (id),
	FOREIGN KEY(entry_id) REFERENCES entries (id)
);
CREATE INDEX ix_entry_tags_entry_id ON entry_tags (entry_id);
CREATE TABLE placements (
	id INTEGER NOT NULL,
	entry_id INTEGER NOT NULL,
	source_id INTEGER NOT NULL,
	section_id INTEGER,
	position INTEGER NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(entry_id) REFERENCES entries (id),
	FOREIGN KEY(source_id) REFERENCES sources (id),
	FOREIGN KEY(section_id) REFERENCES sections (id)
);
CREATE INDEX ix_placements_entry_id ON placements (entry_id);
CREATE INDEX ix_placements_section_id ON placements (section_id);
CREATE INDEX ix_placements_source_id ON placements (source_id);
CREATE TABLE queue_items (
	queue_id INTEGER NOT NULL,
	entry_id INTEGER NOT NULL,
	position DOUBLE NOT NULL,
	added_at VARCHAR NOT NULL,
	PRIMARY KEY (queue_id, entry_id),
	FOREIGN KEY(queue_id) REFERENCES queues (id),
	FOREIGN KEY(entry_id) REFERENCES entries (id)
);
CREATE INDEX ix_queue_items_entry_id ON queue_items (entry_id);
CREATE INDEX ix_queue_items_order ON queue_items (queue_id, position);
"""

# The FTS row of an entry has the entry's id as rowid. Triggers keep it in step with every
# write (import, note edit, tagging) so the index is never rebuilt for a single change.
FTS = r"""
CREATE VIRTUAL TABLE entry_fts USING fts5(
    title, authors, organization, description, notes, tags,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entry_fts(rowid, title, authors, organization, description, notes, tags)
    VALUES (new.id, new.title, new.authors, new.organization, new.description, '', '');
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, authors, organization, description
ON entries BEGIN
    UPDATE entry_fts SET title = new.title, authors = new.authors,
        organization = new.organization, description = new.description
    WHERE rowid = new.id;
END;
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    UPDATE entry_fts SET notes = (SELECT group_concat(body, ' ') FROM notes
                                  WHERE entry_id = new.entry_id)
    WHERE rowid = new.entry_id;
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF body ON notes BEGIN
    UPDATE entry_fts SET notes = (SELECT group_concat(body, ' ') FROM notes
                                  WHERE entry_id = new.entry_id)
    WHERE rowid = new.entry_id;
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    UPDATE entry_fts SET notes = coalesce((SELECT group_concat(body, ' ') FROM notes
                                           WHERE entry_id = old.entry_id), '')
    WHERE rowid = old.entry_id;
END;
CREATE TRIGGER entry_tags_fts_insert AFTER INSERT ON entry_tags BEGIN
    UPDATE entry_fts SET tags = (SELECT group_concat(t.name, ' ') FROM entry_tags et
                                 JOIN tags t ON t.id = et.tag_id
                                 WHERE et.entry_id = new.entry_id)
    WHERE rowid = new.entry_id;
END;
CREATE TRIGGER entry_tags_fts_delete AFTER DELETE ON entry_tags BEGIN
    UPDATE entry_fts SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM entry_tags et
                                          JOIN tags t ON t.id = et.tag_id
                                          WHERE et.entry_id = old.entry_id), '')
    WHERE rowid = old.entry_id;
END;
CREATE TRIGGER tags_fts_rename AFTER UPDATE OF name ON tags BEGIN
    UPDATE entry_fts SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM entry_tags et
                                          JOIN tags t ON t.id = et.tag_id
                                          WHERE et.entry_id = entry_fts.rowid), '')
    WHERE rowid IN (SELECT entry_id FROM entry_tags WHERE tag_id = new.id);
END;
"""


def _statements(script: str) -> list[str]:
    """Split on `;` at line ends, keeping trigger bodies (which end in `END;`) whole."""
    out: list[str] = []
    buf: list[str] = []
    in_trigger = False
    for line in script.strip().splitlines():
        buf.append(line)
        if line.lstrip().upper().startswith("CREATE TRIGGER"):
            in_trigger = True
        if line.rstrip().endswith(";") and (not in_trigger or line.strip().upper() == "END;"):
            out.append("\n".join(buf))
            buf = []
            in_trigger = False
    return out


def upgrade() -> None:
    for stmt in _statements(TABLES) + _statements(FTS):
        op.execute(stmt)


def downgrade() -> None:
    raise NotImplementedError("Readlist does not downgrade; restore a backup instead")
