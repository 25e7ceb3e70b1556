"""French vocabulary for the deterministic demo seed, read from ``demo/data/``.

The demo seed builds about 1,500 neighbourhood shops and 100 cultural points of
interest across the Lille metropolis. Random words look fake on screen, so the
JSON files of ``data/`` gather believable French data: what each OSM category
sells and at what 2026 price (``category_vocabulary.json``), how shopkeepers name
and describe their shop, usual opening hours (``hours_patterns.json``), local
first names, surnames, street names, and the kinds of places of interest with a
few real heritage sites (``poi_kinds.json``, ``poi_famous.json``).

The files keep their order and are read into tuples and dicts, so that a seeded
random generator always picks the same values. Conventions of the data:

* Name templates use only ``{surname}``, ``{first_name}``, ``{street}`` and
  ``{commune}``. No template puts an elidable word ("de", "le", "la") right
  before a placeholder, so the seed never has to handle "d'" or "l'".
* Pitches, descriptions and product names contain no placeholder and no brace.
* Prices are integer euro cents; units come from ``PRODUCT_UNITS``.
* Opening hours use a small, safe subset of the OSM ``opening_hours`` syntax.
"""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _frozen(value):
    """JSON arrays as tuples, all the way down: the data is read, never changed."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


def _read(name: str):
    return _frozen(json.loads((DATA / f"{name}.json").read_text(encoding="utf-8")))


PRODUCT_UNITS: tuple[str, ...] = _read("product_units")
HOURS_PATTERNS: dict[str, tuple[str, ...]] = _read("hours_patterns")
CATEGORY_VOCABULARY: dict[str, dict] = _read("category_vocabulary")
FIRST_NAMES: tuple[str, ...] = _read("first_names")
SURNAMES: tuple[str, ...] = _read("surnames")
STREET_NAMES: tuple[str, ...] = _read("street_names")
POI_KINDS: dict[str, dict] = _read("poi_kinds")
POI_FAMOUS: tuple[tuple[str, str, str, str], ...] = _read("poi_famous")
