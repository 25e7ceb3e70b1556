"""Turn the vocabulary into about 1,500 shops and 100 places, identically on every run.

Every random choice comes from one seeded generator and happens while planning, in
a fixed order, before anything is written; creation then skips what already exists
(same slug under the same commune). Running the seed twice therefore changes
nothing, and a demo shop edited by hand keeps its edits.
"""

import math
import random
import zlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial

from django.db import transaction
from django.utils.text import slugify

from cms.models import Commune, CommunePage, PointOfInterestPage
from demo import vocabulary as words
from demo.images import demo_image
from shops.models import Category, Product, ShopPage
from web.commands import LoadSummary

SEED = "vitrine-demo-1"
DEMO_VERIFIED_AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
DEMO_STALE_HOURS_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
SHOP_COUNT = 1500
PLACE_COUNT = 100
# Numbers the French regulator (ARCEP) reserves for fiction in the 03 zone.
FICTION_PHONE_PREFIX = "03 53 01"


@dataclass(frozen=True)
class ProductSpec:
    name: str
    price_cents: int
    unit: str
    stock: int | None


@dataclass(frozen=True)
class ShopSpec:
    commune_insee: str
    slug: str
    title: str
    category_tag: str
    pitch: str
    street_address: str
    postal_code: str
    latitude: float
    longitude: float
    opening_hours: str
    phone: str
    products: tuple[ProductSpec, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PlaceSpec:
    commune_insee: str
    slug: str
    title: str
    kind: str
    summary: str
    period: str
    latitude: float
    longitude: float
    opening_hours: str
    is_free: bool


def allocate(total: int, weights: dict[str, int], minimum: int = 0) -> dict[str, int]:
    """Split ``total`` by ``weights`` (largest remainder), at least ``minimum`` each."""
    keys = sorted(weights)
    minimum = min(minimum, total // len(keys))
    rest = total - minimum * len(keys)
    whole = sum(weights.values())
    shares = {key: rest * weights[key] / whole for key in keys}
    counts = {key: minimum + math.floor(shares[key]) for key in keys}
    leftover = total - sum(counts.values())
    by_remainder = sorted(keys, key=lambda key: (-(shares[key] % 1), key))
    for key in by_remainder[:leftover]:
        counts[key] += 1
    return counts


def _point_near_town_hall(rng: random.Random, commune: Commune) -> tuple[float, float]:
    """A point inside the commune, most often a few hundred metres from its centre."""
    spread = 0.18 * min(
        commune.max_latitude - commune.min_latitude,
        commune.max_longitude - commune.min_longitude,
    )
    for _ in range(30):
        latitude = round(commune.latitude + rng.gauss(0, spread), 6)
        longitude = round(commune.longitude + rng.gauss(0, spread * 1.5), 6)
        if commune.contains(latitude=latitude, longitude=longitude):
            return latitude, longitude
    return commune.latitude, commune.longitude


def _fill(rng: random.Random, pattern: str, commune: Commune) -> str:
    return pattern.format(
        surname=rng.choice(words.SURNAMES),
        first_name=rng.choice(words.FIRST_NAMES),
        street=rng.choice(words.STREET_NAMES),
        commune=commune.name,
    )


def _street_address(rng: random.Random) -> str:
    return f"{rng.randint(1, 180)} {rng.choice(words.STREET_NAMES)}"


def _fiction_phone(rng: random.Random) -> str:
    return f"{FICTION_PHONE_PREFIX} {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"


def _distinct_name(
    rng: random.Random, patterns: tuple[str, ...], commune: Commune, taken: Counter
) -> str:
    """A name no other demo shop of the commune has: two "Au Bateau Bleu" look fake."""
    for _ in range(12):
        name = _fill(rng, rng.choice(patterns), commune)
        if not taken[slugify(name)[:80]]:
            return name
    return name


def _unique_slug(base: str, taken: Counter) -> str:
    taken[base] += 1
    return base if taken[base] == 1 else f"{base}-{taken[base]}"


def _products(rng: random.Random, vocabulary: dict) -> tuple[ProductSpec, ...]:
    chosen = rng.sample(
        vocabulary["products"], k=min(len(vocabulary["products"]), rng.randint(3, 5))
    )
    specs = []
    for name, price_cents, unit in chosen:
        # Neighbouring shops do not charge the same to the cent.
        price = max(10, round(price_cents * rng.uniform(0.9, 1.1) / 10) * 10)
        # Services are "made to order"; goods have a count, sometimes sold out.
        stock = (
            None
            if unit in ("prestation", "heure")
            else rng.choice([0, 3, 8, 12, 25, 40])
        )
        specs.append(ProductSpec(name=name, price_cents=price, unit=unit, stock=stock))
    return tuple(specs)


def plan_shops(communes: list[Commune], count: int = SHOP_COUNT) -> list[ShopSpec]:
    rng = random.Random(f"{SEED}-shops")
    counts = allocate(count, {c.insee_code: c.population for c in communes}, minimum=1)
    tags = list(words.CATEGORY_VOCABULARY)
    weights = [words.CATEGORY_VOCABULARY[tag]["weight"] for tag in tags]
    specs = []
    for commune in sorted(communes, key=lambda c: c.insee_code):
        taken: Counter = Counter()
        for _ in range(counts[commune.insee_code]):
            tag = rng.choices(tags, weights=weights)[0]
            vocabulary = words.CATEGORY_VOCABULARY[tag]
            title = _distinct_name(rng, vocabulary["name_patterns"], commune, taken)
            latitude, longitude = _point_near_town_hall(rng, commune)
            specs.append(
                ShopSpec(
                    commune_insee=commune.insee_code,
                    slug=_unique_slug(slugify(title)[:80], taken),
                    title=title,
                    category_tag=tag,
                    pitch=rng.choice(vocabulary["pitch"]),
                    street_address=_street_address(rng),
                    postal_code=rng.choice(commune.postal_codes),
                    latitude=latitude,
                    longitude=longitude,
                    opening_hours=rng.choice(words.HOURS_PATTERNS[vocabulary["hours"]]),
                    phone=_fiction_phone(rng),
                    products=_products(rng, vocabulary),
                )
            )
    return specs


def plan_places(communes: list[Commune], count: int = PLACE_COUNT) -> list[PlaceSpec]:
    rng = random.Random(f"{SEED}-places")
    by_insee = {c.insee_code: c for c in communes}
    famous = [entry for entry in words.POI_FAMOUS if entry[0] in by_insee][:count]
    counts = allocate(
        max(0, count - len(famous)), {c.insee_code: c.population for c in communes}
    )
    kinds = list(words.POI_KINDS)
    kind_weights = [words.POI_KINDS[kind]["weight"] for kind in kinds]
    planned: list[tuple[Commune, str, str, str | None]] = [
        (by_insee[insee], name, kind, summary) for insee, name, kind, summary in famous
    ]
    for commune in sorted(communes, key=lambda c: c.insee_code):
        for _ in range(counts[commune.insee_code]):
            kind = rng.choices(kinds, weights=kind_weights)[0]
            name = _fill(
                rng, rng.choice(words.POI_KINDS[kind]["name_patterns"]), commune
            )
            planned.append((commune, name, kind, None))
    specs = []
    taken_by_commune: dict[str, Counter] = {}
    for commune, name, kind, summary in planned:
        vocabulary = words.POI_KINDS[kind]
        latitude, longitude = _point_near_town_hall(rng, commune)
        taken = taken_by_commune.setdefault(commune.insee_code, Counter())
        specs.append(
            PlaceSpec(
                commune_insee=commune.insee_code,
                slug=_unique_slug(slugify(name)[:80], taken),
                title=name,
                kind=kind,
                summary=summary or rng.choice(vocabulary["descriptions"]),
                period=rng.choice(vocabulary["periods"]),
                latitude=latitude,
                longitude=longitude,
                opening_hours=rng.choice(vocabulary["hours"]),
                is_free=vocabulary["free"],
            )
        )
    return specs


def _existing_slugs(page_model) -> set[tuple[int, str]]:
    """(commune page id, slug) of every page of ``page_model`` already in the tree."""
    pages = page_model.objects.all().only("path", "slug", "depth")
    parents = {page.path: page.pk for page in CommunePage.objects.only("path")}
    step = page_model.steplen
    return {(parents.get(page.path[:-step]), page.slug) for page in pages}


def _page_fields(spec, exclude: set[str] = frozenset()) -> dict:
    """The spec's values that are page fields (the commune is the page's parent)."""
    skipped = {"commune_insee", *exclude}
    return {name: value for name, value in asdict(spec).items() if name not in skipped}


def _create_shop(
    spec: ShopSpec, parent: CommunePage, *, categories: dict[str, Category]
) -> None:
    category = categories[spec.category_tag]
    image = demo_image(
        key=category.slug, label=category.name_fr, palette=category.family
    )
    # Published shops are verified ones; most confirmed their hours recently, the
    # others are stale so that reminders have work. The choice follows the slug,
    # not the generator, to leave the plan unchanged.
    fingerprint = zlib.crc32(f"{spec.commune_insee}/{spec.slug}".encode())
    confirmed = fingerprint % 10 < 7
    shop = ShopPage(
        **_page_fields(spec, exclude={"category_tag", "products"}),
        category=category,
        image=image,
        verified_at=DEMO_VERIFIED_AT,
        hours_confirmed_at=DEMO_VERIFIED_AT if confirmed else DEMO_STALE_HOURS_AT,
        offers_click_and_collect=fingerprint % 7 < 2,
    )
    for position, product in enumerate(spec.products):
        shop.products.add(Product(sort_order=position, **asdict(product)))
    parent.add_child(instance=shop)


def _create_place(spec: PlaceSpec, parent: CommunePage) -> None:
    image = demo_image(
        key=f"{spec.commune_insee}-{spec.slug}", label=spec.title, palette="place"
    )
    parent.add_child(
        instance=PointOfInterestPage(
            **_page_fields(spec),
            image=image,
            image_credit="Illustration générée pour la démonstration",
        )
    )


def _create_missing(noun, specs, page_model, create, pages, progress) -> LoadSummary:
    existing = _existing_slugs(page_model)
    summary = LoadSummary()
    for number, spec in enumerate(specs, start=1):
        parent = pages[spec.commune_insee]
        if (parent.pk, spec.slug) in existing:
            summary.unchanged += 1
        else:
            with transaction.atomic():
                create(spec, parent)
            summary.created += 1
        if progress and number % 250 == 0:
            progress(f"{noun}: {number}/{len(specs)}")
    return summary


def demo_seed(
    *, shop_count: int = SHOP_COUNT, place_count: int = PLACE_COUNT, progress=None
) -> dict[str, LoadSummary]:
    """Create the demo shops and places that do not exist yet."""
    communes = list(Commune.objects.all())
    pages = {
        page.commune.insee_code: page
        for page in CommunePage.objects.select_related("commune")
    }
    categories = {c.osm_tag: c for c in Category.objects.all()}
    return {
        "shops": _create_missing(
            "shops",
            plan_shops(communes, shop_count),
            ShopPage,
            partial(_create_shop, categories=categories),
            pages,
            progress,
        ),
        "places": _create_missing(
            "places",
            plan_places(communes, place_count),
            PointOfInterestPage,
            _create_place,
            pages,
            progress,
        ),
    }
