"""The only code that writes to the search engine.

Each kind of page has its index, read through an alias (``<prefix>-shops``,
``<prefix>-places``). A rebuild fills a new concrete index and then swaps the alias
in one atomic action, so searches never see a half-built index; single-page updates
go through the same alias. ``index_check`` compares the index with the database
through a fingerprint of each document, and ``index_repair`` fixes what differs.
"""

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.apps import apps
from django.db.models import F, QuerySet

from wagtail.models import Page

from elasticsearch.helpers import bulk
from elasticsearch_dsl import Document, Index

from search.documents import (
    EventDocument,
    PlaceDocument,
    ShopDocument,
    SuggestionDocument,
)
from search.engine import ENGINE_ERRORS, index_name, writing_client
from search.models import PendingIndexUpdate
from search.result_cache import generation_bump
from shops.models import ShopPage

logger = logging.getLogger(__name__)
BATCH_SIZE = 500
# Fields that change with the clock rather than with the page: left out of the
# fingerprint so that ``--check`` reports real drift, not the passing of time.
TIME_DEPENDENT_FIELDS = {"open_slots", "open_days", "fingerprint"}


def _live_shops() -> QuerySet:
    return (
        ShopPage.objects.live()
        .select_related("category", "commune")
        .prefetch_related("products", "served_communes", "closures")
        .order_by("pk")
    )


# Places and events are editorial pages, a layer above search: like page types,
# they are named by label and read through the app registry, never imported.
PLACE_PAGE = "cms.PointOfInterestPage"
EVENT_PAGE = "cms.EventPage"
COMMUNE_PAGE = "cms.CommunePage"


def _live_places() -> QuerySet:
    return apps.get_model(PLACE_PAGE).objects.live().order_by("pk")


def _place_documents(places: Iterable[Page]) -> Iterator[Document]:
    # A place's commune is the one of its parent page, one path step up.
    communes = {
        page.path: page.commune
        for page in apps.get_model(COMMUNE_PAGE).objects.select_related("commune")
    }
    for place in places:
        commune = communes.get(place.path[: -Page.steplen])
        if commune is not None:
            yield PlaceDocument.from_place(place, commune=commune)


def _live_events() -> QuerySet:
    return (
        apps.get_model(EVENT_PAGE)
        .objects.live()
        .select_related("commune")
        .order_by("pk")
    )


def _event_documents(events: Iterable[Page]) -> Iterator[Document]:
    for event in events:
        yield EventDocument.from_event(event)


def _shop_documents(shops: Iterable[ShopPage]) -> Iterator[Document]:
    for shop in shops:
        yield ShopDocument.from_shop(shop)


def _suggestion_documents(shops: Iterable[ShopPage]) -> Iterator[Document]:
    for shop in shops:
        yield SuggestionDocument.from_shop(shop)


@dataclass(frozen=True)
class IndexedKind:
    """One kind of page in the engine: its document, its pages, how to build them."""

    noun: str
    label: str
    document: type[Document]
    pages: Callable[[], QuerySet]
    build: Callable[[Iterable[Page]], Iterator[Document]]

    @property
    def model(self) -> type[Page]:
        return apps.get_model(self.label)


KINDS = {
    "shops": IndexedKind(
        "shops", "shops.ShopPage", ShopDocument, _live_shops, _shop_documents
    ),
    "suggestions": IndexedKind(
        "suggestions",
        "shops.ShopPage",
        SuggestionDocument,
        _live_shops,
        _suggestion_documents,
    ),
    "places": IndexedKind(
        "places", PLACE_PAGE, PlaceDocument, _live_places, _place_documents
    ),
    "events": IndexedKind(
        "events", EVENT_PAGE, EventDocument, _live_events, _event_documents
    ),
}


def fingerprint(document: Document) -> str:
    """A digest of what the page says, to spot documents that fell behind."""
    content = {
        key: value
        for key, value in document.to_dict().items()
        if key not in TIME_DEPENDENT_FIELDS
    }
    encoded = json.dumps(content, sort_keys=True, default=str).encode()
    return hashlib.blake2b(encoded, digest_size=12).hexdigest()


def _with_fingerprint(document: Document) -> Document:
    document.fingerprint = fingerprint(document)
    return document


def _new_index(kind: IndexedKind) -> Index:
    name = f"{index_name(kind.noun)}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(kind.document)
    index.create(using=writing_client())
    return index


def _indices_behind(alias: str) -> list[str]:
    es = writing_client()
    if not es.indices.exists_alias(name=alias):
        return []
    return sorted(es.indices.get_alias(name=alias).keys())


