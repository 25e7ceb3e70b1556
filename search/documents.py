"""What the search engine stores about shops and places, and how French is analysed.

Only mappings and pure builders live here: nothing in this module talks to the
engine. The embedded engine ignores ``copy_to``, so the combined ``all_text`` field
is filled in Python by :meth:`ShopDocument.from_shop`; it has no geo aggregations
either, so map clusters group on geohash keywords computed here.
"""

import math
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.utils import timezone
from django.utils.html import strip_tags

import pygeohash
from elasticsearch_dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Float,
    GeoPoint,
    Integer,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

from territory.hours import PARIS, hours_open_intervals

# "Open at" is answered from quarter-hour slots computed when the document is
# built: the parser then applies closures, public holidays and clock changes once,
# and the query is a plain term filter. A nightly rebuild moves the horizon on.
OPEN_SLOT_SECONDS = 15 * 60
OPEN_HORIZON_DAYS = 8
# Map clusters: one keyword per precision, from a city (4) to a street (7).
GEOHASH_PRECISIONS = (4, 5, 6, 7)

# French elision must see lowercase text ("L'Atelier" → "atelier"), and accents are
# folded before stemming so that "epicerie" finds "épicerie".
french_elision = token_filter(
    "vitrine_french_elision",
    type="elision",
    articles_case=True,
    articles=[
        "l",
        "m",
        "t",
        "qu",
        "n",
        "s",
        "j",
        "d",
        "c",
        "jusqu",
        "quoiqu",
        "lorsqu",
        "puisqu",
    ],
)
french_stemmer = token_filter(
    "vitrine_french_stemmer", type="stemmer", language="light_french"
)
edge_ngrams = token_filter(
    "vitrine_edge_ngrams", type="edge_ngram", min_gram=2, max_gram=15
)

french_text = analyzer(
    "vitrine_french",
    tokenizer="standard",
    filter=["lowercase", french_elision, "asciifolding", french_stemmer],
)
autocomplete_index = analyzer(
    "vitrine_autocomplete",
    tokenizer="standard",
    filter=["lowercase", french_elision, "asciifolding", edge_ngrams],
)
folded_text = analyzer(
    "vitrine_folded",
    tokenizer="standard",
    filter=["lowercase", french_elision, "asciifolding"],
)


def open_slot(moment: datetime) -> int:
    """The number of the quarter hour holding ``moment`` (counted from the epoch)."""
    return math.floor(moment.timestamp()) // OPEN_SLOT_SECONDS


def open_slots_and_days(
    hours: str, *, now: datetime | None = None
) -> tuple[list[int], list[str]]:
    """The quarter hours fully open, and the days the shop opens, in the horizon.

    Slot numbers are UTC-based, so a day when clocks change simply has 92 or 100
    quarter hours. Days are Europe/Paris dates (``2026-11-29``) on which an opening
    starts: a bar open until 2:00 on Saturday night is not "open on Sunday".
    """
    start = (now or timezone.now()).astimezone(PARIS)
    slots, days = _open_slots_from(hours, start.date())
    return list(slots), list(days)


