from django.http import QueryDict
from django.utils import timezone

import pytest

from cms.models import Commune
from search.indexing import index_rebuild
from search.params import search_params_parse
from search.queries import shop_search
from search.selectors import shops_search
from shops.models import Category
from tests.factories.pages import ShopPageFactory

pytestmark = pytest.mark.django_db

CLOSED_PORT_URL = "http://127.0.0.1:9"
ROUBAIX = {"insee_code": "59512", "latitude": 50.6903, "longitude": 3.1817}
LILLE = {"insee_code": "59350", "latitude": 50.6366, "longitude": 3.0635}
NEAR_ROUBAIX = {"lat": "50.6910", "lon": "3.1800"}
API = "/api/v1/search"
SUGGEST = "/api/v1/search/suggest"


def _querydict(data: dict) -> QueryDict:
    querydict = QueryDict(mutable=True)
    for key, value in data.items():
        querydict.setlist(key, value if isinstance(value, list) else [value])
    return querydict


def _names(**query) -> list[str]:
    params, errors = search_params_parse(_querydict(query))
    assert errors == []
    return sorted(shop.title for shop in shops_search(params=params).shops)


@pytest.fixture
def florist():
    return Category.objects.get(osm_key="shop", osm_value="florist")


@pytest.fixture
def metropolis(shops_index, florist):
    ShopPageFactory(
        title="Boulangerie Vandamme",
        offers_click_and_collect=True,
        wheelchair="yes",
        **ROUBAIX,
    )
    ShopPageFactory(title="Boulangerie du Beffroi", verified_at=timezone.now(), **LILLE)
    ShopPageFactory(
        title="Fleurs de Lys", category=florist, pitch="Bouquets de saison", **LILLE
    )
    plumber = ShopPageFactory(
        title="Plomberie Martin",
        category=Category.objects.get(osm_value="plumber"),
        pitch="Dépannage",
        **LILLE,
    )
    plumber.served_communes.add(Commune.objects.get(insee_code="59512"))
    plumber.save_revision().publish()
    index_rebuild("shops")
    index_rebuild("suggestions")


def test_filters_sit_in_bool_filter_and_facets_are_requested():
    query = shop_search(
        text="pain", communes=["59512"], click_and_collect=True, near=(50.6, 3.1)
    ).to_dict()
    matched = query["query"]["function_score"]["query"]["bool"]
    typo_tolerant = matched["must"][0]["bool"]["should"][0]
    assert typo_tolerant["match"]["all_text.folded"]["query"] == "pain"
    assert len(matched["filter"]) == 1
    # The chosen commune narrows the hits after the facets are counted.
    assert query["post_filter"] == {
        "bool": {"filter": [{"terms": {"communes_reached": ["59512"]}}]}
    }
    commune_facet = query["aggs"]["commune"]["aggs"]["terms"]["terms"]
    assert commune_facet == {"field": "communes_reached", "size": 100}
    assert query["aggs"]["category"]["aggs"]["terms"]["terms"]["size"] == 200
    assert "filter" in query["aggs"]["click_and_collect"]
    assert "_geo_distance" in query["sort"][-1]


def test_a_commune_filter_keeps_its_shops_and_the_craftworkers_serving_it(
    metropolis,
):
    assert _names(commune="59512") == ["Boulangerie Vandamme", "Plomberie Martin"]


def test_a_category_filter_keeps_only_that_category(metropolis, florist):
    assert _names(category=florist.slug) == ["Fleurs de Lys"]


def test_click_and_collect_verified_and_wheelchair_filters(metropolis):
    assert _names(click_and_collect="1") == ["Boulangerie Vandamme"]
    assert _names(verified="1") == ["Boulangerie du Beffroi"]
    assert _names(wheelchair="1") == ["Boulangerie Vandamme"]
    assert _names(q="boulangerie", commune="59350") == ["Boulangerie du Beffroi"]


def test_near_me_keeps_shops_within_the_radius_nearest_first(metropolis):
    params, _errors = search_params_parse(
        _querydict({**NEAR_ROUBAIX, "radius_km": "3"})
    )
    results = shops_search(params=params)
    assert [shop.title for shop in results.shops] == ["Boulangerie Vandamme"]
    params, _errors = search_params_parse(_querydict(NEAR_ROUBAIX))
    rows = shops_search(params=params).rows
    assert rows[0][0].title == "Boulangerie Vandamme"
    distances = [distance for _shop, distance in rows]
    assert distances == sorted(distances)
    assert 0 <= distances[0] < 0.5 and 8 < distances[-1] < 12


