"""Trails: distance and duration from the stops, live states, bad input."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from cms.models import TrailPage, TrailsIndexPage
from cms.routes import DETOUR_FACTOR, WALKING_KMH, trail_route, walking_km
from territory.geo import haversine_km
from tests.factories.pages import (
    PlaceFactory,
    ShopPageFactory,
    commune_page,
    trail_page,
)
from tests.factories.people import commune_staff

pytestmark = pytest.mark.django_db

# Rihour → Vieille Bourse → Hospice Comtesse, Lille (approximate real positions).
RIHOUR = (50.6365, 3.0620)
BOURSE = (50.6373, 3.0640)
COMTESSE = (50.6413, 3.0618)


def test_haversine_measures_great_circle_distances():
    # One degree of latitude is 111.195 km on the mean Earth sphere.
    assert haversine_km(50.0, 3.0, 51.0, 3.0) == pytest.approx(111.195, abs=0.01)
    # Town halls of Lille and Roubaix: 9.9 km as the crow flies.
    assert haversine_km(50.6309, 3.0709, 50.6912, 3.1740) == pytest.approx(
        9.89, abs=0.01
    )


def test_walking_distance_is_the_straight_line_lengthened_for_the_streets():
    straight = haversine_km(*RIHOUR, *BOURSE) + haversine_km(*BOURSE, *COMTESSE)
    assert walking_km([RIHOUR, BOURSE, COMTESSE]) == pytest.approx(
        straight * DETOUR_FACTOR
    )


@pytest.fixture
def vieux_lille():
    rihour = PlaceFactory(
        title="Palais Rihour", latitude=RIHOUR[0], longitude=RIHOUR[1]
    )
    bakery = ShopPageFactory(
        title="Fournil de la Bourse", latitude=BOURSE[0], longitude=BOURSE[1]
    )
    comtesse = PlaceFactory(
        title="Hospice Comtesse",
        latitude=COMTESSE[0],
        longitude=COMTESSE[1],
        opening_hours="Mo-Su 10:00-18:00",
    )
    trail = trail_page(title="Vieux-Lille", stops=[rihour, bakery, comtesse])
    return trail, (rihour, bakery, comtesse)


def test_the_route_adds_walking_time_and_time_at_each_stop(vieux_lille):
    trail, _stops = vieux_lille
    route = trail_route(trail)
    expected_km = walking_km([RIHOUR, BOURSE, COMTESSE])
    assert route.distance_km == pytest.approx(expected_km)
    assert route.walking_minutes == pytest.approx(expected_km / WALKING_KMH * 60, abs=1)
    assert route.visit_minutes == 30
    assert route.duration_minutes == route.walking_minutes + 30
    assert [stop.number for stop in route.stops] == [1, 2, 3]
    assert [c.name for c in route.communes] == ["Lille"]


def test_an_unpublished_stop_is_shown_unavailable_and_skipped(client, vieux_lille):
    trail, (_rihour, bakery, _comtesse) = vieux_lille
    bakery.unpublish()
    route = trail_route(TrailPage.objects.get(pk=trail.pk))
    assert [stop.available for stop in route.stops] == [True, False, True]
    assert route.distance_km == pytest.approx(walking_km([RIHOUR, COMTESSE]))
    response = client.get(trail.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fournil de la Bourse" not in html
    assert "Étape indisponible" in html and "Hospice Comtesse" in html


def test_a_deleted_stop_leaves_the_trail_standing(client, vieux_lille):
    trail, (rihour, _bakery, _comtesse) = vieux_lille
    rihour.delete()
    route = trail_route(TrailPage.objects.get(pk=trail.pk))
    assert [stop.available for stop in route.stops] == [False, True, True]
    assert client.get(trail.url).status_code == 200


def test_the_trail_page_shows_each_stops_live_state_a_map_and_print_styles(
    client, vieux_lille
):
    trail, _stops = vieux_lille
    html = client.get(trail.url).content.decode()
    assert html.count('<li class="trail-stop') == 3
    assert 'class="place-map place-map--route"' in html
    assert "place-map__route" in html  # the line joining the stops
    assert "status--open" in html or "status--closed" in html
    assert "30\u00a0%" in html  # the page says the distance is an estimate
    with open("site/static/css/vitrine.css", encoding="utf-8") as css:
        assert "@media print" in css.read()


def _add_trail_form(stops: list[int]) -> dict:
    return nested_form_data(
        {
            "title": "Mon parcours",
            "slug": "mon-parcours",
            "summary": "Une promenade.",
            "body": rich_text(""),
            "stops": inline_formset(
                [
                    {"page": page_id, "note": "", "visit_minutes": 15}
                    for page_id in stops
                ]
            ),
            "action-publish": "1",
        }
    )


def test_a_trail_with_one_stop_is_refused_with_a_clear_message(client):
    place = PlaceFactory()
    client.force_login(commune_staff())
    url = f"/admin/pages/add/cms/trailpage/{commune_page().pk}/"
    response = client.post(url, _add_trail_form([place.pk]))
    assert response.status_code == 200
    assert "au moins deux étapes" in response.content.decode()
    assert not TrailPage.objects.exists()


def test_staff_publish_a_trail_that_crosses_into_another_commune(client):
    lille_place = PlaceFactory()
    roubaix_place = PlaceFactory(insee_code="59512", latitude=50.6932, longitude=3.1683)
    client.force_login(commune_staff())
    url = f"/admin/pages/add/cms/trailpage/{commune_page().pk}/"
    response = client.post(url, _add_trail_form([lille_place.pk, roubaix_place.pk]))
    assert response.status_code == 302, response.content.decode()[:3000]
    trail = TrailPage.objects.get()
    assert trail.live
    assert [c.name for c in trail_route(trail).communes] == ["Lille", "Roubaix"]


def test_a_stop_must_be_a_place_or_a_shop(client):
    place = PlaceFactory()
    client.force_login(commune_staff())
    url = f"/admin/pages/add/cms/trailpage/{commune_page().pk}/"
    response = client.post(url, _add_trail_form([place.pk, commune_page("59512").pk]))
    assert response.status_code == 200
    assert (
        "point d&#x27;intérêt ou la page d&#x27;un commerce"
        in response.content.decode()
    )
    assert not TrailPage.objects.exists()


def test_the_trails_index_exists_and_lists_live_trails(client, vieux_lille):
    index = TrailsIndexPage.objects.get()
    html = client.get(index.url).content.decode()
    assert "Vieux-Lille" in html
