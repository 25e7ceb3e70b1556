"""Absolute public addresses of pages, without a request (for exports and the API).

The public base address is ``WAGTAILADMIN_BASE_URL``, the one emails already use.
"""

from django.conf import settings

from wagtail.models import Page, Site


def site_root_path() -> str:
    """The url_path of the default site's root page (``/home/``)."""
    root_paths = Site.get_site_root_paths()
    return root_paths[0].root_path if root_paths else "/"


def page_public_url(page: Page, root_path: str | None = None) -> str:
    root_path = root_path or site_root_path()
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return f"{base}/{page.url_path[len(root_path) :]}"
