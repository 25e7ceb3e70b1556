"""The open datasets: their columns (OpenStreetMap keys) and how a page becomes a row.

One ``Dataset`` per downloadable collection. The CSV has one column per key, the
GeoJSON one property per non-empty key (as OSM tags are), and the Table Schema is
derived from the same columns, so the three never disagree.
"""

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import EventPage, PointOfInterestPage
from opendata.links import page_public_url, site_root_path
from opendata.places import communes_by_page_path, place_commune
from shops.models import ShopPage

# Bump when columns change, so that cached files of the old layout are not served.
FORMAT_VERSION = "1"
LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
HOUSE_NUMBER = re.compile(
    r"^(?P<number>\d+(?:\s?(?:bis|ter|quater|[A-Za-z]))?)\b[\s,]+(?P<street>.+)$",
    re.IGNORECASE,
)


def address_split(street_address: str) -> tuple[str, str]:
    """``"12 bis rue Nationale"`` → ``("12 bis", "rue Nationale")``, as in OSM."""
    match = HOUSE_NUMBER.match(street_address.strip())
    if not match:
        return "", street_address.strip()
    return match["number"], match["street"]


def address_join(housenumber: str, street: str) -> str:
    return " ".join(part for part in (housenumber.strip(), street.strip()) if part)


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    type: str = "string"  # a Table Schema type: string, number, integer, date
    required: bool = False
    constraints: dict = field(default_factory=dict)

    def table_schema(self) -> dict:
        spec = {
            "name": self.name,
            "type": self.type,
            "description": str(self.description),
        }
        if self.type == "string" and self.name.endswith("url"):
            spec["format"] = "uri"
        constraints = dict(self.constraints)
        if self.required:
            constraints["required"] = True
        if constraints:
            spec["constraints"] = constraints
        return spec


def _coordinate(value: float) -> float:
    return round(value, 7)


def _local_date(moment) -> str:
    return timezone.localtime(moment).date().isoformat() if moment else ""


COMMON_ADDRESS = (
    Column("addr:housenumber", _("House number")),
    Column("addr:street", _("Street")),
    Column(
        "addr:postcode",
        _("Postal code"),
        constraints={"pattern": r"[0-9]{5}"},
    ),
    Column("addr:city", _("Commune"), required=True),
    Column(
        "ref:INSEE",
        _("INSEE code of the commune"),
        required=True,
        constraints={"pattern": r"[0-9]{5}"},
    ),
)
POSITION = (
    Column(
        "@lat",
        _("Latitude (WGS84)"),
        "number",
        required=True,
        constraints={"minimum": -90, "maximum": 90},
    ),
    Column(
        "@lon",
        _("Longitude (WGS84)"),
        "number",
        required=True,
        constraints={"minimum": -180, "maximum": 180},
    ),
)

SHOP_COLUMNS = (
    Column("vitrine:id", _("Identifier of the listing on Vitrine"), "integer", True),
    Column("name", _("Name of the shop"), required=True),
    Column("shop", _("OpenStreetMap shop=* value (shops)")),
    Column("craft", _("OpenStreetMap craft=* value (craftworkers)")),
    Column("description", _("One-line description")),
    Column("opening_hours", _("Opening hours, OpenStreetMap syntax")),
    Column(
        "check_date:opening_hours",
        _("Day the merchant last confirmed the hours"),
        "date",
    ),
    *COMMON_ADDRESS,
    Column("phone", _("Phone number")),
    Column("website", _("Website of the shop")),
    Column(
        "wheelchair",
        _("Wheelchair access: yes, limited or no"),
        constraints={"enum": ["yes", "limited", "no", ""]},
    ),
    Column(
        "ref:FR:SIRET",
        _("SIRET number of the business"),
        constraints={"pattern": r"([0-9]{14})?"},
    ),
    Column("@id", _("OpenStreetMap element the listing was imported from")),
    *POSITION,
    Column("vitrine:url", _("Public page of the listing on Vitrine"), required=True),
)

PLACE_TAGS: dict[str, dict[str, str]] = {
    PointOfInterestPage.Kind.MUSEUM: {"tourism": "museum"},
    PointOfInterestPage.Kind.MONUMENT: {"historic": "monument"},
    PointOfInterestPage.Kind.CHURCH: {"amenity": "place_of_worship"},
    PointOfInterestPage.Kind.PARK: {"leisure": "park"},
    PointOfInterestPage.Kind.STREET_ART: {
        "tourism": "artwork",
        "artwork_type": "mural",
    },
    PointOfInterestPage.Kind.MARKET_HALL: {"amenity": "marketplace"},
    PointOfInterestPage.Kind.LIBRARY: {"amenity": "library"},
    PointOfInterestPage.Kind.THEATRE: {"amenity": "theatre"},
    PointOfInterestPage.Kind.VIEWPOINT: {"tourism": "viewpoint"},
    PointOfInterestPage.Kind.HISTORIC_SITE: {"historic": "yes"},
    PointOfInterestPage.Kind.BELFRY: {"man_made": "tower", "tower:type": "bell_tower"},
    PointOfInterestPage.Kind.WINDMILL: {"man_made": "windmill"},
}

