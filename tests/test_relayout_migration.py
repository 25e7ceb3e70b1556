"""A database created before the re-layout of issue 12 migrates and keeps every row.

``tests/data/demo_before_relayout.sqlite3.gz`` was made by main at af7d893 (before
the move): ``migrate``, ``load_communes``, ``load_categories``,
``create_commune_groups``, ``load_demo --shops 120 --places 20``,
``create_demo_accounts``, ``load_demo_orders``, ``import_osm`` of the sample, then an
API key with a day of use, a listing claim and five published shop revisions. The
new code migrates a copy in a process of its own, then every row of every table is
still there and every page and page revision loads as its own type.
"""

import gzip
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = ROOT / "tests" / "data" / "demo_before_relayout.sqlite3.gz"
# Run in the migrated database: each page as its specific type, each revision as
# the object it saved, each content type of the project's apps as a model.
LOAD_EVERYTHING = """
import django
django.setup()
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Revision
labels = ["cms", "shops", "orders", "opendata", "search"]
missing = [
    str(ct) for ct in ContentType.objects.filter(app_label__in=labels)
    if ct.model_class() is None
]
assert not missing, missing
pages = [page.specific for page in Page.objects.all()]
revisions = [revision.as_object() for revision in Revision.objects.all()]
print(len(pages), len(revisions))
"""


def _rows(database: Path) -> dict[str, set]:
    """Each table's rows, by primary key (or whole row where there is none)."""
    with sqlite3.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'"
            )
        ]
        rows = {}
        for table in tables:
            columns = [
                row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')
            ]
            key = "id" if "id" in columns else "*"
            # Names read from sqlite_master itself, never from outside.
            query = f'SELECT {key} FROM "{table}"'  # noqa: S608
            rows[table] = set(connection.execute(query))
    return rows


def _manage(database: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "site")]),
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def test_a_database_from_before_the_relayout_migrates_and_keeps_every_row(tmp_path):
    database = tmp_path / "before.sqlite3"
    database.write_bytes(gzip.decompress(BEFORE.read_bytes()))
    before = _rows(database)
    assert len(before["shops_shoppage"]) > 100
    assert before["orders_order"] and before["opendata_apikey"]
    assert before["opendata_shopclaim"] and before["cms_eventpage"]

    _manage(database, "manage.py", "migrate", "--no-input", "-v", "0")

    after = _rows(database)
    lost = {table: rows - after.get(table, set()) for table, rows in before.items()}
    assert not {table: rows for table, rows in lost.items() if rows}
    pages, revisions = _manage(database, "-c", LOAD_EVERYTHING).stdout.split()
    assert int(pages) == len(before["wagtailcore_page"])
    assert int(revisions) == len(before["wagtailcore_revision"])