@lru_cache(maxsize=4096)
def _open_slots_from(hours: str, first_day: date) -> tuple[tuple[int, ...], tuple]:
    # Many shops share the same hours ("Tu-Sa 09:00-19:00"): a rebuild computes
    # each distinct string once per day instead of once per shop.
    day_start = datetime.combine(first_day, time.min, tzinfo=PARIS)
    slots: list[int] = []
    days: set[date] = set()
    for begin, end in hours_open_intervals(
        hours, day_start, day_start + timedelta(days=OPEN_HORIZON_DAYS)
    ):
        first = -(-math.floor(begin.timestamp()) // OPEN_SLOT_SECONDS)
        slots.extend(range(first, open_slot(end)))
        days.add(begin.date())
    return tuple(slots), tuple(sorted(day.isoformat() for day in days))


def map_fields(lat: float, lon: float) -> dict:
    """The cells holding a point (``"geohash_4": "u140"``…), for clustering, and
    the point as two numbers, so a cluster sits at the average of its members."""
    full = pygeohash.encode(lat, lon, precision=max(GEOHASH_PRECISIONS))
    cells = {f"geohash_{size}": full[:size] for size in GEOHASH_PRECISIONS}
    return {"lat": lat, "lon": lon, **cells}


def listing_completeness(shop, *, has_products: bool) -> float:
    """From 0 to 1: how much a resident learns from the listing (ranking signal)."""
    signals = [
        bool(shop.image_id),
        bool(shop.pitch),
        len(strip_tags(shop.description or "")) >= 80,
        bool(shop.opening_hours),
        bool(shop.phone or shop.website),
        has_products,
    ]
    return sum(signals) / len(signals)


def _autocompleted(**kwargs) -> Text:
    return Text(
        analyzer=french_text,
        fields={
            "autocomplete": Text(
                analyzer=autocomplete_index, search_analyzer=folded_text
            ),
            **kwargs,
        },
    )


class IndexedPage(Document):
    """Fields of every document: its page, and a fingerprint of what it says."""

    page_id = Integer()
    # Set by search.indexing, which compares it with the page's to find drift.
    fingerprint = Keyword(index=False)


class PageFields(IndexedPage):
    """Fields of the documents shown on the map."""

    location = GeoPoint()
    lat = Float()
    lon = Float()
    geohash_4 = Keyword()
    geohash_5 = Keyword()
    geohash_6 = Keyword()
    geohash_7 = Keyword()


class ShopDocument(PageFields):
    name = _autocompleted(raw=Keyword())
    category = Keyword()
    family = Keyword()
    category_labels = _autocompleted()
    commune_insee = Keyword()
    commune_name = Text(analyzer=french_text, fields={"raw": Keyword()})
    pitch = Text(analyzer=french_text)
    description = Text(analyzer=french_text)
    products = _autocompleted()
    address = Text(analyzer=french_text)
    opening_hours = Keyword(index=False)
    url = Keyword(index=False)
    click_and_collect = Boolean()
    verified = Boolean()
    wheelchair = Keyword()
    completeness = Float()
    # Craftworkers work on site: a search in a commune they serve finds them too,
    # and the commune facet counts them there.
    communes_reached = Keyword(multi=True)
    open_slots = Integer(multi=True)
    open_days = Keyword(multi=True)
    # Stemmed for meaning, and a folded-only twin so that typo tolerance compares
    # what the resident typed with the word as written ("boulangeri" → "boulangerie"),
    # not with a stem the typo can no longer reach.
    all_text = Text(
        analyzer=french_text,
        fields={
            "folded": Text(analyzer=folded_text),
        },
    )

    @classmethod
    def from_shop(
        cls,
        shop,
        *,
        products: list[str] | None = None,
        now: datetime | None = None,
    ) -> "ShopDocument":
        """The document of a live ShopPage (``products``: its active product names).

        ``now`` starts the horizon of the open slots (tests freeze it).
        """
        category = shop.category
        product_names = (
            products
            if products is not None
            else [product.name for product in shop.products.all() if product.active]
        )
        labels = [category.name_fr, category.name_en, category.name_nl]
        labels += [term for terms in category.terms.values() for term in terms]
        description = strip_tags(shop.description or "")
        address = " ".join(
            filter(None, [shop.street_address, shop.postal_code, shop.commune.name])
        )
        slots, days = open_slots_and_days(shop.effective_opening_hours, now=now)
        served = [commune.insee_code for commune in shop.served_communes.all()]
        return cls(
            meta={"id": shop.pk},
            page_id=shop.pk,
            name=shop.title,
            category=category.slug,
            family=category.family,
            category_labels=labels,
            commune_insee=shop.commune.insee_code,
            commune_name=shop.commune.name,
            pitch=shop.pitch,
            description=description,
            products=product_names,
            address=address,
            location={"lat": shop.latitude, "lon": shop.longitude},
            opening_hours=shop.opening_hours,
            url=shop.url_path,
            click_and_collect=shop.offers_click_and_collect,
            verified=shop.verified_at is not None,
            wheelchair=shop.wheelchair or "unknown",
            completeness=listing_completeness(shop, has_products=bool(product_names)),
            communes_reached=list(dict.fromkeys([shop.commune.insee_code, *served])),
            open_slots=slots,
            open_days=days,
            all_text=" ".join(
                [shop.title, *labels, shop.pitch, description, *product_names, address]
            ),
            **map_fields(shop.latitude, shop.longitude),
        )


class SuggestionDocument(IndexedPage):
    """As-you-type entries of a shop: its name and its products.

    A separate, small index: the embedded engine reads whole documents, so the
    completion suggester answers several times faster here than on the shops index.
    """

    name = Keyword(index=False)
    suggest = Completion(analyzer=folded_text, search_analyzer=folded_text)

    @classmethod
    def from_shop(cls, shop) -> "SuggestionDocument":
        products = [product.name for product in shop.products.all() if product.active]
        return cls(
            meta={"id": shop.pk},
            page_id=shop.pk,
            name=shop.title,
            suggest={"input": list(dict.fromkeys([shop.title, *products]))},
        )


class PlaceDocument(PageFields):
    """A cultural or historical point of interest, found beside the shops."""

    name = _autocompleted(raw=Keyword())
    kind = Keyword()
    kind_label = Text(analyzer=french_text)
    commune_insee = Keyword()
    summary = Text(analyzer=french_text)
    url = Keyword(index=False)
    all_text = Text(analyzer=french_text, fields={"folded": Text(analyzer=folded_text)})

    @classmethod
    def from_place(cls, place, *, commune) -> "PlaceDocument":
        """The document of a live PointOfInterestPage in ``commune``."""
        kind_label = str(place.get_kind_display())
        return cls(
            meta={"id": place.pk},
            page_id=place.pk,
            name=place.title,
            kind=place.kind,
            kind_label=kind_label,
            commune_insee=commune.insee_code,
            summary=place.summary,
            location={"lat": place.latitude, "lon": place.longitude},
            url=place.url_path,
            all_text=" ".join([place.title, kind_label, place.summary, commune.name]),
            **map_fields(place.latitude, place.longitude),
        )


class EventDocument(PageFields):
    """A local event (braderie, market, festival, road works), found while it is on."""

    name = Text(analyzer=french_text, fields={"raw": Keyword()})
    kind = Keyword()
    commune_insee = Keyword()
    starts_at = Date()
    ends_at = Date()
    url = Keyword(index=False)
    all_text = Text(analyzer=french_text, fields={"folded": Text(analyzer=folded_text)})

    @classmethod
    def from_event(cls, event) -> "EventDocument":
        """The document of a live EventPage; without a point, its town hall's."""
        commune = event.commune
        lat = event.latitude if event.latitude is not None else commune.latitude
        lon = event.longitude if event.longitude is not None else commune.longitude
        kind_label = str(event.get_kind_display())
        return cls(
            meta={"id": event.pk},
            page_id=event.pk,
            name=event.title,
            kind=event.kind,
            commune_insee=commune.insee_code,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            location={"lat": lat, "lon": lon},
            url=event.url_path,
            all_text=" ".join(
                filter(
                    None,
                    [
                        event.title,
                        kind_label,
                        event.summary,
                        event.location_name,
                        commune.name,
                    ],
                )
            ),
            **map_fields(lat, lon),
        )