PLACE_COLUMNS = (
    Column("vitrine:id", _("Identifier of the place on Vitrine"), "integer", True),
    Column("name", _("Name of the place"), required=True),
    Column(
        "vitrine:kind",
        _("Kind of place on Vitrine"),
        required=True,
        constraints={"enum": list(PointOfInterestPage.Kind.values)},
    ),
    Column("tourism", _("OpenStreetMap tourism=* value")),
    Column("historic", _("OpenStreetMap historic=* value")),
    Column("amenity", _("OpenStreetMap amenity=* value")),
    Column("leisure", _("OpenStreetMap leisure=* value")),
    Column("man_made", _("OpenStreetMap man_made=* value")),
    Column("artwork_type", _("OpenStreetMap artwork_type=* value")),
    Column("tower:type", _("OpenStreetMap tower:type=* value")),
    Column("description", _("Short description")),
    Column("opening_hours", _("Opening hours, OpenStreetMap syntax")),
    Column(
        "fee",
        _("Entry fee: yes or no"),
        constraints={"enum": ["yes", "no"]},
    ),
    *COMMON_ADDRESS,
    Column("website", _("Official website")),
    *POSITION,
    Column("vitrine:url", _("Public page of the place on Vitrine"), required=True),
)


EVENT_COLUMNS = (
    Column("vitrine:id", _("Identifier of the event on Vitrine"), "integer", True),
    Column("name", _("Name of the event"), required=True),
    Column(
        "vitrine:kind",
        _("Kind of event on Vitrine"),
        required=True,
        constraints={"enum": list(EventPage.Kind.values)},
    ),
    Column("start_date", _("Start, ISO 8601 with its offset"), "datetime", True),
    Column("end_date", _("End, ISO 8601 with its offset"), "datetime", True),
    Column("description", _("Short description")),
    Column("vitrine:location", _("Where it takes place, in words")),
    Column("vitrine:notice", _("Notice for the shops of the area, if any")),
    Column("addr:street", _("Street")),
    Column("addr:city", _("Commune"), required=True),
    Column("ref:INSEE", _("INSEE code of the commune"), required=True),
    Column("website", _("Official website")),
    *POSITION,
    Column("vitrine:url", _("Public page of the event on Vitrine"), required=True),
)


def event_row(event: EventPage, context: dict) -> dict:
    """An event's row; without a point of its own, it sits at its town hall."""
    commune = event.commune
    has_point = event.latitude is not None and event.longitude is not None
    return {
        "vitrine:id": event.pk,
        "name": event.title,
        "vitrine:kind": event.kind,
        "start_date": timezone.localtime(event.starts_at).isoformat(),
        "end_date": timezone.localtime(event.ends_at).isoformat(),
        "description": event.summary,
        "vitrine:location": event.location_name,
        "vitrine:notice": event.notice,
        "addr:street": event.street_address,
        "addr:city": commune.name,
        "ref:INSEE": commune.insee_code,
        "website": event.official_url,
        "@lat": _coordinate(event.latitude if has_point else commune.latitude),
        "@lon": _coordinate(event.longitude if has_point else commune.longitude),
        "vitrine:url": page_public_url(event, context["root_path"]),
    }


def shop_row(shop: ShopPage, context: dict) -> dict:
    housenumber, street = address_split(shop.street_address)
    category = shop.category
    return {
        "vitrine:id": shop.pk,
        "name": shop.title,
        "shop": category.osm_value if category.osm_key == "shop" else "",
        "craft": category.osm_value if category.osm_key == "craft" else "",
        "description": shop.pitch,
        "opening_hours": shop.opening_hours,
        "check_date:opening_hours": _local_date(shop.hours_confirmed_at),
        "addr:housenumber": housenumber,
        "addr:street": street,
        "addr:postcode": shop.postal_code,
        "addr:city": shop.commune.name,
        "ref:INSEE": shop.commune.insee_code,
        "phone": shop.phone,
        "website": shop.website,
        "wheelchair": shop.wheelchair,
        "ref:FR:SIRET": shop.siret,
        "@id": shop.osm_id,
        "@lat": _coordinate(shop.latitude),
        "@lon": _coordinate(shop.longitude),
        "vitrine:url": page_public_url(shop, context["root_path"]),
    }


