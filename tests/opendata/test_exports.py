"""The downloadable files: OSM keys, licence, Table Schema, caching, regeneration,
and the round trip export → import into an empty directory → export."""

import csv
import io
import json

from django.core.management import call_command
from django.utils import timezone

import pytest

from cms.models import PointOfInterestPage
from shops.models import Category, ShopPage
from tests.factories.pages import PlaceFactory, ShopPageFactory
from tests.factories.people import VALID_SIRETS, merchant_with_shop

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    return b"".join(response.streaming_content).decode()


def _csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(_body(response))))


@pytest.fixture
def shops():
    bakery = ShopPageFactory(
        title="Fournil de la Grand-Place",
        street_address="12 bis rue Nationale",
        phone="03 20 00 00 01",
        website="https://fournil.example.org",
        wheelchair="limited",
        siret=VALID_SIRETS[1],
        email="patron@example.org",
        hours_confirmed_at=timezone.now(),
    )
    cobbler = ShopPageFactory(
        title="Cordonnerie de Roubaix",
        category=Category.objects.get(osm_key="craft", osm_value="shoemaker"),
        insee_code="59512",
        street_address="Grande Rue",
        postal_code="59100",
        latitude=50.6909,
        longitude=3.1817,
        opening_hours="Mo-Fr 09:00-18:00",
    )
    return bakery, cobbler


def test_shops_csv_uses_osm_keys_and_publishes_no_personal_data(client, shops):
    merchant_with_shop(name="Brouillon privé")
    response = client.get("/open-data/shops.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert [row["name"] for row in rows] == [
        "Fournil de la Grand-Place",
        "Cordonnerie de Roubaix",
    ]
    bakery, cobbler = rows
    assert bakery["shop"] == "bakery" and bakery["craft"] == ""
    assert cobbler["craft"] == "shoemaker" and cobbler["ref:INSEE"] == "59512"
    assert (bakery["addr:housenumber"], bakery["addr:street"]) == (
        "12 bis",
        "rue Nationale",
    )
    assert bakery["ref:FR:SIRET"] == VALID_SIRETS[1]
    assert bakery["wheelchair"] == "limited"
    assert bakery["check_date:opening_hours"] == timezone.localdate().isoformat()
    assert bakery["vitrine:url"].startswith("http://127.0.0.1:8000/communes/lille/")
    assert "patron@example.org" not in _body(client.get("/open-data/shops.csv"))


def test_geojson_features_are_points_with_tags_and_the_licence(client, shops):
    data = json.loads(_body(client.get("/open-data/shops.geojson")))
    assert data["type"] == "FeatureCollection"
    assert data["license"]["name"] == "etalab-2.0"
    feature = data["features"][1]
    assert feature["geometry"] == {"type": "Point", "coordinates": [3.1817, 50.6909]}
    assert feature["properties"]["craft"] == "shoemaker"
    assert "shop" not in feature["properties"]  # empty tags are left out, as in OSM


def test_the_table_schema_describes_every_csv_column(client, shops):
    schema = client.get("/open-data/shops.schema.json").json()
    header = _body(client.get("/open-data/shops.csv")).splitlines()[0].split(",")
    assert [field["name"] for field in schema["fields"]] == header
    assert schema["licenses"][0]["title"].startswith("Licence Ouverte")
    places = client.get("/open-data/points-of-interest.schema.json").json()
    assert "tourism" in [field["name"] for field in places["fields"]]


def test_points_of_interest_export_with_their_osm_tags(client):
    PlaceFactory(title="Beffroi de l'essai", kind=PointOfInterestPage.Kind.BELFRY)
    row = _csv(client.get("/open-data/points-of-interest.csv"))[0]
    assert (row["man_made"], row["tower:type"], row["addr:city"]) == (
        "tower",
        "bell_tower",
        "Lille",
    )


def test_files_carry_caching_headers_and_answer_304_until_data_change(client, shops):
    first = client.get("/open-data/shops.geojson")
    _body(first)
    etag = first["ETag"]
    assert "public" in first["Cache-Control"] and first["Link"]
    assert (
        client.get("/open-data/shops.geojson", HTTP_IF_NONE_MATCH=etag).status_code
        == 304
    )
    ShopPageFactory(title="Nouvelle boutique")
    again = client.get("/open-data/shops.geojson", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and "Nouvelle boutique" in _body(again)


def test_the_nightly_command_writes_every_file(shops, capsys):
    call_command("opendata_export")
    out = capsys.readouterr().out
    for name in ("shops.csv", "shops.geojson", "points-of-interest.csv"):
        assert name in out


def _without_ids(text: str, fmt: str):
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        for row in rows:
            del row["vitrine:id"]
        return rows
    data = json.loads(text)
    for feature in data["features"]:
        del feature["id"]
        del feature["properties"]["vitrine:id"]
    return data


@pytest.mark.parametrize(
    ("fmt", "command"), [("csv", "import_csv"), ("geojson", "import_osm")]
)
def test_round_trip_export_import_export_gives_the_same_file(
    client, shops, tmp_path, fmt, command
):
    ShopPageFactory(title="Sans horaires", opening_hours="", street_address="")
    shops[1].osm_id = "node/42"
    shops[1].save()
    before = _body(client.get(f"/open-data/shops.{fmt}"))
    ShopPage.objects.all().delete()
    exported = tmp_path / f"shops.{fmt}"
    exported.write_text(before)
    call_command(command, str(exported))
    assert ShopPage.objects.filter(is_claimed=False).count() == 3
    after = _body(client.get(f"/open-data/shops.{fmt}"))
    assert _without_ids(after, fmt) == _without_ids(before, fmt)


def test_events_export_dates_commune_and_notice(client):
    from tests.factories.pages import EventPageFactory

    EventPageFactory(
        title="Braderie d'essai",
        kind="braderie",
        area="commune",
        notice="Centre fermé à la circulation",
    )
    row = _csv(client.get("/open-data/events.csv"))[0]
    assert (row["name"], row["vitrine:kind"], row["ref:INSEE"]) == (
        "Braderie d'essai",
        "braderie",
        "59350",
    )
    assert row["vitrine:notice"] == "Centre fermé à la circulation"
    assert "T" in row["start_date"] and row["@lat"]
    schema = json.loads(client.get("/open-data/events.schema.json").content)
    assert [field["name"] for field in schema["fields"]][:3] == [
        "vitrine:id",
        "name",
        "vitrine:kind",
    ]
    download = client.get("/open-data/events.geojson")
    feature = json.loads(b"".join(download.streaming_content))["features"][0]
    assert feature["geometry"]["type"] == "Point"
