"""Importing listings from OpenStreetMap GeoJSON and from CSV files."""

import json
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from shops.models import ListingSource, ShopPage
from tests.factories.pages import ShopPageFactory
from tests.factories.people import VALID_SIRETS, merchant_with_shop

pytestmark = pytest.mark.django_db

SAMPLE = Path("opendata/samples/osm_lille_sample.geojson")


def _import(command: str, path, capsys) -> str:
    call_command(command, str(path))
    return capsys.readouterr().out


def _feature(number: int, properties: dict, lon=3.0635, lat=50.6366) -> dict:
    return {
        "type": "Feature",
        "id": f"node/{number}",
        "properties": properties,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


def _geojson(tmp_path, *features) -> Path:
    path = tmp_path / "export.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_the_sample_file_creates_unclaimed_listings_and_reports_each_rejection(
    capsys,
):
    out = _import("import_osm", SAMPLE, capsys)
    assert "created: 5, updated: 0, unchanged: 1, rejected: 4" in out
    assert "feature 5: rejected: it has no name" in out
    assert "feature 6: rejected: shop=supermarket is not one of Vitrine's" in out
    assert "feature 7: rejected: its position (48.85340, 2.34880) is outside" in out
    assert "feature 8: rejected: it has no geometry" in out
    assert "feature 4: ref:FR:SIRET “1234” left out" in out
    assert "feature 9: same place as the listing from node/9000000001" in out
    bakery = ShopPage.objects.get(osm_id="node/9000000001")
    assert bakery.live and not bakery.is_claimed and bakery.owner is None
    assert bakery.source == ListingSource.OSM
    assert bakery.commune.insee_code == "59350"
    assert bakery.street_address == "18 Rue de la Monnaie"
    assert bakery.hours_confirmed_at.date().isoformat() == "2026-09-14"
    cheese = ShopPage.objects.get(osm_id="way/9000000002")  # a polygon's middle
    assert cheese.opening_hours == "Tu-Sa 09:00-12:30,15:00-19:00"  # normalised
    assert ShopPage.objects.get(osm_id="node/9000000003").commune.name == "Roubaix"
    assert ShopPage.objects.get(osm_id="node/9000000010").commune.insee_code == (
        "59009"
    )


def test_importing_the_same_file_again_changes_nothing(capsys):
    _import("import_osm", SAMPLE, capsys)
    revisions = {shop.pk: shop.latest_revision_id for shop in ShopPage.objects.all()}
    out = _import("import_osm", SAMPLE, capsys)
    assert "created: 0, updated: 0, unchanged: 6, rejected: 4" in out
    assert {
        shop.pk: shop.latest_revision_id for shop in ShopPage.objects.all()
    } == revisions


def test_a_changed_tag_updates_the_unclaimed_listing(tmp_path, capsys):
    tags = {"name": "Primeur du marché", "shop": "greengrocer"}
    _import("import_osm", _geojson(tmp_path, _feature(1, tags)), capsys)
    tags["opening_hours"] = "Mo-Sa 08:00-13:00"
    out = _import("import_osm", _geojson(tmp_path, _feature(1, tags)), capsys)
    assert "created: 0, updated: 1, unchanged: 0" in out
    assert ShopPage.objects.get(osm_id="node/1").opening_hours == "Mo-Sa 08:00-13:00"


def test_duplicates_are_found_by_siret_and_by_name_within_50_metres(tmp_path, capsys):
    by_siret = ShopPageFactory(title="Chez Paul", siret=VALID_SIRETS[2])
    ShopPageFactory(title="La Cave à Fromages", latitude=50.6300, longitude=3.0600)
    features = [
        _feature(
            1, {"name": "Paul", "shop": "bakery", "ref:FR:SIRET": VALID_SIRETS[2]}
        ),
        # 30 m away, same name once accents and case are set aside
        _feature(2, {"name": "la cave a fromages", "shop": "cheese"}, 3.0604, 50.6301),
        # 150 m away: another shop of the same name
        _feature(3, {"name": "La Cave à Fromages", "shop": "cheese"}, 3.0620, 50.6300),
    ]
    out = _import("import_osm", _geojson(tmp_path, *features), capsys)
    assert "created: 1, updated: 0, unchanged: 2" in out  # merchants' own listings
    by_siret.refresh_from_db()
    assert by_siret.title == "Chez Paul" and by_siret.is_claimed