def index_ensure(noun: str) -> str:
    """Make sure the alias of ``noun`` exists (empty if need be); return the alias."""
    alias = index_name(noun)
    if not _indices_behind(alias):
        index = _new_index(KINDS[noun])
        writing_client().indices.put_alias(index=index._name, name=alias)
    return alias


def index_rebuild(noun: str, *, progress: Callable[[int], None] | None = None) -> int:
    """Index every live page of ``noun`` into a fresh index, then swap the alias.

    Searches keep reading the old index until the swap. ``progress`` is called
    with the number of documents sent after each batch.
    """
    kind = KINDS[noun]
    es = writing_client()
    alias = index_name(noun)
    old_indices = _indices_behind(alias)
    index = _new_index(kind)
    pages = kind.pages().iterator(chunk_size=BATCH_SIZE)
    indexed = 0
    batch: list[dict] = []
    for document in kind.build(pages):
        batch.append(
            {
                **_with_fingerprint(document).to_dict(include_meta=True),
                "_index": index._name,
            }
        )
        if len(batch) == BATCH_SIZE:
            indexed += bulk(es, batch, chunk_size=BATCH_SIZE)[0]
            batch = []
            if progress:
                progress(indexed)
    indexed += bulk(es, batch, chunk_size=BATCH_SIZE, refresh=True)[0]
    es.indices.refresh(index=index._name)
    if progress:
        progress(indexed)
    actions = [{"remove": {"index": old, "alias": alias}} for old in old_indices]
    actions.append({"add": {"index": index._name, "alias": alias}})
    es.indices.update_aliases(actions=actions)
    for old in old_indices:
        es.indices.delete(index=old)
    generation_bump()
    logger.info("%s index rebuilt: %d documents in %s", noun, indexed, index._name)
    return indexed


def pending_updates_discard(*, queued_before) -> int:
    """Forget updates a full rebuild started after them already contains."""
    deleted, _by_model = PendingIndexUpdate.objects.filter(
        queued_at__lt=queued_before
    ).delete()
    return deleted


def page_sync(page_id: int) -> None:
    """Align one page's document with the database: index it if live, else drop it."""
    for kind in KINDS.values():
        alias = index_ensure(kind.noun)
        page = kind.pages().filter(pk=page_id).first()
        documents = list(kind.build([page])) if page is not None else []
        if documents:
            _with_fingerprint(documents[0]).save(
                using=writing_client(), index=alias, refresh=True
            )
        else:
            writing_client().options(ignore_status=404).delete(
                index=alias, id=str(page_id), refresh=True
            )
    generation_bump()


def pending_updates_apply(*, limit: int = 1000) -> tuple[int, int]:
    """Apply queued updates oldest first; stop at the first engine failure.

    A row is deleted only once its update is in the engine, so a failure leaves it
    (and every later row) for the next drain. Returns (applied, still pending).
    """
    applied = 0
    for pending in PendingIndexUpdate.objects.all()[:limit]:
        try:
            page_sync(pending.page_id)
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


@dataclass
class IndexDrift:
    """What differs between the database and one index, by page id."""

    noun: str
    missing: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return sorted({*self.missing, *self.stale, *self.extra})

    def __bool__(self) -> bool:
        return bool(self.ids)


def _indexed_fingerprints(alias: str) -> dict[int, str]:
    """Every document id of the index with its fingerprint, page after page."""
    es = writing_client()
    found: dict[int, str] = {}
    after = None
    while True:
        body = {
            "size": 1000,
            "_source": ["fingerprint"],
            "sort": [{"page_id": "asc"}],
            "query": {"match_all": {}},
        }
        if after is not None:
            body["search_after"] = after
        hits = es.search(index=alias, body=body)["hits"]["hits"]
        if not hits:
            return found
        for hit in hits:
            found[int(hit["_id"])] = hit["_source"].get("fingerprint", "")
        after = hits[-1]["sort"]


def index_check(noun: str) -> IndexDrift:
    """Pages missing from the index, documents behind their page, and leftovers."""
    kind = KINDS[noun]
    indexed = _indexed_fingerprints(index_ensure(noun))
    expected = {
        int(document.meta.id): fingerprint(document)
        for document in kind.build(kind.pages().iterator(chunk_size=BATCH_SIZE))
    }
    return IndexDrift(
        noun=noun,
        missing=sorted(set(expected) - set(indexed)),
        stale=sorted(
            pk for pk in set(expected) & set(indexed) if expected[pk] != indexed[pk]
        ),
        extra=sorted(set(indexed) - set(expected)),
    )


def index_repair(drift: IndexDrift) -> int:
    """Re-sync every page the drift names; the number of pages fixed."""
    for page_id in drift.ids:
        page_sync(page_id)
    return len(drift.ids)
