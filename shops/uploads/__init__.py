"""The gate every merchant image passes (``images``: re-encoded from its pixels)
and the Wagtail image form built on it (``forms``).
"""
