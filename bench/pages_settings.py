"""Production settings for ``bench/pages.py``, plus one bench-only address.

``/__bench__/ceiling/`` answers the shop page's HTML through Django's own cache
middleware (``cache_page``): the ceiling a page cache can reach in this server.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "pages_urls"
