"""`python -m readlist` runs the command line (no command starts the app)."""

from __future__ import annotations

from readlist.cli import main

raise SystemExit(main())
