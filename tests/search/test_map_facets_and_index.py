"""Multi-select facets, products highlighted, places beside shops, map clusters, and
the index kept equal to the database by ``search_index``."""

import io

from django.core.management import CommandError, call_command
from django.http import QueryDict

import pytest

from cms.models import Commune
from search.engine import client, index_name
from search.indexing import index_check, index_rebuild
from search.params import search_params_parse
from search.selectors import shops_search
from shops.models import Category, ShopPage
from tests.factories.pages import PlaceFactory, ShopPageFactory

pytestmark = pytest.mark.django_db
ROUBAIX = {"insee_code": "59512", "latitude": 50.6903, "longitude": 3.1817}
TOURCOING = {"insee_code": "59599", "latitude": 50.7236, "longitude": 3.1612}


def _results(**query):
    data = QueryDict(mutable=True)
    for key, value in query.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    params, errors = search_params_parse(data)
    assert errors == []
    return shops_search(params=params)


@pytest.fixture
def fishmonger():
    return Category.objects.get(osm_key="shop", osm_value="seafood")


@pytest.fixture
def coast(shops_index, fishmonger):
    ShopPageFactory(
        title="La Marée du Vieux-Lille",
        category=fishmonger,
        products=[
            {"name": "Huîtres creuses de Normandie", "price_cents": 1450},
            {"name": "Bulots", "price_cents": 900},
        ],
    )
    ShopPageFactory(title="Poissonnerie Delattre", category=fishmonger, **ROUBAIX)
    ShopPageFactory(title="Boulangerie Roubaisienne", **ROUBAIX)
    ShopPageFactory(title="Boulangerie du Fort", **TOURCOING)
    PlaceFactory(
        title="La Piscine, musée d'art et d'industrie",
        insee_code="59512",
        summary="Un musée dans une piscine Art déco",
        **{"latitude": 50.6886, "longitude": 3.1650},
    )
    index_rebuild("shops")
    index_rebuild("suggestions")
    index_rebuild("places")


def test_a_product_match_is_highlighted_in_the_results(coast, client):
    results = _results(q="huitres")
    # Every fishmonger sells oysters in a resident's mind; the one listing them leads.
    assert results.shops[0].title == "La Marée du Vieux-Lille"
    shop = results.shops[0]
    assert results.highlights[shop.pk] == ["<mark>Huîtres</mark> creuses de Normandie"]
    page = client.get("/search/", {"q": "huitres"}).content.decode()
    assert "<mark>Huîtres</mark> creuses de Normandie" in page
    body = client.get("/api/v1/search", {"q": "huitres"}).json()
    assert body["results"][0]["highlights"]["products"] == [
        "<mark>Huîtres</mark> creuses de Normandie"
    ]


def test_a_merchants_markup_in_a_product_name_is_shown_as_text(shops_index, client):
    ShopPageFactory(
        title="Épicerie Piège",
        products=[{"name": "Miel <script>alert(1)</script>", "price_cents": 500}],
    )
    index_rebuild("shops")
    page = client.get("/search/", {"q": "miel"}).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_checking_a_commune_keeps_the_other_communes_counted(coast):
    results = _results(commune="59512")
    assert sorted(shop.title for shop in results.shops) == [
        "Boulangerie Roubaisienne",
        "Poissonnerie Delattre",
    ]
    # Multi-select: Tourcoing and Lille still show how many a second tick would add.
    assert dict(results.facets["commune"]) == {"59350": 1, "59512": 2, "59599": 1}
    # The categories count inside the chosen commune.
    assert sorted(dict(results.facets["category"]).values()) == [1, 1]
    both = _results(commune=["59512", "59599"])
    assert both.total == 3


def test_checking_a_category_keeps_the_other_categories_counted(coast, fishmonger):
    results = _results(category=fishmonger.slug)
    assert results.total == 2
    assert dict(results.facets["category"])[fishmonger.slug] == 2
    assert len(results.facets["category"]) == 2


def test_places_to_discover_appear_beside_the_shops(coast, client):
    page = client.get("/search/", {"q": "musee piscine"}).content.decode()
    assert "La Piscine, musée d&#x27;art et d&#x27;industrie" in page


def test_the_map_gets_clusters_of_the_same_search(coast, client):
    response = client.get(
        "/api/v1/search/clusters", {"q": "poissonnerie", "zoom": "10"}
    )
    clusters = response.json()["clusters"]
    assert sum(cluster["count"] for cluster in clusters) == 2
    close = client.get("/api/v1/search/clusters", {"zoom": "16"}).json()["clusters"]
    # Both Roubaix shops stand at the same address: one cell, counted twice.
    assert sum(cluster["count"] for cluster in close) == 4 and len(close) == 3


