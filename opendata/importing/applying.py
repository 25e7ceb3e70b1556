"""Turning rows of OSM tags into unclaimed listings, one savepoint per row.

A row is matched with an existing listing by its OSM id, then its SIRET, then the
same name within 50 metres. A new listing is published unclaimed under the commune
whose outline holds the point. A match that is still unclaimed is updated (only if
something changed, so a second run of the same file changes nothing); a listing its
merchant has claimed is left as the merchant keeps it. A value that cannot be used
(hours the parser refuses, a wrong SIRET) is left out with a warning; a row without
a name, a known category or a point in the metropolis is rejected. Either way the
import goes on with the next row.
"""

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.models import Commune, CommunePage
from opendata.datasets import address_join
from opendata.importing.reading import SourceRow
from opendata.importing.trades import trade_category, trade_tags
from shops.choices import ListingSource, Wheelchair
from shops.listing.validators import siret_normalise, validate_siret, validate_web_url
from shops.merchants.signup import _unique_slug
from shops.models import Category, ShopPage
from territory.hours import PARIS, hours_normalise, hours_validate

logger = logging.getLogger(__name__)

SAME_PLACE_METRES = 50
WHEELCHAIR = {
    "yes": Wheelchair.YES,
    "designated": Wheelchair.YES,
    "limited": Wheelchair.LIMITED,
    "no": Wheelchair.NO,
}
POSTCODE = re.compile(r"^\d{5}$")
# The fields an import writes; everything else on a listing is the merchant's.
IMPORTED_FIELDS = (
    "title",
    "category_id",
    "pitch",
    "street_address",
    "postal_code",
    "latitude",
    "longitude",
    "opening_hours",
    "hours_confirmed_at",
    "phone",
    "email",
    "website",
    "wheelchair",
    "siret",
    "osm_id",
)


