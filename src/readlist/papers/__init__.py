"""Paper files and arXiv metadata: PDF addresses, downloads, Atom parsing, PDF text.

No Qt and no database: the library hands these functions addresses and folders.
"""