def test_the_map_counts_only_the_communes_ticked(coast, client):
    clusters = client.get(
        "/api/v1/search/clusters", {"commune": "59512", "zoom": "16"}
    ).json()["clusters"]
    assert sum(cluster["count"] for cluster in clusters) == 2


def test_a_map_area_lists_only_the_shops_inside_it(coast):
    around_roubaix = "50.67,3.15,50.71,3.20"
    assert sorted(shop.title for shop in _results(bbox=around_roubaix).shops) == [
        "Boulangerie Roubaisienne",
        "Poissonnerie Delattre",
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"zoom": "0"},
        {"zoom": "twelve"},
        {"zoom": "12", "bbox": "50.7,3.2,50.6,3.1"},
        {"zoom": "12", "bbox": "1,2,3"},
        {"zoom": "12", "bbox": "10,10,11,11"},
    ],
)
def test_a_bad_zoom_or_area_is_refused_with_a_message(client, query):
    response = client.get("/api/v1/search/clusters", query)
    assert response.status_code == 400 and response.json()["errors"]


def test_the_commune_outlines_feed_the_map(client):
    outlines = client.get("/search/communes.geojson").json()
    assert len(outlines["features"]) == Commune.objects.count() == 95


def test_searches_keep_answering_while_the_index_is_rebuilt(coast):
    shop = ShopPage.objects.get(title="Boulangerie du Fort")
    # Renamed without a signal: only a rebuild will bring the new name in.
    ShopPage.objects.filter(pk=shop.pk).update(title="Boulangerie des Remparts")
    seen_during_rebuild = []

    def search_meanwhile(_done):
        seen_during_rebuild.append(_results(q="fort").total)

    index_rebuild("shops", progress=search_meanwhile)
    assert seen_during_rebuild and all(total == 1 for total in seen_during_rebuild)
    assert _results(q="remparts").total == 1 and _results(q="fort").total == 0


def test_check_reports_drift_and_repair_fixes_it(coast):
    shop = ShopPage.objects.get(title="Boulangerie du Fort")
    ShopPage.objects.filter(pk=shop.pk).update(title="Boulangerie des Remparts")
    gone = ShopPage.objects.get(title="Poissonnerie Delattre")
    ShopPage.objects.filter(pk=gone.pk).update(live=False)
    client().delete(
        index=index_name("shops"),
        id=str(ShopPage.objects.get(title="Boulangerie Roubaisienne").pk),
        refresh=True,
    )
    out = io.StringIO()
    with pytest.raises(CommandError, match="--repair"):
        call_command("search_index", "--check", "--only", "shops", stdout=out)
    assert "1 missing, 1 out of date, 1 left over" in out.getvalue()
    call_command("search_index", "--repair", stdout=io.StringIO())
    assert not index_check("shops")


def test_rebuild_command_reports_every_index(coast):
    out = io.StringIO()
    call_command("search_index", "--rebuild", stdout=out, stderr=io.StringIO())
    assert "Search index shops: 4 documents" in out.getvalue()
    assert "Search index places: 1 documents" in out.getvalue()


def test_the_command_says_what_to_do_when_the_engine_is_down(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("search_index", "--check", stdout=io.StringIO())


def test_suggestions_complete_product_names_and_categories(coast, client):
    body = client.get("/api/v1/search/suggest", {"q": "hui"}).json()
    assert body["suggestions"][0]["name"] == "La Marée du Vieux-Lille"
    assert body["suggestions"][0]["product"] == "Huîtres creuses de Normandie"
    categories = client.get("/api/v1/search/suggest", {"q": "poisson"}).json()
    assert categories["categories"][0]["name"].startswith("Poissonnerie")
    assert "category=" in categories["categories"][0]["url"]


def test_an_area_notice_shows_on_the_shops_it_concerns_in_the_results(coast, client):
    from tests.factories.pages import EventPageFactory

    EventPageFactory(
        kind="braderie",
        area="commune",
        insee_code="59512",
        latitude=50.6903,
        longitude=3.1817,
        notice="Grand-Place fermée à la circulation",
    )
    page = client.get("/search/", {"q": "poissonnerie"}).content.decode()
    assert page.count("Grand-Place fermée à la circulation") == 1


def test_coming_events_appear_beside_the_shops_and_past_ones_do_not(
    shops_index, client
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories.pages import EventPageFactory

    soon = timezone.now() + timedelta(days=3)
    EventPageFactory(
        title="Braderie du Vieux-Lille",
        kind="braderie",
        starts_at=soon,
        ends_at=soon + timedelta(hours=8),
    )
    EventPageFactory(
        title="Braderie de l'an dernier",
        kind="braderie",
        starts_at=soon - timedelta(days=365),
        ends_at=soon - timedelta(days=364),
    )
    index_rebuild("events")
    page = client.get("/search/", {"q": "braderie"}).content.decode()
    assert "Braderie du Vieux-Lille" in page
    assert "Braderie de l&#x27;an dernier" not in page
