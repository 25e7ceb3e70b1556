"""Production on one machine: the stack runner (``make prod``) and its smoke test.

Tooling, not part of the site: nothing in the Django apps imports it.
"""
