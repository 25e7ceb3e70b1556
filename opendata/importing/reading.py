"""Reading OSM GeoJSON and CSV files into rows of tags with a position.

A file that cannot be read at all raises ``ImportFileError``; a row that cannot be
read is still yielded, with its ``problem``, so that the import reports it and goes
on with the next one.
"""

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

OSM_ID = re.compile(r"^(node|way|relation)/(\d+)$")
OSM_SHORT_ID = re.compile(r"^([nwr])(\d+)$")
OSM_TYPES = {"n": "node", "w": "way", "r": "relation"}
LATITUDE_COLUMNS = ("@lat", "lat", "latitude")
LONGITUDE_COLUMNS = ("@lon", "lon", "lng", "longitude")


class ImportFileError(Exception):
    pass


@dataclass
class SourceRow:
    number: int  # the CSV line or the GeoJSON feature (from 1)
    tags: dict[str, str] = field(default_factory=dict)
    latitude: float | None = None
    longitude: float | None = None
    osm_id: str = ""
    problem: str = ""


def osm_id_parse(value) -> str:
    """``node/123``, ``n123`` → ``node/123``; anything else → ``""``."""
    text = str(value or "").strip()
    if match := OSM_ID.match(text):
        return text
    if match := OSM_SHORT_ID.match(text):
        return f"{OSM_TYPES[match[1]]}/{match[2]}"
    return ""


def _mean_point(points: list) -> tuple[float, float]:
    if len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]  # a closed ring repeats its first point
    lons = [float(point[0]) for point in points]
    lats = [float(point[1]) for point in points]
    return sum(lats) / len(lats), sum(lons) / len(lons)


def _position(geometry) -> tuple[float, float]:
    """A point for the feature: the point itself, or the middle of a way's outline."""
    kind = geometry["type"]
    coordinates = geometry["coordinates"]
    if kind == "Point":
        return float(coordinates[1]), float(coordinates[0])
    if kind in ("LineString", "MultiPoint"):
        return _mean_point(coordinates)
    if kind == "Polygon":
        return _mean_point(coordinates[0])
    if kind == "MultiPolygon":
        return _mean_point(coordinates[0][0])
    raise ValueError(kind)


def _text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()


def _feature_row(number: int, feature) -> SourceRow:
    row = SourceRow(number=number)
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        row.problem = _("not a GeoJSON Feature")
        return row
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        row.problem = _("its properties are not an object")
        return row
    # Some tools nest the tags (osmtogeojson's older output: properties.tags).
    tags = (
        dict(properties.get("tags") or {})
        if isinstance(properties.get("tags"), dict)
        else {}
    )
    tags.update(
        (key, value)
        for key, value in properties.items()
        if key != "tags" and not isinstance(value, dict | list)
    )
    row.osm_id = (
        osm_id_parse(tags.get("@id"))
        or osm_id_parse(feature.get("id"))
        or osm_id_parse(tags.get("id"))
        or osm_id_parse(f"{tags.get('type', '')}/{tags.get('id', '')}")
    )
    row.tags = {
        key: _text(value)
        for key, value in tags.items()
        if value is not None and not key.startswith("@") and key not in ("id", "type")
    }
    geometry = feature.get("geometry")
    if not geometry:
        row.problem = _("it has no geometry (no position)")
        return row
    try:
        row.latitude, row.longitude = _position(geometry)
    except (KeyError, IndexError, TypeError, ValueError, ZeroDivisionError):
        row.problem = _("its geometry cannot be read as a position")
    return row


def osm_geojson_rows(path: str | Path) -> Iterator[SourceRow]:
    """The features of an OSM GeoJSON FeatureCollection (overpass turbo, osmtogeojson,
    QGIS, ogr2ogr): tags as properties, ``@id`` or ``id`` like ``node/123``."""
    try:
        with open(path, encoding="utf-8-sig") as source:
            data = json.load(source)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFileError(
            _("The file cannot be read as GeoJSON: %(error)s") % {"error": error}
        ) from error
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportFileError(_("The file is not a GeoJSON FeatureCollection."))
    features = data.get("features")
    if not isinstance(features, list):
        raise ImportFileError(_("The FeatureCollection has no list of features."))
    for number, feature in enumerate(features, start=1):
        yield _feature_row(number, feature)


def _first(record: dict, columns: tuple[str, ...]) -> str:
    for column in columns:
        if (record.get(column) or "").strip():
            return record[column].strip()
    return ""


def _csv_row(number: int, record: dict) -> SourceRow:
    row = SourceRow(number=number, osm_id=osm_id_parse(record.get("@id")))
    if None in record:
        row.problem = _("it has more cells than the header has columns")
        return row
    skipped = {*LATITUDE_COLUMNS, *LONGITUDE_COLUMNS, "@id"}
    row.tags = {
        key.strip(): (value or "").strip()
        for key, value in record.items()
        if key and key.strip() not in skipped and (value or "").strip()
    }
    latitude, longitude = (
        _first(record, LATITUDE_COLUMNS),
        _first(record, LONGITUDE_COLUMNS),
    )
    if not latitude or not longitude:
        row.problem = _("the latitude or the longitude is missing (@lat, @lon)")
        return row
    try:
        row.latitude = float(latitude.replace(",", "."))
        row.longitude = float(longitude.replace(",", "."))
    except ValueError:
        row.problem = _("the latitude or the longitude is not a number")
    return row


def csv_rows(path: str | Path) -> Iterator[SourceRow]:
    """The records of a CSV with the export's columns (comma or semicolon)."""
    try:
        source = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
        sample = source.read(8192)
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFileError(
            _("The file cannot be read as UTF-8 text: %(error)s") % {"error": error}
        ) from error
    with source:
        source.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(source, dialect=dialect)
        header = reader.fieldnames or []
        if "name" not in header or not any(
            column in header for column in LATITUDE_COLUMNS
        ):
            raise ImportFileError(
                _(
                    "The first line must name the columns, with at least name, "
                    "@lat and @lon (the columns of the Vitrine export)."
                )
            )
        try:
            for record in reader:
                yield _csv_row(reader.line_num, record)
        except (csv.Error, UnicodeDecodeError) as error:
            raise ImportFileError(
                _("Line %(line)s cannot be read: %(error)s")
                % {"line": reader.line_num + 1, "error": error}
            ) from error
