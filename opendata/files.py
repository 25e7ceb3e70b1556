"""The export files: written once per version of the data, then served from disk.

A version is a hash of cheap aggregates (count, ids, latest publication, latest
hours confirmation), so the first download after a change writes a new file and
every later one streams it. Writing reads the database in chunks and writes line by
line, so memory stays flat whatever the size; ``opendata_export`` (nightly) writes
them ahead of time and drops the files of older versions.
"""

import csv
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils import translation

from opendata.datasets import DATASETS, LICENCE, Dataset

FORMATS = ("geojson", "csv")


@dataclass(frozen=True)
class ExportFile:
    path: Path
    version: str
    last_modified: datetime | None


def _root() -> Path:
    root = Path(settings.OPENDATA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


def _write_csv(dataset: Dataset, out) -> int:
    writer = csv.DictWriter(out, fieldnames=dataset.column_names, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in dataset.rows():
        writer.writerow(row)
        count += 1
    return count


def _write_geojson(dataset: Dataset, out) -> int:
    header = {
        "type": "FeatureCollection",
        "name": dataset.slug,
        "title": str(dataset.title),
        "license": LICENCE,
    }
    # The collection's header, then one feature per line: the file never needs to
    # be held whole, neither here nor by a reader that splits lines.
    out.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "features": [\n')
    count = 0
    for row in dataset.rows():
        lat, lon = row.pop("@lat"), row.pop("@lon")
        feature = {
            "type": "Feature",
            "id": row["vitrine:id"],
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {key: value for key, value in row.items() if value != ""},
        }
        out.write(
            ("" if count == 0 else ",\n") + json.dumps(feature, ensure_ascii=False)
        )
        count += 1
    out.write("\n]}\n")
    return count


WRITERS = {"csv": _write_csv, "geojson": _write_geojson}


def export_write(*, dataset: Dataset, fmt: str, path: Path) -> int:
    """Write the whole file next to ``path``, then move it in place atomically."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        # One file serves every visitor: written in the site's language.
        with (
            os.fdopen(handle, "w", encoding="utf-8", newline="") as out,
            translation.override(settings.LANGUAGE_CODE),
        ):
            count = WRITERS[fmt](dataset, out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def export_file(*, slug: str, fmt: str, force: bool = False) -> ExportFile:
    """The file of the current version, written first if it does not exist yet."""
    dataset = DATASETS[slug]
    state = dataset.state()
    version = dataset.version(state)
    path = _root() / f"{slug}-{version}.{fmt}"
    if force or not path.exists():
        export_write(dataset=dataset, fmt=fmt, path=path)
        _drop_older(slug=slug, fmt=fmt, keep=path)
    return ExportFile(
        path=path, version=version, last_modified=dataset.last_modified(state)
    )


def _drop_older(*, slug: str, fmt: str, keep: Path) -> None:
    for old in _root().glob(f"{slug}-*.{fmt}"):
        if old != keep:
            old.unlink(missing_ok=True)


def exports_refresh(*, force: bool = False) -> list[tuple[str, str, ExportFile]]:
    """Write every file of every dataset (the nightly run)."""
    return [
        (slug, fmt, export_file(slug=slug, fmt=fmt, force=force))
        for slug in DATASETS
        for fmt in FORMATS
    ]
