"""Writes about the territory: loading the communes and their pages."""

import json
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from cms.models import Commune, CommunePage, CommunesIndexPage
from territory.geo import outline_bounds
from web.commands import LoadSummary

COMMUNES_FILE = Path(__file__).resolve().parent / "data" / "communes_mel.json"


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
