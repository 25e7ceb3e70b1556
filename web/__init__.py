"""Plumbing that every app's pages and views share, below the domains.

The public page cache (``page_cache``), the cross-site post guard (``forgery``),
what a user may choose in a page form (``scoping``, ``forms``), the group and
collection permissions helpers (``permissions``), rate counting in the shared cache
(``rates``) and the summary loading commands print (``commands``). Like the
territory, it imports no other app of the project.
"""
