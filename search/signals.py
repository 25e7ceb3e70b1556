"""Doorbells only: page events hand the shop's id to the indexing task after commit."""

from django.db import transaction
from django.db.models.signals import post_delete

from wagtail.signals import page_published, page_unpublished, post_page_move

from shops.models import ShopPage


def _schedule_reindex(page_id: int) -> None:
    from search.tasks import shop_reindex

    transaction.on_commit(lambda: shop_reindex.enqueue(page_id))


def _on_page_event(sender, instance, **kwargs):
    _schedule_reindex(instance.pk)


def _on_page_move(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, ShopPage):
        _schedule_reindex(instance.pk)


def connect() -> None:
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(
            _on_page_event, sender=ShopPage, dispatch_uid=f"search-{id(signal)}"
        )
    post_page_move.connect(_on_page_move, dispatch_uid="search-page-move")
