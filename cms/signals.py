"""Doorbells of the caches: a page changed, its cached answers go; a site
changed, the sites kept per host go."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from web.page_cache import page_cache_purge, page_cache_purge_path
from web.sites import sites_forget


def _public_path(url_path: str) -> str | None:
    """The address a page at ``url_path`` answers (as Wagtail's routing reads it)."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path.removeprefix(root.root_path)
    return None


def _forget_old_address(url_path: str) -> None:
    if path := _public_path(url_path):
        page_cache_purge_path(path)


def _changed(sender, instance, **kwargs):
    page_cache_purge([instance])


def _moved(sender, instance, parent_page_before, url_path_before, **kwargs):
    _forget_old_address(url_path_before)
    page_cache_purge([instance, parent_page_before])


def _deleted(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    _forget_old_address(instance.url_path)
    parent = Page.objects.filter(path=instance.path[: -Page.steplen]).first()
    if parent is not None:
        page_cache_purge([parent])


def connect() -> None:
    page_published.connect(_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_moved, dispatch_uid="page_cache_moved")
    post_delete.connect(_deleted, dispatch_uid="page_cache_deleted")
    post_save.connect(sites_forget, sender=Site, dispatch_uid="sites_saved")
    post_delete.connect(sites_forget, sender=Site, dispatch_uid="sites_deleted")