def test_facets_count_communes_categories_and_click_and_collect(metropolis, florist):
    results = shops_search(text="")
    # The plumber based in Lille serves Roubaix: counted in both communes.
    assert dict(results.facets["commune"]) == {"59350": 3, "59512": 2}
    assert dict(results.facets["category"])[florist.slug] == 1
    assert results.click_and_collect_count == 1
    assert results.labels["commune"]["59512"] == "Roubaix"


@pytest.mark.parametrize(
    "data",
    [
        {"lat": "95", "lon": "3.1"},
        {"lat": "50.6", "lon": "nan"},
        {"lat": "50.6"},
        {"lat": "50.6", "lon": "3.1", "radius_km": "0"},
        {"lat": "50.6", "lon": "3.1", "radius_km": "51"},
        {"page": "abc"},
        {"page": "501"},
        {"family": "spaceships"},
        {"commune": "Lille"},
    ],
)
def test_bad_parameters_are_refused_with_a_message(data):
    params, errors = search_params_parse(_querydict(data))
    assert params is None and errors and all(isinstance(e, str) for e in errors)


def test_more_than_ten_communes_are_refused():
    querydict = _querydict({})
    querydict.setlist("commune", [f"59{n:03d}" for n in range(11)])
    assert search_params_parse(querydict)[1]


def test_text_is_truncated_and_loses_control_characters():
    params, _errors = search_params_parse(_querydict({"q": "pain\x00\x1b" + "x" * 500}))
    assert params.text.startswith("pain") and "\x00" not in params.text
    assert len(params.text) == 200


def test_the_page_filters_by_facet_and_shows_the_distance(client, metropolis):
    response = client.get(
        "/search/", {"commune": "59512", "click_and_collect": "1", **NEAR_ROUBAIX}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Boulangerie Vandamme" in html and "Fleurs de Lys" not in html
    assert "<fieldset" in html and "<legend>" in html
    assert 'name="commune" value="59512" checked' in html
    assert "0,1 km" in html or "0.1 km" in html


def test_the_page_answers_400_with_an_alert_for_bad_parameters(client, shops_index):
    response = client.get("/search/", {"lat": "95", "lon": "3.1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "<form" in html


def test_the_api_returns_results_counts_and_facets(client, metropolis):
    response = client.get(API, {"commune": "59512", **NEAR_ROUBAIX})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and body["page"] == 1
    first = body["results"][0]
    assert set(first) == {
        "id",
        "name",
        "category",
        "commune",
        "address",
        "coordinates",
        "distance_km",
        "url",
        "open_now",
        "next_change",
        "highlights",
    }
    assert first["name"] == "Boulangerie Vandamme"
    assert first["coordinates"] == {"lat": 50.6903, "lon": 3.1817}
    assert 0 <= first["distance_km"] < 0.5
    assert first["commune"]["insee"] == "59512"
    assert isinstance(first["open_now"], bool)
    assert first["next_change"] is None or "T" in first["next_change"]
    assert {"key": "59512", "count": 2} in body["facets"]["commune"]
    assert body["facets"]["click_and_collect"] == 1


@pytest.mark.parametrize(
    "data", [{"lat": "95", "lon": "3.1"}, {"radius_km": "0"}, {"page": "abc"}]
)
def test_the_api_answers_400_with_errors_for_bad_parameters(client, data):
    response = client.get(API, data)
    assert response.status_code == 400
    assert response.json()["errors"]


def test_suggestions_complete_names_from_two_letters(client, metropolis):
    names = [
        s["name"] for s in client.get(SUGGEST, {"q": "boul"}).json()["suggestions"]
    ]
    assert sorted(names) == ["Boulangerie Vandamme", "Boulangerie du Beffroi"]
    too_short = client.get(SUGGEST, {"q": "b"}).json()
    assert too_short == {"categories": [], "suggestions": []}


@pytest.mark.parametrize("text", ["*", '"', "AND (", "name:", "boul*", ")(][{"])
def test_query_syntax_characters_never_cause_a_server_error(client, metropolis, text):
    assert client.get(API, {"q": text}).status_code == 200
    assert client.get(SUGGEST, {"q": text}).status_code == 200
    assert client.get("/search/", {"q": text}).status_code == 200
