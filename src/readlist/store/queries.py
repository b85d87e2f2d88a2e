"""SQL shared by the read path (plain sqlite3, no SQLAlchemy: store/lite.py) and the rest."""

from __future__ import annotations

#: The latest run of each source that changed anything: "What's new" and `changes` show it,
#: so a re-import that changed nothing keeps them.
LATEST_CHANGING_RUNS = (
    "SELECT max(r.id) FROM import_runs r WHERE EXISTS "
    "(SELECT 1 FROM entry_changes c WHERE c.run_id = r.id) GROUP BY r.source_id"
)
