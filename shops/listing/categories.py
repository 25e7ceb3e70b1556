"""Writes about shops: for now the category taxonomy."""

import json
from pathlib import Path

from django.db import transaction

from shops.models import Category
from web.commands import LoadSummary

# The taxonomy is the shops app's data: shops/data/categories_osm.json.
CATEGORIES_FILE = (
    Path(__file__).resolve().parent.parent / "data" / "categories_osm.json"
)


def _category_slug(record: dict) -> str:
    return f"{record['osm_key']}-{record['osm_value']}".replace("_", "-")


@transaction.atomic
def categories_load(*, path: Path = CATEGORIES_FILE) -> LoadSummary:
    """Create or update the OSM-based categories; running it twice changes nothing."""
    summary = LoadSummary()
    for record in json.loads(path.read_text(encoding="utf-8")):
        values = {
            "slug": _category_slug(record),
            "family": record["family"],
            "name_fr": record["name_fr"],
            "name_en": record["name_en"],
            "name_nl": record["name_nl"],
            "terms": {lang: record[f"terms_{lang}"] for lang in ("fr", "en", "nl")},
        }
        summary.upsert(
            Category,
            lookup={"osm_key": record["osm_key"], "osm_value": record["osm_value"]},
            values=values,
        )
    return summary
