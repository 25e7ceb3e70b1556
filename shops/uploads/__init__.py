"""The gate every merchant image passes (``images``: re-encoded from its pixels),
the Wagtail image form built on it (``forms``), the photo file field of the shop
editor's product rows (``fields``) and the image such a file becomes (``photos``).
"""
