"""Doorbells only: page events queue the page's id, and a drain runs after commit."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import timezone

from wagtail.signals import page_published, page_unpublished, post_page_move

from search.indexing import KINDS
from search.models import PendingIndexUpdate


def _queue(page_id: int) -> None:
    from search.tasks import pending_updates_drain

    # Same transaction as the change: committed together, or not at all.
    PendingIndexUpdate.objects.update_or_create(
        page_id=page_id, defaults={"queued_at": timezone.now()}
    )
    transaction.on_commit(pending_updates_drain.enqueue)


def _on_page_event(sender, instance, **kwargs):
    _queue(instance.pk)


def _indexed_models() -> list[type]:
    return [kind.model for kind in KINDS.values()]


def _on_page_move(sender, instance, **kwargs):
    if isinstance(instance.specific_deferred, tuple(_indexed_models())):
        _queue(instance.pk)


def connect() -> None:
    for model in _indexed_models():
        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                _on_page_event,
                sender=model,
                dispatch_uid=f"search-{model.__name__}-{id(signal)}",
            )
    post_page_move.connect(_on_page_move, dispatch_uid="search-page-move")
