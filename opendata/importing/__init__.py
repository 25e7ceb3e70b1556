"""Imports of listings from open data: reading files (``reading``), then creating or
updating unclaimed listings row by row (``applying``)."""

from opendata.importing.applying import ImportReport, listings_import
from opendata.importing.reading import (
    ImportFileError,
    SourceRow,
    csv_rows,
    osm_geojson_rows,
)

__all__ = [
    "ImportFileError",
    "ImportReport",
    "SourceRow",
    "csv_rows",
    "listings_import",
    "osm_geojson_rows",
]
