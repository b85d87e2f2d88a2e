"""Pure parsing half of the importer: bytes → text → ParsedList (no database, no Qt).

`sources` reads and parses a list, `markdown` and `rendered` parse its two shapes, `sync`
plans a re-import; import the module you need (nothing is loaded here, so the command line
pays for markdown-it and rapidfuzz only when it imports).
"""
