"""Writes about the territory: loading the communes and their pages."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from cms.geo import outline_bounds
from cms.models import Commune, CommunePage, CommunesIndexPage

COMMUNES_FILE = Path(__file__).resolve().parent / "data" / "communes_mel.json"


@dataclass
class LoadSummary:
    """What a loading command did, printed at its end and asserted by tests."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        # Operator output, in English like Django's own commands.
        counts = (self.created, self.updated, self.unchanged)
        return "{} created, {} updated, {} unchanged".format(*counts)

    def upsert(self, model, *, lookup: dict, values: dict):
        """Create or update the row matching ``lookup`` and count which it was."""
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            self.created += 1
            return model.objects.create(**lookup, **values)
        if any(getattr(instance, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(instance, name, value)
            instance.save()
            self.updated += 1
        else:
            self.unchanged += 1
        return instance


def _commune_fields(record: dict) -> dict:
    min_lat, min_lon, max_lat, max_lon = outline_bounds(record["outline"])
    return {
        "name": record["name"],
        # slugify() drops "œ" (Annœullin → "annullin"); spell the ligature out first.
        "slug": slugify(record["name"].replace("œ", "oe").replace("Œ", "Oe")),
        "postal_codes": record["postal_codes"],
        "population": record["population"],
        "latitude": record["town_hall"]["latitude"],
        "longitude": record["town_hall"]["longitude"],
        "town_hall_address": record["town_hall"]["address"],
        "website": record["town_hall"]["website"],
        "outline": record["outline"],
        "min_latitude": min_lat,
        "min_longitude": min_lon,
        "max_latitude": max_lat,
        "max_longitude": max_lon,
    }


def communes_index_page() -> CommunesIndexPage:
    index = CommunesIndexPage.objects.first()
    if index is None:
        raise CommunesIndexPage.DoesNotExist(
            "The communes index page is missing: run `manage.py migrate` first."
        )
    return index


@transaction.atomic
def communes_load(*, path: Path = COMMUNES_FILE) -> LoadSummary:
    """Create or update each commune and its page; running it twice changes nothing."""
    records = json.loads(path.read_text(encoding="utf-8"))
    index = communes_index_page()
    summary = LoadSummary()
    for record in records:
        commune = summary.upsert(
            Commune,
            lookup={"insee_code": record["insee_code"]},
            values=_commune_fields(record),
        )
        if not CommunePage.objects.filter(commune=commune).exists():
            index.add_child(
                instance=CommunePage(
                    title=commune.name, slug=commune.slug, commune=commune
                )
            )
    return summary