def test_a_merchants_own_listing_is_never_overwritten(tmp_path, capsys):
    _merchant, shop = merchant_with_shop(name="Fournil Test", siret=VALID_SIRETS[0])
    feature = _feature(
        1, {"name": "Autre nom", "shop": "bakery", "ref:FR:SIRET": VALID_SIRETS[0]}
    )
    out = _import("import_osm", _geojson(tmp_path, feature), capsys)
    assert "unchanged: 1" in out
    shop.refresh_from_db()
    assert shop.title == "Fournil Test" and shop.osm_id == ""


def test_csv_import_reports_bad_lines_by_number_and_goes_on(tmp_path, capsys):
    path = tmp_path / "shops.csv"
    path.write_text(
        "name;shop;craft;opening_hours;@lat;@lon\n"
        "Épicerie du coin;convenience;;Mo-Sa 08:00-20:00;50.6366;3.0635\n"
        "Sans position;bakery;;;;\n"
        "Position folle;bakery;;;abc;3.06\n"
        "Horaires fous;deli;;tous les jours sauf quand il pleut;50.6370;3.0640\n",
        encoding="utf-8",
    )
    out = _import("import_csv", path, capsys)
    assert "line 3: rejected: the latitude or the longitude is missing" in out
    assert "line 4: rejected: the latitude or the longitude is not a number" in out
    assert "line 5: opening_hours “tous les jours sauf quand il pleut” left out" in out
    assert "created: 2, updated: 0, unchanged: 0, rejected: 2" in out
    assert ShopPage.objects.get(title="Épicerie du coin").source == ListingSource.CSV


def test_an_unreadable_file_stops_with_a_clear_message(tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="cannot be read as GeoJSON"):
        call_command("import_osm", str(path))
    path.write_text("just;some;text\n1;2;3\n")
    with pytest.raises(CommandError, match="name, @lat and @lon"):
        call_command("import_csv", str(path))


def test_an_unclaimed_listing_says_so_on_its_public_page(client, capsys):
    _import("import_osm", SAMPLE, capsys)
    shop = ShopPage.objects.get(osm_id="node/9000000001")
    html = client.get(shop.url).content.decode()
    assert "OpenStreetMap" in html and f"/merchants/claim/{shop.pk}/" in html


def test_trades_tagged_craft_or_shop_import_into_the_same_categories(tmp_path, capsys):
    features = [
        _feature(11, {"name": "Clés Minute", "craft": "locksmith"}),
        _feature(12, {"name": "Retouches Rapides", "craft": "tailor"}, lat=50.637),
        _feature(13, {"name": "Fournil Artisan", "craft": "bakery"}, lat=50.638),
        _feature(14, {"name": "Bijoux d'Or", "craft": "jeweller"}, lat=50.639),
        _feature(
            15,
            {"name": "Serrures & Co", "shop": "yes", "craft": "locksmith"},
            lat=50.64,
        ),
        _feature(16, {"name": "Hyper", "shop": "supermarket"}, lat=50.641),
        _feature(17, {"name": "Hyper 2", "shop": "supermarket"}, lat=50.642),
    ]

    out = _import("import_osm", _geojson(tmp_path, *features), capsys)

    categories = dict(
        ShopPage.objects.filter(osm_id__startswith="node/1").values_list(
            "title", "category__osm_value"
        )
    )
    assert categories == {
        "Clés Minute": "locksmith",
        "Retouches Rapides": "tailor",
        "Fournil Artisan": "bakery",
        "Bijoux d'Or": "jewelry",
        "Serrures & Co": "locksmith",
    }
    assert "Still left out, by reason:" in out
    assert "2: shop=supermarket is not one of Vitrine's categories" in out