class RowRejected(Exception):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)

    def rejections_by_reason(self) -> list[tuple[str, int]]:
        """Why rows were rejected, most frequent first: what is still left out."""
        return Counter(reason for _number, reason in self.rejected).most_common()

    def summary(self) -> str:
        return _(
            "created: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d, "
            "rejected: %(rejected)d"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
        }


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine): exact to a metre at these distances."""
    radius = 6_371_000
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    )
    return 2 * radius * math.asin(math.sqrt(a))


def _first_value(tags: dict, *keys: str) -> str:
    """The first non-empty tag of ``keys``; OSM separates several values by ``;``."""
    for key in keys:
        value = tags.get(key, "").split(";")[0].strip()
        if value:
            return value
    return ""


class _Row:
    """One row being read into listing values, collecting warnings on the way."""

    def __init__(self, row: SourceRow, categories: dict):
        self.row = row
        self.tags = row.tags
        self.categories = categories
        self.warnings: list[str] = []

    def _drop(self, key: str, value: str, reason: str) -> str:
        self.warnings.append(
            _("%(key)s “%(value)s” left out: %(reason)s")
            % {"key": key, "value": value, "reason": reason}
        )
        return ""

    def category(self) -> Category:
        category = trade_category(self.tags, self.categories)
        if category is not None:
            return category
        written = trade_tags(self.tags)
        if not written:
            raise RowRejected(_("it has neither a shop=* nor a craft=* tag"))
        raise RowRejected(
            _("%(tag)s is not one of Vitrine's categories")
            % {"tag": ", ".join(written)}
        )

    def position(self) -> tuple[float, float, Commune]:
        lat, lon = self.row.latitude, self.row.longitude
        if lat is None or lon is None:
            raise RowRejected(_("it has no position"))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise RowRejected(_("its latitude or longitude is out of range"))
        commune = Commune.objects.containing(latitude=lat, longitude=lon)
        if commune is None:
            raise RowRejected(
                _("its position (%(lat).5f, %(lon).5f) is outside the 95 communes")
                % {"lat": lat, "lon": lon}
            )
        return lat, lon, commune

    def opening_hours(self) -> str:
        raw = self.tags.get("opening_hours", "")
        if not raw:
            return ""
        value = hours_normalise(raw)
        if len(value) > 255:
            return self._drop("opening_hours", raw, _("too long"))
        try:
            hours_validate(value)
        except ValidationError as error:
            return self._drop("opening_hours", raw, " ".join(error.messages))
        return value

    def check_date(self):
        raw = self.tags.get("check_date:opening_hours") or self.tags.get("check_date")
        if not raw:
            return None
        try:
            day = date.fromisoformat(raw[:10])
        except ValueError:
            self._drop("check_date", raw, _("not a date like 2025-03-31"))
            return None
        # Noon in Lille: the same day whichever way the time zone is read back.
        return datetime.combine(day, time(12), PARIS)

    def phone(self) -> str:
        value = _first_value(self.tags, "phone", "contact:phone")
        if len(value) > 20:
            return self._drop("phone", value, _("longer than 20 characters"))
        return value

    def website(self) -> str:
        value = _first_value(self.tags, "website", "contact:website", "url")
        if not value:
            return ""
        try:
            validate_web_url(value)
        except ValidationError:
            return self._drop("website", value, _("not a web address"))
        if len(value) > 200:
            return self._drop("website", value, _("longer than 200 characters"))
        return value

    def email(self) -> str:
        value = _first_value(self.tags, "email", "contact:email")
        if not value:
            return ""
        try:
            validate_email(value)
        except ValidationError:
            return self._drop("email", value, _("not an email address"))
        return value

    def wheelchair(self) -> str:
        value = self.tags.get("wheelchair", "")
        if value and value not in WHEELCHAIR:
            return self._drop("wheelchair", value, _("not yes, limited or no"))
        return WHEELCHAIR.get(value, "")

    def siret(self) -> str:
        value = self.tags.get("ref:FR:SIRET", "")
        if not value:
            return ""
        try:
            validate_siret(value)
        except ValidationError as error:
            return self._drop("ref:FR:SIRET", value, " ".join(error.messages))
        return siret_normalise(value)

    def postal_code(self) -> str:
        value = self.tags.get("addr:postcode", "")
        if value and not POSTCODE.match(value):
            return self._drop("addr:postcode", value, _("not five digits"))
        return value

    def values(self) -> tuple[dict, Commune]:
        if self.row.problem:
            raise RowRejected(self.row.problem)
        name = self.tags.get("name", "").strip()
        if not name:
            raise RowRejected(_("it has no name"))
        if len(name) > 255:
            raise RowRejected(_("its name is longer than 255 characters"))
        category = self.category()
        latitude, longitude, commune = self.position()
        street = address_join(
            self.tags.get("addr:housenumber", ""), self.tags.get("addr:street", "")
        )
        values = {
            "title": name,
            "category_id": category.pk,
            "pitch": self.tags.get("description", "")[:140],
            "street_address": street[:255],
            "postal_code": self.postal_code(),
            "latitude": latitude,
            "longitude": longitude,
            "opening_hours": self.opening_hours(),
            "hours_confirmed_at": self.check_date(),
            "phone": self.phone(),
            "email": self.email(),
            "website": self.website(),
            "wheelchair": self.wheelchair(),
            "siret": self.siret(),
            "osm_id": self.row.osm_id,
        }
        return values, commune


def _name_key(name: str) -> str:
    return slugify(name)


def _find_existing(values: dict) -> ShopPage | None:
    if values["osm_id"]:
        match = ShopPage.objects.filter(osm_id=values["osm_id"]).first()
        if match:
            return match
    if values["siret"]:
        match = ShopPage.objects.filter(siret=values["siret"]).first()
        if match:
            return match
    lat, lon = values["latitude"], values["longitude"]
    dlat = SAME_PLACE_METRES / 111_000
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    key = _name_key(values["title"])
    nearby = ShopPage.objects.filter(
        latitude__range=(lat - dlat, lat + dlat),
        longitude__range=(lon - dlon, lon + dlon),
    )
    for shop in nearby:
        if (
            _name_key(shop.title) == key
            and distance_metres(lat, lon, shop.latitude, shop.longitude)
            <= SAME_PLACE_METRES
        ):
            return shop
    return None


def _slug_hint(row: SourceRow) -> str:
    """The slug of a Vitrine page URL in the row (a re-import keeps the address)."""
    url = row.tags.get("vitrine:url", "")
    segments = [part for part in urlparse(url).path.split("/") if part]
    return segments[-1] if segments and slugify(segments[-1]) == segments[-1] else ""


def _publish(shop: ShopPage) -> None:
    shop.save_revision(log_action=True).publish()


def _create(values: dict, commune: Commune, row: SourceRow, source: str) -> ShopPage:
    parent = CommunePage.objects.get(commune=commune)
    hint = _slug_hint(row)
    slug = (
        hint
        if hint and not ShopPage.objects.child_of(parent).filter(slug=hint).exists()
        else _unique_slug(parent, values["title"])
    )
    shop = ShopPage(**values, slug=slug, source=source, is_claimed=False, owner=None)
    parent.add_child(instance=shop)
    _publish(shop)
    return shop


def _update(shop: ShopPage, values: dict, commune: Commune) -> bool:
    """Bring an unclaimed listing up to date; False when nothing changed."""
    changed = {
        name: value
        for name, value in values.items()
        if getattr(shop, name) != value and not (name == "osm_id" and not value)
    }
    moved = shop.commune_id != commune.pk
    if not changed and not moved:
        return False
    if moved:
        shop.move(CommunePage.objects.get(commune=commune), pos="last-child")
        shop = ShopPage.objects.get(pk=shop.pk)
    for name, value in changed.items():
        setattr(shop, name, value)
    if "title" in changed:
        shop.draft_title = shop.title
    shop.save()
    _publish(shop)
    return True


def _import_row(row: SourceRow, categories: dict, source: str, report: ImportReport):
    reading = _Row(row, categories)
    values, commune = reading.values()
    for warning in reading.warnings:
        report.warnings.append((row.number, warning))
    existing = _find_existing(values)
    if (
        existing is not None
        and values["osm_id"]
        and existing.osm_id
        and existing.osm_id != values["osm_id"]
    ):
        # Two OSM elements for one place (a node and the building's way, or a
        # duplicate in OSM): the first one read stays the listing's source.
        report.warnings.append(
            (
                row.number,
                _("same place as the listing from %(osm_id)s: not imported twice")
                % {"osm_id": existing.osm_id},
            )
        )
        report.unchanged += 1
        return
    if existing is None:
        _create(values, commune, row, source)
        report.created += 1
    elif existing.is_claimed:
        report.unchanged += 1  # its merchant keeps it; open data does not overwrite
    elif _update(existing, values, commune):
        report.updated += 1
    else:
        report.unchanged += 1


def _reason(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def listings_import(
    *,
    rows: Iterable[SourceRow],
    source: str = ListingSource.OSM,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Create or update unclaimed listings from ``rows``; never stops at a bad row."""
    categories = {
        (category.osm_key, category.osm_value): category
        for category in Category.objects.all()
    }
    report = ImportReport()
    for count, row in enumerate(rows, start=1):
        try:
            with transaction.atomic():
                _import_row(row, categories, source, report)
        except RowRejected as rejection:
            report.rejected.append((row.number, str(rejection)))
        except ValidationError as error:
            report.rejected.append((row.number, _reason(error)))
        except Exception as error:  # one bad row must never abort the import
            logger.exception("Import of row %s failed", row.number)
            report.rejected.append(
                (row.number, _("unexpected error: %(error)s") % {"error": error})
            )
        if progress and count % 100 == 0:
            progress(count)
    return report
