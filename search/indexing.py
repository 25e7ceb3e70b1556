"""The only code that writes to the search engine.

Indices are read through an alias (``<prefix>-shops``). A rebuild fills a new
concrete index and then swaps the alias in one atomic action, so searches never
see a half-built index; single-shop updates go through the same alias.
"""

import logging
from datetime import UTC, datetime

from django.db.models import F
from django.utils import timezone

from elasticsearch.helpers import bulk
from elasticsearch_dsl import Index

from search.documents import ShopDocument
from search.engine import ENGINE_ERRORS, client, index_name
from search.models import PendingIndexUpdate
from shops.models import ShopPage

logger = logging.getLogger(__name__)
BATCH_SIZE = 500


def _new_shops_index() -> Index:
    name = f"{index_name('shops')}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(ShopDocument)
    index.create(using=client())
    return index


def _indices_behind(alias: str) -> list[str]:
    es = client()
    if not es.indices.exists_alias(name=alias):
        return []
    return sorted(es.indices.get_alias(name=alias).keys())


def shops_index_ensure() -> str:
    """Make sure the shops alias exists (empty if need be); return the alias."""
    alias = index_name("shops")
    if not _indices_behind(alias):
        index = _new_shops_index()
        client().indices.put_alias(index=index._name, name=alias)
    return alias


def _live_shops():
    return (
        ShopPage.objects.live()
        .select_related("category", "commune")
        .prefetch_related("products", "served_communes")
        .order_by("pk")
    )


def shops_rebuild() -> int:
    """Index every live shop into a fresh index, swap the alias, drop the old index.

    Updates queued before the rebuild started are contained in it and dropped;
    later ones stay queued.
    """
    started = timezone.now()
    es = client()
    alias = index_name("shops")
    old_indices = _indices_behind(alias)
    index = _new_shops_index()
    documents = (
        {
            **ShopDocument.from_shop(shop).to_dict(include_meta=True),
            "_index": index._name,
        }
        for shop in _live_shops().iterator(chunk_size=BATCH_SIZE)
    )
    indexed, _errors = bulk(es, documents, chunk_size=BATCH_SIZE, refresh=True)
    actions = [{"remove": {"index": old, "alias": alias}} for old in old_indices]
    actions.append({"add": {"index": index._name, "alias": alias}})
    es.indices.update_aliases(actions=actions)
    for old in old_indices:
        es.indices.delete(index=old)
    PendingIndexUpdate.objects.filter(queued_at__lt=started).delete()
    logger.info("shops index rebuilt: %d documents in %s", indexed, index._name)
    return indexed


def pending_updates_apply(*, limit: int = 1000) -> tuple[int, int]:
    """Apply queued updates oldest first; stop at the first engine failure.

    A row is deleted only once its update is in the engine, so a failure leaves it
    (and every later row) for the next drain. Returns (applied, still pending).
    """
    applied = 0
    for pending in PendingIndexUpdate.objects.all()[:limit]:
        try:
            shop_sync(pending.shop_id)
        except ENGINE_ERRORS as error:
            PendingIndexUpdate.objects.filter(pk=pending.pk).update(
                attempts=F("attempts") + 1, last_error=str(error)[:1000]
            )
            logger.warning("search engine unavailable, index updates wait: %s", error)
            break
        PendingIndexUpdate.objects.filter(
            pk=pending.pk, queued_at=pending.queued_at
        ).delete()
        applied += 1
    return applied, PendingIndexUpdate.objects.count()


def shop_sync(page_id: int) -> None:
    """Align one shop's document with the database: index it if live, else drop it."""
    alias = shops_index_ensure()
    shop = _live_shops().filter(pk=page_id).first()
    if shop is None:
        client().delete(index=alias, id=str(page_id), ignore_status=404, refresh=True)
        return
    ShopDocument.from_shop(shop).save(using=client(), index=alias, refresh=True)