def place_row(place: PointOfInterestPage, context: dict) -> dict:
    housenumber, street = address_split(place.street_address)
    commune = place_commune(place, context["communes_by_path"])
    tags = PLACE_TAGS.get(place.kind, {})
    return {
        "vitrine:id": place.pk,
        "name": place.title,
        "vitrine:kind": place.kind,
        **{key: tags.get(key, "") for key in PLACE_TAG_KEYS},
        "description": place.summary,
        "opening_hours": place.opening_hours,
        "fee": "no" if place.is_free else "yes",
        "addr:housenumber": housenumber,
        "addr:street": street,
        "addr:postcode": place.postal_code,
        "addr:city": commune.name if commune else "",
        "ref:INSEE": commune.insee_code if commune else "",
        "website": place.official_url,
        "@lat": _coordinate(place.latitude),
        "@lon": _coordinate(place.longitude),
        "vitrine:url": page_public_url(place, context["root_path"]),
    }


PLACE_TAG_KEYS = (
    "tourism",
    "historic",
    "amenity",
    "leisure",
    "man_made",
    "artwork_type",
    "tower:type",
)


def _shops() -> QuerySet:
    return ShopPage.objects.live().select_related("category", "commune").order_by("pk")


def _places() -> QuerySet:
    return PointOfInterestPage.objects.live().order_by("pk")


def _events() -> QuerySet:
    return EventPage.objects.live().select_related("commune").order_by("pk")


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple[Column, ...]
    queryset: Callable[[], QuerySet]
    row: Callable[[object, dict], dict]
    context: Callable[[], dict] = dict

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def state(self) -> dict:
        """Cheap figures that change whenever the published data does."""
        queryset = self.queryset().order_by()
        extra = {}
        if hasattr(queryset.model, "hours_confirmed_at"):
            extra["confirmed"] = Max("hours_confirmed_at")
        return queryset.aggregate(
            count=Count("pk"),
            ids=Sum("pk"),
            published=Max("last_published_at"),
            **extra,
        )

    def version(self, state: dict | None = None) -> str:
        state = state or self.state()
        fingerprint = "|".join(
            [
                FORMAT_VERSION,
                settings.WAGTAILADMIN_BASE_URL,
                *(f"{key}={state[key]}" for key in sorted(state)),
            ]
        )
        return hashlib.sha256(fingerprint.encode()).hexdigest()[:16]

    def last_modified(self, state: dict):
        stamps = [state.get("published"), state.get("confirmed")]
        stamps = [stamp for stamp in stamps if stamp is not None]
        return max(stamps) if stamps else None

    def rows(self) -> Iterator[dict]:
        """Every row, reading the database in chunks (memory stays bounded)."""
        context = {"root_path": site_root_path(), **self.context()}
        for obj in self.queryset().iterator(chunk_size=500):
            yield self.row(obj, context)

    def table_schema(self) -> dict:
        return {
            "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
            "name": self.slug,
            "title": str(self.title),
            "description": str(self.description),
            "licenses": [LICENCE],
            "fields": [column.table_schema() for column in self.columns],
            "primaryKey": ["vitrine:id"],
            "missingValues": [""],
        }


DATASETS: dict[str, Dataset] = {
    dataset.slug: dataset
    for dataset in (
        Dataset(
            slug="shops",
            title=_("Shops and craftworkers of the Lille metropolis"),
            description=_(
                "Every published listing of Vitrine: neighbourhood shops, "
                "craftworkers and services, with their OpenStreetMap category, "
                "address, position, opening hours and contact details."
            ),
            columns=SHOP_COLUMNS,
            queryset=_shops,
            row=shop_row,
        ),
        Dataset(
            slug="points-of-interest",
            title=_("Points of interest of the Lille metropolis"),
            description=_(
                "Cultural and historical places curated by the communes: museums, "
                "monuments, parks, market halls, with their position and hours."
            ),
            columns=PLACE_COLUMNS,
            queryset=_places,
            row=place_row,
            context=lambda: {"communes_by_path": communes_by_page_path()},
        ),
        Dataset(
            slug="events",
            title=_("Local events of the Lille metropolis"),
            description=_(
                "Braderies, markets, festivals and road works published by the "
                "communes, with their dates, place and the notice for the shops "
                "of the area."
            ),
            columns=EVENT_COLUMNS,
            queryset=_events,
            row=event_row,
        ),
    )
}
